// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";
import {
    AcceptAllVerifier,
    PoolSlots,
    PrivatePoolTestBase,
    VmEtchCode,
    VmStorage,
    stubExit,
    stubTransition
} from "./PrivatePoolTestBase.sol";

/// @dev forge's Vm.Log and the log-recording cheatcodes (not in contracts/test/utils/Test.sol's Vm).
struct VmLog {
    bytes32[] topics;
    bytes data;
    address emitter;
}

interface VmLogs {
    function recordLogs() external;
    function getRecordedLogs() external returns (VmLog[] memory);
}

/// @dev What the circuit v3 suites share: counting the pool's events of a kind, and PrivateAction's leaf index.
abstract contract V3Base is PrivatePoolTestBase {
    using PoolSlots for KeelPrivatePool;

    function _record() internal {
        VmLogs(address(vm)).recordLogs();
    }

    /// @dev The recorded logs of the pool with topic0 `selector`.
    function _count(VmLog[] memory logs, bytes32 selector) internal view returns (uint256 n) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(pool) && logs[i].topics.length > 0 && logs[i].topics[0] == selector) ++n;
        }
    }

    /// @dev The leafIndex of the (one) PrivateAction among `logs`.
    function _actionLeaf(VmLog[] memory logs) internal view returns (uint256 leaf) {
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(pool) && logs[i].topics[0] == KeelPrivatePool.PrivateAction.selector) {
                (,, leaf,) = abi.decode(logs[i].data, (uint256, uint256, uint256, bytes));
                ++found;
            }
        }
        assertEq(found, 1, "one PrivateAction");
    }

    /// @dev The ROLL_* journey's state: tree 0 holding F.ROLL_START leaves (zero leaves: its root is the empty root's,
    /// as scripts/zk-fixtures.ts proves against) — what ROLL_START insertions of nothing would leave.
    function _rollStart() internal {
        pool.setLeaves(F.ROLL_START);
        pool.setRing((F.ROLL_START - 1) % pool.ROOT_HISTORY(), pool.EMPTY_ROOT());
        assertEq(pool.root(), pool.EMPTY_ROOT(), "tree 0's root before Dave's note");
    }

    /// @dev The state `n` further insertions after the current one would leave: the ring's other slots overwritten
    /// with roots nobody proved against, the count moved on (what n actions landing first would do to the ring).
    function _insertionsLater(uint256 n) internal {
        uint256 leaves = pool.nextIndex();
        for (uint256 i; i < n; ++i) {
            pool.setRing((leaves + i) % pool.ROOT_HISTORY(), uint256(keccak256(abi.encode("later", i))) % pool.FIELD());
        }
        pool.setLeaves(leaves + n);
    }
}

/// @dev Circuit v3 (audit f H-1, M-1) with real proofs (PrivatePoolFixtures): exits, membership against a known root,
/// and the rollover of a full tree.
contract KeelPrivatePoolV3Test is V3Base {
    using PoolSlots for KeelPrivatePool;

    function setUp() public override {
        super.setUp();
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode); // the proofs are bound to its address
        _fundPayer(100e18, 100_000e6);
    }

    // ----- (a) exits -----

    /// @dev Alice's whole collateral out of a debt-free note: the proof shows a new note of nothing with commitment 0
    /// and newRoot = root. The pool inserts nothing — no leaf, no NoteInserted, no NoteEncrypted, the root and the
    /// count untouched — reports NO_LEAF, and its books drop by exactly the amount.
    function test_exit_realProof_insertsNothing_booksExact() public {
        _runUpTo(F.ALICE_REPAY_ALL, 0);
        FixtureStep memory s = F.step(F.ALICE_WITHDRAW_ALL);
        assertEq(s.t.newCommitment, 0, "an exit's proof commits to nothing");
        assertEq(s.t.newRoot, s.t.root, "and leaves the root as it is");
        uint256 leaves = pool.nextIndex();
        uint256 root = pool.root();
        _record();
        _submit(F.ALICE_WITHDRAW_ALL);
        VmLog[] memory logs = VmLogs(address(vm)).getRecordedLogs();
        assertEq(_count(logs, PrivatePoolTree.NoteInserted.selector), 0, "no NoteInserted");
        assertEq(_count(logs, KeelPrivatePool.NoteEncrypted.selector), 0, "no NoteEncrypted");
        assertEq(_count(logs, KeelPrivatePool.NoteSpent.selector), 1, "the old note spent");
        assertEq(_actionLeaf(logs), pool.NO_LEAF(), "PrivateAction reports NO_LEAF");
        assertEq(pool.nextIndex(), leaves, "no leaf taken");
        assertEq(pool.root(), root, "the root did not move");
        assertTrue(pool.nullifierSpent(s.t.nullifier), "spent");
        assertEq(weth.balanceOf(s.recipient), 10e18, "all of Alice's 10 WETH out (4 before, 6 now)");
        _assertBacked(s);
        assertEq(pool.noteCollateral(), 2e18, "Bob's 2 WETH only");
    }

    /// @dev M-1 fixed for exits: Alice's exit and Bob's borrow are proven against the same root R. Bob's lands first
    /// and moves the root; Alice's exit still lands (its membership root R sits in the ring, and an exit proves no
    /// insertion against the current root). v2 refused it with StaleRoot.
    function test_exit_landsAfterAnotherActionMovedTheRoot() public {
        _runUpTo(F.ALICE_REPAY_ALL, 0);
        FixtureStep memory exit = F.step(F.ALICE_WITHDRAW_ALL);
        FixtureStep memory bob = F.step(F.BOB_BORROW);
        assertEq(exit.t.memberRoot, pool.root(), "the exit is proven against the current root R");
        assertEq(bob.t.root, pool.root(), "and so is Bob's borrow");
        _submit(F.BOB_BORROW); // lands first
        assertTrue(pool.root() != exit.t.memberRoot, "the root moved");
        _submit(F.ALICE_WITHDRAW_ALL);
        assertEq(weth.balanceOf(exit.recipient), 10e18, "Alice's exit landed all the same");
        _assertBacked(bob); // the journey's books after both (BOB_BORROW was proven after the exit)
    }

    /// @dev The other order: the exit moves nothing, so the borrow proven against the same root still lands.
    function test_exit_doesNotStaleTheActionsProvenBesideIt() public {
        _runUpTo(F.ALICE_WITHDRAW_ALL, 0);
        address to = F.step(F.BOB_BORROW).recipient;
        uint256 before = usdc.balanceOf(to);
        _submit(F.BOB_BORROW);
        assertEq(usdc.balanceOf(to) - before, 1_000e6, "Bob borrowed");
        _assertBacked(F.step(F.BOB_BORROW));
    }

    /// @dev Race immunity lasts ROOT_HISTORY insertions: 255 actions after the exit's root, it lands; once 256 have
    /// landed its root has left the ring and it is refused with UnknownRoot (nothing spent), before the verifier.
    function test_exit_memberRootOutOfTheRing_unknownRoot() public {
        _runUpTo(F.ALICE_REPAY_ALL, 0);
        FixtureStep memory s = F.step(F.ALICE_WITHDRAW_ALL);
        uint256 snap = vm.snapshotState();
        _insertionsLater(255);
        assertTrue(pool.isKnownRoot(s.t.memberRoot, s.t.memberSlot), "255 insertions later: still in the ring");
        _submit(F.ALICE_WITHDRAW_ALL);
        vm.revertToState(snap);
        _insertionsLater(256);
        assertTrue(!pool.isKnownRoot(s.t.memberRoot, s.t.memberSlot), "256 later: gone");
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, s.t.memberRoot));
        _submit(F.ALICE_WITHDRAW_ALL);
        assertTrue(!pool.nullifierSpent(s.t.nullifier), "nothing spent");
    }

    /// @dev An inserting proof cannot pass itself off as an exit (newCommitment 0 skips the root check and the leaf),
    /// nor an exit's proof as an insertion: the verifier sees other public inputs and refuses both.
    function test_exitAndInsertionCannotBeSwapped() public {
        _runUpTo(F.BOB_OPEN, 0);
        FixtureStep memory borrow = F.step(F.ALICE_BORROW);
        NoteTransition memory t = borrow.t;
        t.newCommitment = 0;
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(borrow, t, borrow.amount, borrow.recipient);
        _runUpTo(F.ALICE_REPAY_ALL, F.ALICE_BORROW);
        FixtureStep memory exit = F.step(F.ALICE_WITHDRAW_ALL);
        exit.t.newCommitment = 1; // "insert" a note of the submitter's choosing in its place
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(exit, exit.t, exit.amount, exit.recipient);
    }

    /// @dev A liquidation seizing all of a note's collateral is an exit too. The fixtures' liquidations seize part,
    /// so here the proof is a real one of a partial seizure with its commitment set to 0: the pool takes the exit
    /// path (no root check, no leaf) and hands the verifier inputs the proof does not match.
    function test_liquidationPassedOffAsExit_refused() public {
        _runUpTo(F.MALLORY_BORROW, F.CAROL_OPEN);
        ethFeed.setAnswer(2362.5e8);
        FixtureStep memory s = F.step(F.MALLORY_LIQUIDATED);
        s.t.newCommitment = 0;
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        _submitAs(s, s.t, s.amount, s.recipient);
    }

    // ----- (c) UnknownRoot -----

    /// @dev Membership roots the pool does not know are refused before the verifier (a real proof would fail it
    /// otherwise with InvalidProof, not UnknownRoot), nothing spent: 0, a random value, a real root at the wrong
    /// ring slot (or past the ring), and — for the empty note too, whose membership the circuit does not check —
    /// anything but a known root.
    function test_unknownMemberRoots_refusedBeforeTheVerifier() public {
        _runUpTo(F.ALICE_REPAY_ALL, 0);
        _submit(F.BOB_BORROW); // the exit's root is no longer the current one: only its ring slot vouches for it
        FixtureStep memory s = F.step(F.ALICE_WITHDRAW_ALL);
        NoteTransition memory t = s.t;
        uint256 provenRoot = t.memberRoot;
        uint256 provenSlot = t.memberSlot;
        uint256[5] memory roots = [0, uint256(keccak256("random")) % pool.FIELD(), provenRoot, provenRoot, provenRoot];
        uint256[5] memory slots = [provenSlot, provenSlot, (provenSlot + 1) % 256, 256, type(uint256).max];
        for (uint256 i; i < roots.length; ++i) {
            t.memberRoot = roots[i];
            t.memberSlot = slots[i];
            vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, roots[i]));
            _submitAs(s, t, s.amount, s.recipient);
        }
        assertTrue(!pool.nullifierSpent(t.nullifier), "nothing spent");
        t.memberRoot = provenRoot;
        t.memberSlot = provenSlot;
        _submitAs(s, t, s.amount, s.recipient); // at its slot: known
    }

    /// @dev The empty note's opening names the current root (lib/privacy/note.ts): accepted; 0 or a random value as
    /// its membership root is refused, though the circuit ignores the empty note's membership.
    function test_openingWithTheCurrentRoot_accepted_otherwiseUnknown() public {
        FixtureStep memory s = F.step(F.ALICE_OPEN);
        assertEq(s.t.memberRoot, pool.root(), "the opening's membership root: the current (empty) root");
        assertEq(pool.root(), pool.EMPTY_ROOT(), "of an empty pool");
        NoteTransition memory t = F.step(F.ALICE_OPEN).t;
        t.memberRoot = 0;
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, 0));
        _submitAs(s, t, s.amount, address(0));
        t.memberRoot = 12345;
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, 12345));
        _submitAs(s, t, s.amount, address(0));
        _submit(F.ALICE_OPEN);
        assertEq(F.step(F.BOB_OPEN).t.memberRoot, pool.root(), "Bob's opening: the root after Alice's");
        _submit(F.BOB_OPEN);
    }

    // ----- (b) rollover with real proofs -----

    /// @dev Audit f H-1 fixed: Erin's opening fills tree 0 (at leaf 2^20 − 1, a real proof), which freezes its root
    /// (TreeFrozen once) and opens tree 1; Erin's withdrawal proves her note's membership against the frozen root and
    /// inserts at leaf 0 of the empty tree 1 (global position 2^20). v2 refused it with TreeFull. The rest of the
    /// journey (Dave, in the full tree, repays and is liquidated) is ZkAudit5.t.sol's H-1 regression.
    function test_rollover_realProofs_fillThenInsertIntoTheNextTree() public {
        _rollStart();
        uint256 full = 1 << pool.DEPTH();
        _record();
        _submit(F.ROLL_DAVE_OPEN);
        _submit(F.ROLL_DAVE_BORROW);
        _submit(F.ROLL_ERIN_OPEN);
        FixtureStep memory fill = F.step(F.ROLL_ERIN_OPEN);
        assertEq(pool.nextIndex(), full, "tree 0 full");
        assertTrue(pool.frozenRoot(fill.t.newRoot), "its final root frozen");
        assertEq(pool.root(), pool.EMPTY_ROOT(), "the next note opens an empty tree");
        _assertBacked(fill);

        FixtureStep memory w = F.step(F.ROLL_ERIN_WITHDRAW);
        assertEq(w.t.memberRoot, fill.t.newRoot, "Erin's membership: the frozen root");
        assertEq(w.t.root, pool.EMPTY_ROOT(), "her insertion: into the empty tree 1");
        _submit(F.ROLL_ERIN_WITHDRAW);
        assertEq(pool.nextIndex(), full + 1, "at global position 2^20");
        assertEq(pool.root(), w.t.newRoot, "tree 1's root is hers");
        _assertBacked(w);

        VmLog[] memory logs = VmLogs(address(vm)).getRecordedLogs();
        assertEq(_count(logs, PrivatePoolTree.TreeFrozen.selector), 1, "TreeFrozen once");
        uint256[2] memory positions;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(pool)) continue;
            if (logs[i].topics[0] == PrivatePoolTree.TreeFrozen.selector) {
                assertEq(uint256(logs[i].topics[1]), 0, "tree 0");
                assertEq(abi.decode(logs[i].data, (uint256)), fill.t.newRoot, "its final root");
            }
            if (
                logs[i].topics[0] == PrivatePoolTree.NoteInserted.selector
                    && uint256(logs[i].topics[1]) == w.t.newCommitment
            ) {
                positions[0] = uint256(logs[i].topics[2]);
                positions[1] = 1;
            }
        }
        assertEq(positions[1], 1, "Erin's new note inserted");
        assertEq(positions[0], full, "at global position 2^20");
    }

    /// @dev A note of the full tree proven against the frozen root keeps working once the ring has moved on: 40 later
    /// insertions overwrite every slot (none holds the frozen root), and only `frozenRoot` vouches for Erin's proof.
    /// The count is then set back to 2^20 (an empty tree 1), where her insertion was proven.
    function test_rollover_frozenRootKnownForGood() public {
        _rollStart();
        _runUpTo(F.ROLL_ERIN_OPEN, F.ROLL_DAVE_OPEN);
        uint256 frozen = F.step(F.ROLL_ERIN_OPEN).t.newRoot;
        _insertionsLater(300);
        for (uint256 slot; slot < 256; ++slot) {
            assertTrue(!pool.isKnownRoot(frozen, slot) || pool.frozenRoot(frozen), "known as frozen only");
            assertTrue(
                uint256(VmStorage(address(vm)).load(address(pool), bytes32(slot + 1))) != frozen, "not in the ring"
            );
        }
        pool.setLeaves(1 << pool.DEPTH());
        _submit(F.ROLL_ERIN_WITHDRAW);
        _assertBacked(F.step(F.ROLL_ERIN_WITHDRAW));
    }
}

/// @dev The natural fill with a verifier accepting every proof (a real one takes seconds; 2^20 of them, weeks): the
/// count set to one below a full tree, then actions as the pool runs them.
contract KeelPrivatePoolRolloverStubTest is V3Base {
    using PoolSlots for KeelPrivatePool;

    uint256 internal nonce;
    uint256 internal full;
    uint256 internal debtIndex;
    /// @dev The zero proof (the stub accepts every proof).
    Groth16Proof internal _proof;

    function setUp() public override {
        super.setUp();
        PrivateVaultVerifier verifier = new PrivateVaultVerifier();
        VmEtchCode(address(vm)).etch(address(verifier), address(new AcceptAllVerifier()).code);
        pool = _deployAtFixtureAddress(type(KeelPrivatePool).creationCode, verifier, 0, 0);
        _fundPayer(1_000e18, 100_000e6);
        full = 1 << pool.DEPTH();
        debtIndex = pool.debtIndex(); // nobody borrows here: it stays put
    }

    /// @dev (no call to the pool before the action's: an expected revert applies to the next call)
    function _deposit(NoteTransition memory t) internal {
        vm.prank(PAYER);
        pool.deposit(_proof, t, 1e18, debtIndex, "");
    }

    function _withdraw(NoteTransition memory t, uint256 amount) internal {
        pool.withdraw(_proof, t, amount, address(0xF2E5), debtIndex, "");
    }

    /// @dev Leaves 2^20 − 1 → one insertion fills tree 0: TreeFrozen(0, its root), frozenRoot, root() = EMPTY_ROOT, the
    /// next insertion at 2^20 against the empty root (one against the frozen root is stale); the frozen root stays
    /// a valid membership root after 256 more insertions, while a root of tree 1 that old is unknown.
    function test_naturalFill_freezes_rollsOver_frozenRootKnownForGood() public {
        pool.setLeaves(full - 2);
        pool.setRing((full - 3) % 256, pool.EMPTY_ROOT()); // tree 0's root at that count: its leaves taken as zero
        _deposit(stubTransition(pool, ++nonce)); // the ring's latest root is a real one of tree 0
        assertEq(pool.nextIndex(), full - 1, "one leaf left in tree 0");
        NoteTransition memory fill = stubTransition(pool, ++nonce);
        vm.expectEmit(address(pool));
        emit PrivatePoolTree.TreeFrozen(0, fill.newRoot);
        _deposit(fill);
        assertTrue(pool.frozenRoot(fill.newRoot), "frozen");
        assertEq(pool.root(), pool.EMPTY_ROOT(), "tree 1 is empty");
        assertEq(pool.nextIndex(), full, "count at 2^20");

        NoteTransition memory stale = stubTransition(pool, ++nonce);
        stale.root = fill.newRoot; // an insertion proven into the full tree
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, fill.newRoot, pool.EMPTY_ROOT()));
        _deposit(stale);

        NoteTransition memory first = stubTransition(pool, ++nonce);
        assertEq(first.root, pool.EMPTY_ROOT(), "proven against the empty root");
        vm.expectEmit(address(pool));
        emit PrivatePoolTree.NoteInserted(first.newCommitment, full, first.newRoot);
        _deposit(first);
        assertEq(pool.root(), first.newRoot, "tree 1's root");
        for (uint256 i; i < 256; ++i) {
            _deposit(stubTransition(pool, ++nonce));
        }
        assertEq(pool.nextIndex(), full + 257, "257 notes in tree 1");
        assertTrue(!pool.isKnownRoot(first.newRoot, full % 256), "tree 1's first root: out of the ring");

        // a note of tree 0 exits against the frozen root, 257 insertions later
        NoteTransition memory exit = stubExit(pool, ++nonce);
        exit.memberRoot = fill.newRoot;
        exit.memberSlot = 7; // not read for a frozen root
        _withdraw(exit, 1e18);
        NoteTransition memory old = stubExit(pool, ++nonce);
        old.memberRoot = first.newRoot;
        old.memberSlot = full % 256;
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, first.newRoot));
        _withdraw(old, 1e18);
        assertEq(pool.noteCollateral(), 258e18, "259 deposits, one exit");
    }
}
