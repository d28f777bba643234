pragma circom 2.1.0;

include "lib.circom";
include "circomlib/circuits/escalarmulfix.circom";

// One action on a private position in a KeelPrivatePool (circuit v3): spend the old note (its nullifier), insert the
// new one at leaf `nextIndex` of the pool's current tree, and prove that
//   the old note is in a tree whose root is `memberRoot` (unless it is the empty note that opens a position): the pool
//   accepts its current root, one of its last ROOT_HISTORY roots, or the final root of a full tree it rolled over
//   (audit f H-1: a full tree starts a new one, its notes stay spendable), and `newRoot` is `root` with the new note
//   written at `nextIndex`, empty before (the same siblings hash both paths): the pool checks that `root` is its
//   current tree's root and `nextIndex` its next leaf, then stores `newRoot` and hashes nothing;
//   an exit — a new note holding nothing (no collateral, no share) — inserts nothing: `newCommitment` is 0 and
//   `newRoot` is `root` (audit f H-1: closing a position takes no leaf and needs no current root, so no race);
//   new collateral = old collateral ± the collateral moved, new debt shares = old shares ± the shares moved (the sign
//   bits of `deltas` say which; the 96-bit range checks on the new values make any underflow unprovable);
//   the new note is encrypted to the liquidators' key: (ephKey, ct0, ct1, ct2) decrypts to it, so no owner can hide
//   a position from liquidation;
//   mode 1 (every owner action): the owner's key opens the note, the new note is within the threshold `ltv` at the
//   public prices, rounded like Keel's HealthLib (collateral value down, debt value up; shares → assets up via
//   debtIndex), and it owes no share or at least `minDebt` base units at debtIndex (no dust debt nobody liquidates);
//   mode 2 (liquidation, by anyone holding the note's opening — the liquidators decrypt it — and no owner key): the
//   OLD note's debt value is above its collateral value × ltv (the pool passes the market's LT, not LTV), all its
//   shares are repaid, the seized collateral's value (rounded up) is at most the debt value × (1 + LIQ_BONUS), and the
//   rest stays the owner's as a debt-free note whose blinding is Poseidon(old blinding), so the owner can find it.
//   No other mode proves (v1's mode 0, no health check, is gone: audit3 A3-P2 in the circuit).
// Packed public inputs (each part range-checked by one bit decomposition below 2^254, so the split is unique):
//   deltas = collateral moved + shares moved·2^96 + collateral out·2^192 + shares out·2^193 (the last two: sign bits);
//   prices = collateralPrice + debtPrice·2^96;
//   params = mode + ltv·2^2 + debtIndex·2^66 + nextIndex·2^162 + minDebt·2^(162 + DEPTH) (2 + 64 + 96 + DEPTH + 64 bits:
//   246 at depth 20).
// `binding` is keccak256(chainid, pool, recipient, keccak256(memo)) reduced to the field: bound, unused (audit P-b).
// Amounts are token base units: collateral of COLL_SCALE = 10^collateral decimals, debt shares of the Keel market
// (assets = shares × debtIndex / 1e18, rounded up); prices are USD per whole token, WAD; ltv is WAD.
template PrivateVaultAction(DEPTH, COLL_SCALE, COLL_BITS, DEBT_SCALE, DEBT_BITS, LIQ_BONUS, LIQ_PUB_X, LIQ_PUB_Y) {
    var WAD = 1000000000000000000;
    var AMOUNT_BITS = 96;
    var LIQ_DEBT_BITS = 150;
    var BASE8[2] = [
        5299619240641551281634865583518297030282874472190772894086521144482721001553,
        16950150798460657717958625567821834550301663161624707787222815936182638968203
    ];

    // Public inputs: their order is the verifier's, and KeelPrivatePool builds them in this order.
    signal input root;
    signal input newRoot;
    signal input nullifier;
    signal input newCommitment;
    signal input deltas;
    signal input binding;
    signal input prices;
    signal input params;
    signal input ephKey;
    signal input ct0;
    signal input ct1;
    signal input ct2;
    signal input memberRoot;

    // Private inputs.
    signal input ownerKey;
    signal input ownerPub;
    signal input oldCollateral;
    signal input oldShares;
    signal input oldBlinding;
    signal input leafIndex;
    signal input siblings[DEPTH];
    signal input nextSiblings[DEPTH];
    signal input newCollateral;
    signal input newShares;
    signal input newBlinding;
    signal input ephSecret;

    // The packed public inputs, split (the widths range-check every part: 96-bit amounts, prices and debt index,
    // 64-bit ltv and minDebt, a DEPTH-bit leaf index, one-bit signs and modes).
    component deltaParts = Unpack(4, [AMOUNT_BITS, AMOUNT_BITS, 1, 1]);
    deltaParts.packed <== deltas;
    signal collateralMoved <== deltaParts.parts[0];
    signal sharesMoved <== deltaParts.parts[1];
    signal collateralOut <== deltaParts.parts[2] * collateralMoved;
    signal sharesOut <== deltaParts.parts[3] * sharesMoved;
    component pricesParts = Unpack(2, [AMOUNT_BITS, AMOUNT_BITS]);
    pricesParts.packed <== prices;
    signal collateralPrice <== pricesParts.parts[0];
    signal debtPrice <== pricesParts.parts[1];
    component paramsParts = Unpack(6, [1, 1, 64, AMOUNT_BITS, DEPTH, 64]);
    paramsParts.packed <== params;
    signal checkLtv <== paramsParts.parts[0];
    signal isLiq <== paramsParts.parts[1];
    signal ltv <== paramsParts.parts[2];
    signal debtIndex <== paramsParts.parts[3];
    signal nextIndex <== paramsParts.parts[4];
    signal minDebt <== paramsParts.parts[5];
    // mode is 1 (owner, health checked) or 2 (liquidation)
    checkLtv + isLiq === 1;

    // The notes' amounts are range-checked so no product below can wrap the field.
    component ranges[4];
    var ranged[4] = [oldCollateral, oldShares, newCollateral, newShares];
    for (var i = 0; i < 4; i++) {
        ranges[i] = Num2Bits(AMOUNT_BITS);
        ranges[i].in <== ranged[i];
    }
    // The owner's key opens the note, except in a liquidation.
    component pub = Poseidon(1);
    pub.inputs[0] <== ownerKey;
    (1 - isLiq) * (pub.out - ownerPub) === 0;
    component oldNote = NoteCommitment();
    oldNote.collateral <== oldCollateral;
    oldNote.shares <== oldShares;
    oldNote.ownerPub <== ownerPub;
    oldNote.blinding <== oldBlinding;

    // Nullifier: one per note and position, made from the note's opening (blinding), unlinkable without it.
    component nul = Poseidon(3);
    nul.inputs[0] <== oldNote.out;
    nul.inputs[1] <== leafIndex;
    nul.inputs[2] <== oldBlinding;
    nullifier === nul.out;

    // Membership, skipped for the empty note that opens a position (it holds nothing to steal).
    component tree = MerkleRoot(DEPTH);
    tree.leaf <== oldNote.out;
    tree.index <== leafIndex;
    tree.siblings <== siblings;
    component empty = IsZero();
    empty.in <== oldCollateral + oldShares;
    (tree.root - memberRoot) * (1 - empty.out) === 0;
    isLiq * empty.out === 0;

    // The insertion: the new note at leaf nextIndex, the rest of the tree unchanged — unless the new note holds nothing
    // (an exit: both amounts are range-checked to 96 bits, so their sum is 0 only when both are): then newCommitment
    // is 0, newRoot is root, and no leaf is taken.
    component closes = IsZero();
    closes.in <== newCollateral + newShares;
    closes.out * (newRoot - root) === 0;
    component insert = MerkleInsert(DEPTH);
    insert.enabled <== 1 - closes.out;
    insert.root <== root;
    insert.newRoot <== newRoot;
    insert.leaf <== newCommitment;
    insert.index <== nextIndex;
    insert.siblings <== nextSiblings;

    // Conservation: the new note is the old one plus the public token movement, for the same owner.
    newCollateral === oldCollateral + collateralMoved - 2 * collateralOut;
    newShares === oldShares + sharesMoved - 2 * sharesOut;
    component newNote = NoteCommitment();
    newNote.collateral <== newCollateral;
    newNote.shares <== newShares;
    newNote.ownerPub <== ownerPub;
    newNote.blinding <== newBlinding;
    newCommitment === (1 - closes.out) * newNote.out;

    // Health at the oracle's prices (HealthLib: valueDown(collateral).wMulDown(ltv) vs valueUp(debt)), of the new
    // note (borrow, withdraw) or of the old one (liquidation).
    signal posCollateral <== newCollateral + isLiq * (oldCollateral - newCollateral);
    signal posShares <== newShares + isLiq * (oldShares - newShares);
    component collValue = MulDiv(COLL_SCALE, COLL_BITS, 2 * AMOUNT_BITS - COLL_BITS + 1, 0);
    collValue.a <== posCollateral;
    collValue.b <== collateralPrice;
    component borrowLimit = MulDiv(WAD, 60, 2 * AMOUNT_BITS - COLL_BITS + 1 + 64 - 59, 0);
    borrowLimit.a <== collValue.q;
    borrowLimit.b <== ltv;
    component debtAssets = MulDiv(WAD, 60, 2 * AMOUNT_BITS - 59, 1);
    debtAssets.a <== posShares;
    debtAssets.b <== debtIndex;
    component debtValue = MulDiv(DEBT_SCALE, DEBT_BITS, 3 * AMOUNT_BITS - 59 - DEBT_BITS + 1, 1);
    debtValue.a <== debtAssets.q;
    debtValue.b <== debtPrice;
    component within = LessEqThan(3 * AMOUNT_BITS - 59 - DEBT_BITS + 1);
    within.in[0] <== debtValue.q;
    within.in[1] <== borrowLimit.q;
    checkLtv * (1 - within.out) === 0;
    isLiq * within.out === 0;

    // Minimum debt: an owner's new note owes no share or at least minDebt base units at debtIndex (rounded up), so a
    // partial repayment or a borrow cannot leave a debt too small to be worth liquidating. (A liquidation's new note
    // owes nothing: `isLiq * newShares === 0` below.)
    component noDebt = IsZero();
    noDebt.in <== newShares;
    component belowMin = LessThan(2 * AMOUNT_BITS - 59 + 1);
    belowMin.in[0] <== debtAssets.q;
    belowMin.in[1] <== minDebt;
    signal indebted <== checkLtv * (1 - noDebt.out);
    indebted * belowMin.out === 0;

    // Liquidation: every share repaid, seized value ≤ debt value × (1 + bonus), the rest a note the owner can find.
    isLiq * newShares === 0;
    component nextBlinding = Poseidon(1);
    nextBlinding.inputs[0] <== oldBlinding;
    isLiq * (newBlinding - nextBlinding.out) === 0;
    signal seized <== isLiq * (oldCollateral - newCollateral);
    component seizedRange = Num2Bits(AMOUNT_BITS);
    seizedRange.in <== seized;
    component seizedValue = MulDiv(COLL_SCALE, COLL_BITS, 2 * AMOUNT_BITS - COLL_BITS + 1, 1);
    seizedValue.a <== seized;
    seizedValue.b <== collateralPrice;
    signal liqDebt <== isLiq * debtValue.q;
    component liqDebtRange = Num2Bits(LIQ_DEBT_BITS);
    liqDebtRange.in <== liqDebt;
    component seizeCap = MulDiv(WAD, 60, LIQ_DEBT_BITS + 1, 0);
    seizeCap.a <== liqDebt;
    seizeCap.b <== WAD + LIQ_BONUS;
    component seizeWithin = LessEqThan(LIQ_DEBT_BITS + 1);
    seizeWithin.in[0] <== seizedValue.q;
    seizeWithin.in[1] <== seizeCap.q;
    isLiq * (1 - seizeWithin.out) === 0;

    // The new note encrypted to the liquidators' Baby Jubjub key: ephemeral key e, ephKey = y(e·B8), shared secret
    // y(e·LIQ_PUB) (= y(liquidators' secret · ephemeral point), whichever sign of x the liquidator recovers), and a
    // Poseidon keystream over (collateral + shares·2^96, owner public key, blinding).
    component ephBits = Num2Bits(251);
    ephBits.in <== ephSecret;
    component ephPoint = EscalarMulFix(251, BASE8);
    component shared = EscalarMulFix(251, [LIQ_PUB_X, LIQ_PUB_Y]);
    for (var i = 0; i < 251; i++) {
        ephPoint.e[i] <== ephBits.out[i];
        shared.e[i] <== ephBits.out[i];
    }
    ephKey === ephPoint.out[1];
    component pads[3];
    for (var i = 0; i < 3; i++) {
        pads[i] = Poseidon(2);
        pads[i].inputs[0] <== shared.out[1];
        pads[i].inputs[1] <== i;
    }
    ct0 === newCollateral + newShares * (1 << AMOUNT_BITS) + pads[0].out;
    ct1 === ownerPub + pads[1].out;
    ct2 === newBlinding + pads[2].out;

    // Bind the action's context into the proof (a public input no constraint uses could be swapped).
    signal bindingSquare <== binding * binding;
}

// One WETH collateral (18 decimals) in one Keel USDC market (6 decimals), trees of 2^20 notes, a 5% liquidation
// bonus, and the DEVELOPMENT liquidators' key (lib/privacy/liquidators.ts).
component main {public [root, newRoot, nullifier, newCommitment, deltas, binding, prices, params, ephKey, ct0, ct1,
    ct2, memberRoot]} =
    PrivateVaultAction(20, 1000000000000000000, 60, 1000000, 20, 50000000000000000, 
    15479233930304854616365236351087060096718831628111907350189562285452345299374,
    20185491437673605846511454436934734585674236405039335925883643272816910054465);
