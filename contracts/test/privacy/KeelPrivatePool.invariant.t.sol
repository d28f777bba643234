// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {DevPriceFeed} from "../../src/dev/DevPriceFeed.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {VaultData} from "../../src/interfaces/IKeelMarket.sol";
import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {PoolSlots, PrivatePoolTestBase, VmEtchCode, stubExit, stubTransition} from "./PrivatePoolTestBase.sol";

/// @dev The pool's verifier in this suite: the all-zero proof stands in for a proof the circuit would accept (the
/// handler's actions on its own notes: a real proof takes seconds, an invariant run makes thousands of actions), and
/// every other proof is checked by the generated verifier — the fixtures' real proofs stay real. One exception stands
/// in for the keeper proving again: the real liquidation proof submitted against a later root (circuit v2 accepts only
/// the current one) is checked with the root, new root, leaf index, membership root and position-bound binding it was
/// proven at, every other input — the ones the pool computes from the chain — as the pool passes them now.
contract ZeroProofOrRealVerifier {
    PrivateVaultVerifier internal immutable real = new PrivateVaultVerifier();
    uint256 internal immutable reprovenA0;
    uint256 internal immutable provenRoot;
    uint256 internal immutable provenNewRoot;
    uint256 internal immutable provenIndex;
    uint256 internal immutable provenMemberRoot;
    uint256 internal immutable provenBinding;

    constructor(uint256 a0, uint256 root, uint256 newRoot, uint256 index, uint256 memberRoot, uint256 binding) {
        (reprovenA0, provenRoot, provenNewRoot, provenIndex, provenMemberRoot) = (a0, root, newRoot, index, memberRoot);
        provenBinding = binding;
    }

    function verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[13] calldata inputs
    ) external view returns (bool) {
        if (a[0] == 0 && a[1] == 0) return true;
        uint256[13] memory checked = inputs;
        if (a[0] == reprovenA0) {
            checked[0] = provenRoot;
            checked[1] = provenNewRoot;
            checked[5] = provenBinding; // zkaudit6 L-2: an insertion's binding is hashed with its position
            checked[7] = (inputs[7] & ~(uint256(0xfffff) << 162)) | (provenIndex << 162);
            checked[12] = provenMemberRoot;
        }
        return real.verifyProof(a, b, c, checked);
    }
}

/// @dev Random actions on the pool's other notes (its own, kept in ghost books), interest and feed rounds at the same
/// prices, while Mallory's note — past the LT at 2,362.5 USD, its liquidation proven (fixture MALLORY_LIQUIDATED) —
/// waits. Prices stay put: the proof binds the price of its round, and a new price voids it by design.
contract PrivatePoolHandler is Test {
    KeelPrivatePool internal immutable pool;
    IKeelMarket internal immutable market;
    DevPriceFeed internal immutable ethFeed;
    DevPriceFeed internal immutable usdcFeed;
    address internal constant PAYER = address(0x9A7E);
    address public constant FRESH = address(0xF2E5);

    /// @dev The handler's notes: collateral and debt shares of each (a spent note's slot takes its successor).
    uint256[] internal collateralOf;
    uint256[] internal sharesOf;
    uint256 public ghostCollateral;
    uint256 public ghostShares;
    /// @dev Borrows, repayments and liquidations: each rounds the vault's shares by less than one base unit's worth.
    uint256 public roundings;
    uint256 internal nonce;
    /// @dev Notes inserted (every action but an exit: a new note of nothing, newCommitment 0, takes no leaf).
    uint256 public insertions;
    /// @dev Exits landed (circuit v3), and the final roots of the trees the handler filled.
    uint256 public exits;
    uint256[] public frozen;
    /// @dev Roots of the notes inserted aside (each alone in its own tree).
    uint256[] public asideRoots;
    /// @dev Closes landed (`close`: every share repaid and all the collateral out in one exit).
    uint256 public closes;

    constructor(KeelPrivatePool pool_, IKeelMarket market_, DevPriceFeed ethFeed_, DevPriceFeed usdcFeed_) {
        pool = pool_;
        market = market_;
        ethFeed = ethFeed_;
        usdcFeed = usdcFeed_;
    }

    /// @dev The next transition: an insertion, or an exit when the note is left with nothing. Counts it, and records
    /// the root of a tree its insertion fills.
    function _t(bool exit) internal returns (NoteTransition memory t) {
        return _t(exit, false);
    }

    /// @dev The same, inserted aside (`aside`: depositAside, repayAside, liquidateAside) unless an exit: no leaf taken,
    /// its one-note root recorded (checked known for good).
    function _t(bool exit, bool aside) internal returns (NoteTransition memory t) {
        if (exit) {
            ++exits;
            return stubExit(pool, ++nonce);
        }
        t = stubTransition(pool, ++nonce);
        if (aside) {
            asideRoots.push(t.newRoot);
            return t;
        }
        uint256 mask = (1 << pool.DEPTH()) - 1;
        if (pool.nextIndex() & mask == mask) frozen.push(t.newRoot);
        ++insertions;
    }

    function frozenCount() external view returns (uint256) {
        return frozen.length;
    }

    function asideCount() external view returns (uint256) {
        return asideRoots.length;
    }

    /// @dev One action in four of those that may go aside does (the seed's high bits decide).
    function _aside(uint256 seed) internal pure returns (bool) {
        return (seed >> 200) % 4 == 0;
    }

    function _pick(uint256 seed) internal view returns (uint256) {
        return seed % collateralOf.length;
    }

    /// @dev A deposit opening a note (`seed` even or no note yet) or into one of the handler's notes.
    function deposit(uint256 seed, uint256 amount) external {
        amount = bound(amount, pool.minDeposit(), 50e18);
        Groth16Proof memory proof;
        bool aside = _aside(seed);
        NoteTransition memory t = _t(false, aside);
        uint256 index = pool.debtIndex(); // before the prank: it reads the pool
        vm.prank(PAYER);
        if (aside) pool.depositAside(proof, t, amount, index, "");
        else pool.deposit(proof, t, amount, index, "");
        if (collateralOf.length == 0 || seed % 2 == 0) {
            collateralOf.push(amount);
            sharesOf.push(0);
        } else {
            collateralOf[_pick(seed)] += amount;
        }
        ghostCollateral += amount;
    }

    function withdraw(uint256 seed, uint256 amount) external {
        if (collateralOf.length == 0) return;
        uint256 i = _pick(seed);
        if (collateralOf[i] == 0) return;
        // a third of the time, all of it: a debt-free note left with nothing exits
        amount = amount % 3 == 0 ? collateralOf[i] : bound(amount, 1, collateralOf[i]);
        Groth16Proof memory proof;
        pool.withdraw(proof, _t(amount == collateralOf[i] && sharesOf[i] == 0), amount, FRESH, pool.debtIndex(), "");
        collateralOf[i] -= amount;
        ghostCollateral -= amount;
    }

    function borrow(uint256 seed, uint256 assets) external {
        if (collateralOf.length == 0) return;
        uint256 i = _pick(seed);
        assets = bound(assets, pool.minBorrow() + 2, 20_000e6);
        uint256 shares = assets * (market.totalBorrowShares() + 1e6) / (market.totalBorrows() + 1);
        Groth16Proof memory proof;
        pool.borrow(proof, _t(false), shares, FRESH, pool.debtIndex(), "");
        sharesOf[i] += shares;
        ghostShares += shares;
        ++roundings;
    }

    function repay(uint256 seed, uint256 shares) external {
        if (collateralOf.length == 0) return;
        uint256 i = _pick(seed);
        if (sharesOf[i] == 0) return;
        shares = bound(shares, 1, sharesOf[i]);
        Groth16Proof memory proof;
        bool aside = _aside(seed);
        NoteTransition memory t = _t(shares == sharesOf[i] && collateralOf[i] == 0, aside);
        uint256 index = pool.debtIndex();
        vm.prank(PAYER);
        if (aside) pool.repayAside(proof, t, shares, index, "");
        else pool.repay(proof, t, shares, index, "");
        sharesOf[i] -= shares;
        ghostShares -= shares;
        ++roundings;
    }

    /// @dev A liquidation of one of the handler's notes: every share repaid, part of its collateral seized.
    function liquidate(uint256 seed, uint256 seized) external {
        if (collateralOf.length == 0) return;
        uint256 i = _pick(seed);
        if (sharesOf[i] == 0 || collateralOf[i] == 0) return;
        // a third of the time, all of it: the note is left with nothing, an exit
        seized = seized % 3 == 0 ? collateralOf[i] : bound(seized, 1, collateralOf[i]);
        uint256 shares = sharesOf[i];
        Groth16Proof memory proof;
        bool aside = _aside(seed);
        NoteTransition memory t = _t(seized == collateralOf[i], aside);
        vm.prank(PAYER);
        if (aside) pool.liquidateAside(proof, t, seized, shares, FRESH, 1, "");
        else pool.liquidate(proof, t, seized, shares, FRESH, 1, "");
        collateralOf[i] -= seized;
        sharesOf[i] = 0;
        ghostCollateral -= seized;
        ghostShares -= shares;
        ++roundings;
    }

    /// @dev A close of one of the handler's notes: every share repaid and all its collateral out, one exit.
    function close(uint256 seed) external {
        if (collateralOf.length == 0) return;
        uint256 i = _pick(seed);
        uint256 amount = collateralOf[i];
        uint256 shares = sharesOf[i];
        if (amount == 0 && shares == 0) return;
        Groth16Proof memory proof;
        NoteTransition memory t = _t(true);
        vm.prank(PAYER);
        pool.close(proof, t, amount, shares, FRESH, "");
        collateralOf[i] = 0;
        sharesOf[i] = 0;
        ghostCollateral -= amount;
        ghostShares -= shares;
        if (shares != 0) ++roundings;
        ++closes;
    }

    function claim() external {
        pool.claimSeized(FRESH);
    }

    /// @dev Time passes (interest accrues) and the feeds post a new round at the same prices.
    function wait(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 30 minutes));
        ethFeed.setAnswer(2362.5e8);
        usdcFeed.setAnswer(1e8);
    }
}

/// @dev Issue #16's invariant with a proven liquidation waiting (audit zkaudit4 M1): whatever the other notes do —
/// insertions by the thousand, interest, liquidations of their own, claims — (1) the pool's vault holds exactly the live
/// notes' collateral plus the seized collateral owed, and owes at most their shares (by rounding dust only), and (2)
/// the liquidation of Mallory's note, proven again against the current root (circuit v2 takes no other: the keeper
/// re-proves on `StaleRoot`), still lands — nothing but the root moved its inputs. Real proofs for the three fixture
/// notes and the liquidation (PrivatePoolFixtures, checked by the generated verifier); the handler's actions use the
/// zero proof.
contract KeelPrivatePoolInvariantTest is PrivatePoolTestBase {
    PrivatePoolHandler internal handler;
    /// @dev Pays the probe's liquidation.
    address internal constant LIQUIDATOR_PAYER = address(0x11D0);
    uint256 internal fixtureCollateral;
    uint256 internal fixtureShares;
    /// @dev The pool's leaf count when the handler starts.
    uint256 internal leavesAtStart;

    /// @dev The probe's answer: the liquidation landed (then everything was undone).
    error Landed(uint256 repaid, uint256 seizedOrOwed);

    function setUp() public override {
        super.setUp();
        PrivateVaultVerifier verifier = new PrivateVaultVerifier();
        FixtureStep memory liq = F.step(F.MALLORY_LIQUIDATED);
        uint256 liqIndex = F.MALLORY_BORROW - F.CAROL_OPEN + 1; // the leaf after Carol's, Mallory's and her borrow's
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode, verifier, 0, 0);
        // the binding the liquidation was proven with: KeelPrivatePool._binding hashed with its position (_positionBinding)
        uint256 field = pool.FIELD();
        uint256 binding =
            uint256(keccak256(abi.encode(block.chainid, F.POOL, liq.recipient, keccak256(liq.memo)))) % field;
        binding = uint256(keccak256(abi.encode(binding, liqIndex))) % field;
        ZeroProofOrRealVerifier stand =
            new ZeroProofOrRealVerifier(liq.proof.a[0], liq.t.root, liq.t.newRoot, liqIndex, liq.t.memberRoot, binding);
        VmEtchCode(address(vm)).etch(address(verifier), address(stand).code); // the pool calls this address
        _fundPayer(1_000_000e18, 10_000_000e6);
        _fund(LIQUIDATOR_PAYER, usdc, 1_000_000e6);
        vm.prank(LIQUIDATOR_PAYER);
        usdc.approve(address(pool), type(uint256).max);

        for (uint256 i = F.CAROL_OPEN; i <= F.MALLORY_BORROW; ++i) {
            _submit(i);
        }
        fixtureCollateral = F.step(F.MALLORY_BORROW).noteCollateral;
        fixtureShares = F.step(F.MALLORY_BORROW).noteShares;
        ethFeed.setAnswer(2362.5e8); // Mallory's note is past the LT; the keeper has proven its liquidation
        _afterFixtures();
        leavesAtStart = pool.nextIndex();

        handler = new PrivatePoolHandler(pool, market, ethFeed, usdcFeed);
        ethFeed.transferOwnership(address(handler));
        usdcFeed.transferOwnership(address(handler));
    }

    /// @dev The pool's state before the handler's first action: as the fixtures left it.
    function _afterFixtures() internal virtual {}

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    /// @dev Submits the liquidation, proven again against the current root, and reverts with what it did, so the probe
    /// changes nothing.
    function liquidateThenUndo() external {
        FixtureStep memory s = F.step(F.MALLORY_LIQUIDATED);
        s.t.root = pool.root();
        s.t.memberRoot = pool.root(); // the note's membership proven again too (its root may have left the ring)
        address to = s.recipient;
        uint256 before = weth.balanceOf(to);
        vm.prank(LIQUIDATOR_PAYER);
        uint256 repaid = pool.liquidate(s.proof, s.t, s.amount, s.shares, to, s.debtIndex, s.memo);
        revert Landed(repaid, weth.balanceOf(to) - before + pool.seizedOwed(to));
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 60
    function invariant_vaultHoldsExactlyTheLiveNotes() public view {
        uint256 vaultId = pool.vaultId();
        VaultData memory v = market.getVault(vaultId);
        assertEq(pool.noteCollateral(), fixtureCollateral + handler.ghostCollateral(), "pool's books = live notes");
        assertEq(pool.noteShares(), fixtureShares + handler.ghostShares(), "pool's shares = live notes'");
        assertEq(
            market.collateralOf(vaultId, address(weth)),
            pool.noteCollateral() + pool.totalSeizedOwed(),
            "vault collateral = notes + seized owed"
        );
        assertEq(pool.totalSeizedOwed(), pool.seizedOwed(handler.FRESH()), "one liquidator owed: its debt is the total");
        assertLe(v.debtShares, pool.noteShares(), "vault shares <= notes' shares");
        assertLe(pool.noteShares() - v.debtShares, (handler.roundings() + 1) * 2e6, "rounding dust only");
    }

    /// @dev Circuit v3: every action but an exit takes one leaf, an exit none; the final root of every tree the
    /// handler filled stays a known membership root (frozen), whatever the ring holds since.
    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 60
    function invariant_exitsTakeNoLeaf_frozenRootsStayKnown() public view {
        assertEq(pool.nextIndex(), leavesAtStart + handler.insertions(), "one leaf per insertion, none per exit");
        for (uint256 i; i < handler.frozenCount(); ++i) {
            uint256 root = handler.frozen(i);
            assertTrue(pool.frozenRoot(root), "frozen");
            assertTrue(pool.isKnownRoot(root, 0), "known for good");
        }
        for (uint256 i; i < handler.asideCount(); ++i) {
            assertTrue(pool.isKnownRoot(handler.asideRoots(i), 0), "an aside note's root is known for good");
        }
    }

    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 60
    function invariant_provenLiquidationStillLands() public {
        FixtureStep memory s = F.step(F.MALLORY_LIQUIDATED);
        assertTrue(!pool.nullifierSpent(s.t.nullifier), "Mallory's note is unspent");
        try this.liquidateThenUndo() {
            fail("the probe always reverts");
        } catch (bytes memory err) {
            if (err.length < 4 || bytes4(err) != Landed.selector) {
                assembly {
                    revert(add(err, 32), mload(err)) // the pool's own reason: the proven liquidation did not land
                }
            }
            (uint256 repaid, uint256 seized) = abi.decode(_args(err), (uint256, uint256));
            // her whole debt, with interest since; the vault may owe the notes' value less a unit of dust per rounding
            assertGe(repaid + handler.roundings() + 1, 21_600e6, "Mallory's whole debt repaid");
            assertEq(seized, s.amount, "9.6 WETH to the liquidator, paid or owed");
        }
    }

    function _args(bytes memory err) internal pure returns (bytes memory a) {
        a = new bytes(err.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = err[i + 4];
        }
    }
}

/// @dev The same invariants across a tree rollover (circuit v3, audit f H-1): the pool starts 3 leaves short of a full
/// tree 0 (the count written after the fixtures' three notes, the ring's latest root left as it was), so most runs
/// fill it, freeze its root and go on in tree 1 — with Mallory's proven liquidation waiting, and exits.
/// forge-config: default.invariant.runs = 48
/// forge-config: default.invariant.depth = 60
contract KeelPrivatePoolRolloverInvariantTest is KeelPrivatePoolInvariantTest {
    using PoolSlots for KeelPrivatePool;

    function _afterFixtures() internal override {
        uint256 root = pool.root();
        uint256 start = (1 << pool.DEPTH()) - 3;
        pool.setLeaves(start);
        pool.setRing((start - 1) % pool.ROOT_HISTORY(), root);
        assertEq(pool.root(), root, "the current root kept");
    }

    /// @dev A run of 3 insertions or more crossed the rollover (forge's runs are mostly 60 calls, some shorter): tree
    /// 0 frozen exactly once, and the invariants above held across it.
    function afterInvariant() public view {
        bool crossed = handler.insertions() >= 3;
        assertEq(handler.frozenCount(), crossed ? 1 : 0, "tree 0 frozen once when filled");
        assertEq(pool.nextIndex() >= 1 << pool.DEPTH(), crossed, "the count past tree 0 when filled");
    }
}
