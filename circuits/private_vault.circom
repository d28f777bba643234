pragma circom 2.1.0;

include "lib.circom";

// One action on a private position in a KeelPrivatePool: spend the old note (its nullifier), insert the new one,
// and prove that
//   new collateral = old collateral + collateralDelta, new debt shares = old shares + sharesDelta (field deltas: the
//   pool passes p − x for an outflow; the 96-bit range checks on the new values make any underflow unprovable);
//   the old note is in the tree at `root` (unless it is the empty note that opens a position);
//   when checkLtv = 1 (borrow, withdraw): debt value ≤ collateral value × LTV at the public prices, rounded like
//   Keel's HealthLib (collateral value down, debt value up; shares → assets up through debtIndex).
// Amounts are token base units: collateral of COLL_SCALE = 10^collateral decimals, debt shares of the Keel market
// (assets = shares × debtIndex / 1e18, rounded up); prices are USD per whole token, WAD; ltv is WAD.
template PrivateVaultAction(DEPTH, COLL_SCALE, COLL_BITS, DEBT_SCALE, DEBT_BITS) {
    var WAD = 1000000000000000000;
    var AMOUNT_BITS = 96;

    // Public inputs: their order is the verifier's, and KeelPrivatePool builds them in this order.
    signal input root;
    signal input nullifier;
    signal input newCommitment;
    signal input collateralDelta;
    signal input sharesDelta;
    signal input recipient;
    signal input checkLtv;
    signal input collateralPrice;
    signal input ltv;
    signal input debtPrice;
    signal input debtIndex;

    // Private inputs.
    signal input ownerKey;
    signal input oldCollateral;
    signal input oldShares;
    signal input oldBlinding;
    signal input leafIndex;
    signal input siblings[DEPTH];
    signal input newCollateral;
    signal input newShares;
    signal input newBlinding;

    // Amounts and prices are range-checked so no product below can wrap the field.
    component ranges[9];
    var ranged[9] = [oldCollateral, oldShares, newCollateral, newShares, collateralPrice, debtPrice, debtIndex, ltv, 0];
    var rangeBits[9] = [AMOUNT_BITS, AMOUNT_BITS, AMOUNT_BITS, AMOUNT_BITS, AMOUNT_BITS, AMOUNT_BITS, AMOUNT_BITS, 64, 1];
    for (var i = 0; i < 8; i++) {
        ranges[i] = Num2Bits(rangeBits[i]);
        ranges[i].in <== ranged[i];
    }
    ranges[8] = Num2Bits(1);
    ranges[8].in <== checkLtv;

    // The owner's public key and the old note.
    component pub = Poseidon(1);
    pub.inputs[0] <== ownerKey;
    component oldNote = NoteCommitment();
    oldNote.collateral <== oldCollateral;
    oldNote.shares <== oldShares;
    oldNote.ownerPub <== pub.out;
    oldNote.blinding <== oldBlinding;

    // Nullifier: only the owner's key can make it, one per note and position.
    component nul = Poseidon(3);
    nul.inputs[0] <== oldNote.out;
    nul.inputs[1] <== leafIndex;
    nul.inputs[2] <== ownerKey;
    nullifier === nul.out;

    // Membership, skipped for the empty note that opens a position (it holds nothing to steal).
    component tree = MerkleRoot(DEPTH);
    tree.leaf <== oldNote.out;
    tree.index <== leafIndex;
    tree.siblings <== siblings;
    component empty = IsZero();
    empty.in <== oldCollateral + oldShares;
    (tree.root - root) * (1 - empty.out) === 0;

    // Conservation: the new note is the old one plus the public token movement.
    newCollateral === oldCollateral + collateralDelta;
    newShares === oldShares + sharesDelta;
    component newNote = NoteCommitment();
    newNote.collateral <== newCollateral;
    newNote.shares <== newShares;
    newNote.ownerPub <== pub.out;
    newNote.blinding <== newBlinding;
    newCommitment === newNote.out;

    // LTV at the oracle's prices (HealthLib: valueDown(collateral).wMulDown(ltv) ≥ valueUp(debt)).
    component collValue = MulDiv(COLL_SCALE, COLL_BITS, 2 * AMOUNT_BITS - COLL_BITS + 1, 0);
    collValue.a <== newCollateral;
    collValue.b <== collateralPrice;
    component borrowLimit = MulDiv(WAD, 60, 2 * AMOUNT_BITS - COLL_BITS + 1 + 64 - 59, 0);
    borrowLimit.a <== collValue.q;
    borrowLimit.b <== ltv;
    component debtAssets = MulDiv(WAD, 60, 2 * AMOUNT_BITS - 59, 1);
    debtAssets.a <== newShares;
    debtAssets.b <== debtIndex;
    component debtValue = MulDiv(DEBT_SCALE, DEBT_BITS, 3 * AMOUNT_BITS - 59 - DEBT_BITS + 1, 1);
    debtValue.a <== debtAssets.q;
    debtValue.b <== debtPrice;
    component within = LessEqThan(3 * AMOUNT_BITS - 59 - DEBT_BITS + 1);
    within.in[0] <== debtValue.q;
    within.in[1] <== borrowLimit.q;
    checkLtv * (1 - within.out) === 0;

    // Bind the recipient into the proof (a public input no constraint uses could be swapped).
    signal recipientSquare <== recipient * recipient;
}

// One WETH collateral (18 decimals) in one Keel USDC market (6 decimals), a tree of 2^16 notes.
component main {public [root, nullifier, newCommitment, collateralDelta, sharesDelta, recipient, checkLtv,
    collateralPrice, ltv, debtPrice, debtIndex]} = PrivateVaultAction(16, 1000000000000000000, 60, 1000000, 20);
