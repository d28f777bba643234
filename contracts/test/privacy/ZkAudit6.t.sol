// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivatePoolTree} from "../../src/privacy/PrivatePoolTree.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {ZkAudit6Fixtures as Z, Step} from "./ZkAudit6Fixtures.sol";

/// @dev The storage cheatcodes (not in contracts/test/utils/Test.sol's Vm).
interface VmStorage {
    function store(address target, bytes32 slot, bytes32 value) external;
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/// @dev Stands in for a sound Groth16 verifier: a proof verifies for exactly the public inputs it was made for. A test
/// "proves" an action by submitting it in learning mode, where the verifier reverts with the 13 inputs the pool built
/// from the chain's state at that moment (nothing lands); they are then accepted for good, like a real proof made then.
/// With `real` set, every verification also runs the generated verifier on a proof of valid curve points (the same
/// precompile work as a real proof's, whose outcome is ignored), so gas figures carry a real verification's cost.
contract ExactInputsVerifier {
    error Learned(uint256[13] inputs);

    PrivateVaultVerifier public immutable real;
    bool public learning;
    mapping(bytes32 => bool) public accepted;

    constructor(PrivateVaultVerifier real_) {
        real = real_;
    }

    function setLearning(bool on) external {
        learning = on;
    }

    function accept(uint256[13] calldata inputs) external {
        accepted[keccak256(abi.encode(inputs))] = true;
    }

    function verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[13] calldata inputs
    ) external view returns (bool) {
        if (learning) revert Learned(inputs);
        if (address(real) != address(0)) real.verifyProof(a, b, c, inputs);
        return accepted[keccak256(abi.encode(inputs))];
    }
}

/// @dev What both zkaudit6 suites share (PrivatePoolTestBase does not compile against v3 on 8f3369f: its fixtures are
/// being adapted): the pool, who pays and who relays, forge's console.
abstract contract ZkAudit6Base is EngineBase {
    KeelPrivatePool internal pool;
    address internal constant PAYER = address(0x9A7E);
    address internal constant RELAYER = address(0x5E1A);
    /// @dev forge's console (the address forge-std's console2 calls, which has no code: a low-level call).
    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    function _log(string memory label, uint256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", label, value));
        ok; // the console answers nothing
    }

    /// @dev A pool with the generated verifier at `at`, the address real fixture proofs are bound to (audit P-b): its
    /// constructor run there by etching, so the pool's own address is `at`.
    function _deployRealAt(address at) internal {
        bytes memory init = abi.encodePacked(
            type(KeelPrivatePool).creationCode,
            abi.encode(IKeelMarket(address(market)), IERC20(address(weth)), new PrivateVaultVerifier(), 0, 0)
        );
        VmEtchCode6(address(vm)).etch(at, init);
        (bool ok, bytes memory runtime) = at.call("");
        require(ok, "the pool's constructor reverted");
        VmEtchCode6(address(vm)).etch(at, runtime);
        pool = KeelPrivatePool(at);
    }
}

/// @dev zkaudit6 (docs/audit-2026-12-02-h.md): proofs of concept against circuit v3's pool (8f3369f). Each test
/// passes on the audited code and shows what its name says; they are PoCs, not regression tests.
contract ZkAudit6Test is ZkAudit6Base {
    ExactInputsVerifier internal verifier;
    address internal constant OWNER_RECIPIENT = address(0x0E1);
    address internal constant GRIEFER = address(0x6F1E);
    uint256 internal constant DEPTH = 20;
    uint256 internal constant FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @dev PrivatePoolTree's storage: `_books` (leaves | noteCollateral << 40 | noteShares << 144) at slot 0,
    /// `_roots[256]` at slots 1..256, `frozenRoot` at 257 (forge inspect KeelPrivatePool storageLayout).
    uint256 internal constant ROOTS_SLOT = 1;

    function setUp() public override {
        super.setUp();
        _deploy(PrivateVaultVerifier(address(0)));
    }

    function _deploy(PrivateVaultVerifier real) internal {
        verifier = new ExactInputsVerifier(real);
        pool = new KeelPrivatePool(
            IKeelMarket(address(market)), IERC20(address(weth)), PrivateVaultVerifier(address(verifier)), 0, 0
        );
        _fund(PAYER, weth, 1_000_000e18);
        _fund(PAYER, usdc, 10_000_000e6);
        vm.startPrank(PAYER);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        vm.stopPrank();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // helpers

    /// @dev A proof of valid curve points (G1 and G2 generators): the real verifier does all its work and says false.
    function _proof() internal pure returns (Groth16Proof memory p) {
        p.a = [uint256(1), 2];
        p.c = [uint256(1), 2];
        p.b = [
            [
                11559732032986387107991004021392285783925812861821192530917403151452391805634,
                10857046999023057135944570762232829481370756359578518086990519993285655852781
            ],
            [
                4082367875863433681332203403145435568316851327593401208105741076214120093531,
                8495653923123431417604973247489272438418190587263600148770280649306958101930
            ]
        ];
    }

    function _h(string memory salt, uint256 n) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(salt, n))) % FIELD;
    }

    /// @dev An inserting transition against `root_` (new root and commitment from `n`), membership against `member`.
    function _ins(uint256 root_, uint256 n, uint256 nullifier, uint256 member, uint256 slot)
        internal
        pure
        returns (NoteTransition memory t)
    {
        t.root = root_;
        t.newRoot = _h("newRoot", n);
        t.nullifier = nullifier;
        t.newCommitment = _h("commitment", n);
        t.memberRoot = member;
        t.memberSlot = slot;
    }

    /// @dev An exit: newCommitment 0, newRoot = root (any value: the circuit only ties them together).
    function _exit(uint256 anyRoot, uint256 nullifier, uint256 member, uint256 slot)
        internal
        pure
        returns (NoteTransition memory t)
    {
        t.root = anyRoot;
        t.newRoot = anyRoot;
        t.nullifier = nullifier;
        t.memberRoot = member;
        t.memberSlot = slot;
    }

    function _deposit(NoteTransition memory t, uint256 amount) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.deposit, (_proof(), t, amount, 0, ""));
    }

    function _withdraw(NoteTransition memory t, uint256 amount, address to) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.withdraw, (_proof(), t, amount, to, 0, ""));
    }

    function _withdrawPriced(NoteTransition memory t, uint256 amount, address to, uint256 idx)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeCall(KeelPrivatePool.withdraw, (_proof(), t, amount, to, idx, ""));
    }

    function _borrow(NoteTransition memory t, uint256 shares, uint256 idx) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.borrow, (_proof(), t, shares, OWNER_RECIPIENT, idx, ""));
    }

    function _repay(NoteTransition memory t, uint256 shares, uint256 idx) internal pure returns (bytes memory) {
        return abi.encodeCall(KeelPrivatePool.repay, (_proof(), t, shares, idx, ""));
    }

    function _liquidate(NoteTransition memory t, uint256 seized, uint256 shares, uint256 idx)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodeCall(KeelPrivatePool.liquidate, (_proof(), t, seized, shares, LIQUIDATOR, idx, ""));
    }

    function _liquidateAside(NoteTransition memory t, uint256 seized, uint256 shares, uint256 idx)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodeCall(KeelPrivatePool.liquidateAside, (_proof(), t, seized, shares, LIQUIDATOR, idx, ""));
    }

    function _who(bytes memory call) internal pure returns (address) {
        bytes4 s = bytes4(call);
        return s == KeelPrivatePool.deposit.selector || s == KeelPrivatePool.repay.selector
            || s == KeelPrivatePool.liquidate.selector || s == KeelPrivatePool.liquidateAside.selector
            || s == KeelPrivatePool.depositAside.selector || s == KeelPrivatePool.repayAside.selector
            || s == KeelPrivatePool.close.selector
            ? PAYER
            : RELAYER;
    }

    /// @dev "Proves" `call` against the chain's state now: the public inputs the pool builds are accepted from now on.
    function _prove(bytes memory call) internal returns (uint256[13] memory inputs) {
        verifier.setLearning(true);
        vm.prank(_who(call));
        (bool ok, bytes memory err) = address(pool).call(call);
        verifier.setLearning(false);
        require(!ok, "a learning call landed");
        if (bytes4(err) != ExactInputsVerifier.Learned.selector) {
            assembly {
                revert(add(err, 32), mload(err))
            }
        }
        bytes memory body = new bytes(err.length - 4);
        for (uint256 i; i < body.length; ++i) {
            body[i] = err[i + 4];
        }
        inputs = abi.decode(body, (uint256[13]));
        verifier.accept(inputs);
    }

    /// @dev Every account an action touches, cold again (a transaction of its own), for the gas figures.
    function _coolAll() internal {
        address[9] memory all = [
            address(pool),
            address(verifier),
            address(verifier.real()),
            address(market),
            address(weth),
            address(usdc),
            address(oracle),
            address(ethFeed),
            address(usdcFeed)
        ];
        for (uint256 i; i < all.length; ++i) {
            vm.cool(all[i]);
        }
    }

    /// @dev Submits `call` (already proven); returns the gas its call frame used (every account cold first).
    function _land(bytes memory call) internal returns (uint256 gasUsed) {
        _coolAll();
        address who = _who(call);
        vm.prank(who);
        uint256 g = gasleft();
        (bool ok, bytes memory err) = address(pool).call(call);
        gasUsed = g - gasleft();
        if (!ok) {
            assembly {
                revert(add(err, 32), mload(err))
            }
        }
    }

    function _proveAndLand(bytes memory call) internal returns (uint256) {
        _prove(call);
        return _land(call);
    }

    /// @dev Jumps the pool to `leaves` insertions with `lastRoot` as the root after the last one (what `leaves` real
    /// insertions reach; only the count and the ring are read by the pool, the note totals are kept).
    function _jump(uint256 leaves, uint256 lastRoot) internal {
        uint256 books = uint256(VmStorage(address(vm)).load(address(pool), bytes32(0)));
        books = (books >> 40 << 40) | leaves;
        VmStorage(address(vm)).store(address(pool), bytes32(0), bytes32(books));
        if (leaves != 0) {
            VmStorage(address(vm))
                .store(address(pool), bytes32(ROOTS_SLOT + (leaves - 1) % pool.ROOT_HISTORY()), bytes32(lastRoot));
        }
    }

    /// @dev Opens a debt-free note of `amount` WETH (empty old note, DEBT_FREE) at the pool's next leaf; returns the
    /// root after it (what its owner proves membership against) and its ring slot.
    function _open(uint256 n, uint256 amount) internal returns (uint256 member, uint256 slot) {
        return _openAs(n, _h("openNullifier", n), amount);
    }

    /// @dev The same with the empty note's nullifier given (it is free: the circuit skips the empty note's membership).
    function _openAs(uint256 n, uint256 openNullifier, uint256 amount) internal returns (uint256 member, uint256 slot) {
        uint256 current = pool.root();
        _proveAndLand(_deposit(_ins(current, n, openNullifier, current, 0), amount));
        member = pool.root();
        slot = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // layout check: the slots _jump writes are the ones the pool reads

    function test_layout_booksAndRingSlots() public {
        _open(1, 1e18);
        uint256 books = uint256(VmStorage(address(vm)).load(address(pool), bytes32(0)));
        assertEq(books & ((1 << 40) - 1), 1, "leaves in the low 40 bits");
        assertEq((books >> 40) & ((1 << 104) - 1), 1e18, "noteCollateral next");
        assertEq(
            uint256(VmStorage(address(vm)).load(address(pool), bytes32(ROOTS_SLOT))), pool.root(), "_roots[0] at slot 1"
        );
        _jump(77, 0xabc);
        assertEq(pool.nextIndex(), 77);
        assertEq(pool.root(), 0xabc);
        assertEq(pool.noteCollateral(), 1e18, "totals kept");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Q3 rollover

    /// @dev The insertion at leaf 2^20 − 1 freezes its root; the next note takes tree 1's leaf 0 against EMPTY_ROOT;
    /// the frozen root stays a membership root whatever slot is named; notes of tree 0 stay spendable.
    function test_rollover_lastLeafFreezes_nextOpensTreeOneAtLeafZero() public {
        uint256 last = (1 << DEPTH) - 1;
        _jump(last, 0x1234);
        // a note at the tree's last leaf: its insertion's new root is the tree's final root
        _open(1, 2e18);
        uint256 frozen = _h("newRoot", 1);
        assertEq(pool.nextIndex(), 1 << DEPTH);
        assertTrue(pool.frozenRoot(frozen), "the final root is frozen");
        assertEq(pool.root(), pool.EMPTY_ROOT(), "the current tree is new");
        assertTrue(pool.isKnownRoot(frozen, 999), "any slot: frozen");
        // the next insertion is proven at leaf 0 (params' leaf bits 0) against EMPTY_ROOT, and lands at position 2^20
        uint256[13] memory inputs =
            _prove(_deposit(_ins(pool.EMPTY_ROOT(), 2, _h("openNullifier", 2), pool.EMPTY_ROOT(), 0), 1e18));
        assertEq((inputs[7] >> 162) & ((1 << DEPTH) - 1), 0, "leaf 0 of tree 1");
        assertEq(inputs[0], pool.EMPTY_ROOT());
        _land(_deposit(_ins(pool.EMPTY_ROOT(), 2, _h("openNullifier", 2), pool.EMPTY_ROOT(), 0), 1e18));
        assertEq(pool.nextIndex(), (1 << DEPTH) + 1);
        // the note of tree 0's last leaf exits against the frozen root, 40 insertions later (ring long overwritten)
        for (uint256 i; i < 40; ++i) {
            _open(100 + i, 0.01e18);
        }
        assertTrue(pool.isKnownRoot(frozen, 0));
        _proveAndLand(_withdraw(_exit(0, _h("noteAtLastLeaf", 0), frozen, 0), 2e18, OWNER_RECIPIENT));
        assertEq(weth.balanceOf(OWNER_RECIPIENT), 2e18);
    }

    /// @dev L-2, fixed: a proof made against EMPTY_ROOT at leaf 0 that lost its race came back to life at every later
    /// tree's first leaf (EMPTY_ROOT is every new tree's root, the leaf within the tree is 0 again, a frozen membership
    /// root never expires). An inserting action's binding now carries the global position its note takes
    /// (KeelPrivatePool._positionBinding), so the proof no longer verifies there: InvalidProof, nothing moves.
    function test_staleLeafZeroProof_doesNotReviveAtTheNextTreesFirstLeaf() public {
        _jump((1 << DEPTH) - 1, 0x1234);
        _open(1, 2e18); // the owner's note, at tree 0's last leaf
        uint256 frozen = _h("newRoot", 1); // the tree's final root
        uint256 nul = _h("noteAtLastLeaf", 0);
        // at tree 1's start the owner proves a 1-WETH DEBT_FREE withdrawal (an inserting one: 1 WETH stays)
        bytes memory w = _withdraw(_ins(pool.EMPTY_ROOT(), 50, nul, frozen, 0), 1e18, OWNER_RECIPIENT);
        _prove(w);
        // someone's opening lands first: the owner's proof is stale, and the owner changes their mind (keeps the note)
        _open(2, 1e18);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, pool.EMPTY_ROOT(), pool.root()));
        this.landExternal(w);
        // 2^20 insertions later (jumped): tree 2 opens, and the same proof lands, moving the owner's collateral
        _jump(2 << DEPTH, 0x5678);
        assertEq(pool.root(), pool.EMPTY_ROOT());
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.landExternal(w);
        assertEq(weth.balanceOf(OWNER_RECIPIENT), 0, "the abandoned withdrawal stays abandoned");
        assertTrue(!pool.nullifierSpent(nul));
    }

    function landExternal(bytes memory call) external {
        _land(call);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Q4 ring

    /// @dev L-1, mitigated: an exit proven against the current root survives ROOT_HISTORY − 1 = 255 inserting actions
    /// landing first (was 31: 32 pre-proven 1-wei withdrawals fitted one transaction of ~12M gas); the 256th pushes its
    /// root out of the ring (`UnknownRoot`: prove again). 256 links are ~94M gas, several full blocks.
    function test_exitOutlives255Insertions_not256() public {
        (uint256 member, uint256 slot) = _open(1, 5e18); // the owner's note
        (uint256 gMember, uint256 gSlot) = _open(2, 1e18); // the griefer's debt-free note
        member = gMember; // the owner's client proves against the current root (tree.memberRoot)
        slot = gSlot;
        bytes memory exitCall = _withdraw(_exit(777, _h("owner", 1), member, slot), 5e18, OWNER_RECIPIENT);
        _prove(exitCall);
        uint256 snap = vm.snapshotState();
        // 255 links: the exit still lands
        _griefChain(gMember, gSlot, 255);
        _land(exitCall);
        assertEq(weth.balanceOf(OWNER_RECIPIENT), 5e18);
        vm.revertToState(snap);
        // 256 links: UnknownRoot
        _griefChain(gMember, gSlot, 256);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, member));
        this.landExternal(exitCall);
    }

    /// @dev `links` 1-wei DEBT_FREE withdrawals, each spending the griefer's previous note (proven in a chain).
    function _griefChain(uint256 member, uint256 slot, uint256 links) internal {
        uint256 nul = _h("griefer", 0);
        for (uint256 i; i < links; ++i) {
            _proveAndLand(_withdraw(_ins(pool.root(), 1000 + i, nul, member, slot), 1, GRIEFER));
            member = pool.root();
            slot = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
            nul = _h("griefer", i + 1);
        }
    }

    /// @dev Roots the pool never had: 0, empty ring slots, a slot out of range, another pool's root, EMPTY_ROOT of a
    /// tree that has leaves. All refused (EMPTY_ROOT is accepted as the current root or at a ring slot not yet written, where no note can be
    /// proven a member of it but the empty note, whose membership the circuit skips).
    function test_unknownRoots_refused() public {
        _open(1, 1e18);
        uint256 current = pool.root();
        assertFalse(pool.isKnownRoot(0, 5), "zero in an empty slot");
        assertTrue(pool.isKnownRoot(current, 256), "the current root needs no slot");
        assertFalse(pool.isKnownRoot(0xbeef, 256), "out of range");
        assertFalse(pool.isKnownRoot(0xbeef, type(uint256).max), "max slot");
        assertFalse(pool.isKnownRoot(pool.EMPTY_ROOT(), 0), "EMPTY_ROOT where a real root was written");
        // the constructor fills the ring with EMPTY_ROOT (gas): known at an unwritten slot, and useless there — no note
        // is a member of the empty tree (its leaves are 0; a commitment of 0 would need a Poseidon preimage)
        assertTrue(pool.isKnownRoot(pool.EMPTY_ROOT(), 1), "EMPTY_ROOT at an unwritten slot");
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, uint256(0xbeef)));
        this.proveExternal(_withdraw(_exit(0, 1, 0xbeef, 1), 1e18, OWNER_RECIPIENT));
    }

    function proveExternal(bytes memory call) external {
        _prove(call);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Q4 / M-1 residue: liquidations that leave a remainder still race; seizing everything is an exit and does not

    /// @dev M-1's answer for liquidations (liquidateAside): the same partial liquidation proven aside — its remainder
    /// inserted at leaf 0 of an empty tree of its own — lands after a griefer's link made the main one stale, takes no
    /// leaf of the pool's tree, records its one-note root as known, and the owner's remainder exits against that root.
    /// The pool feeds the verifier EMPTY_ROOT as the insertion root, leaf 0, and the binding of the ASIDE position, so
    /// neither proof can be sent as the other.
    function test_asideLiquidation_landsWhateverLandsFirst_remainderSpendsAgainstItsOwnRoot() public {
        (uint256 gMember, uint256 gSlot) = _asideSetUp();
        NoteTransition memory asideT = _ins(pool.EMPTY_ROOT(), 21, _h("borrower", 1), aMember, aSlot);
        bytes memory mainLiq = _liquidate(_ins(pool.root(), 20, _h("borrower", 1), aMember, aSlot), 9e18, aShares, aIdx);
        bytes memory asideLiq = _liquidateAside(asideT, 9e18, aShares, aIdx);
        _prove(mainLiq);
        _checkAsideInputs(_prove(asideLiq));
        // the main proof sent aside, and the aside proof sent as a main one: neither lands
        bytes memory mainSentAside =
            _liquidateAside(_ins(pool.root(), 20, _h("borrower", 1), aMember, aSlot), 9e18, aShares, aIdx);
        bytes memory asideSentMain = _liquidate(asideT, 9e18, aShares, aIdx);
        uint256 emptyRoot = pool.EMPTY_ROOT();
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.landExternal(mainSentAside);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, emptyRoot, aMember));
        this.landExternal(asideSentMain); // as a main insertion: the empty root is not the current one
        // a griefer's link lands first
        _proveAndLand(_withdraw(_ins(pool.root(), 1000, _h("griefer", 0), gMember, gSlot), 1, GRIEFER));
        uint256 current = pool.root();
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, aMember, current));
        this.landExternal(mainLiq);
        uint256 leaves = pool.nextIndex();
        uint256 root = pool.root();
        _land(asideLiq);
        assertEq(pool.nextIndex(), leaves, "no leaf of the pool's tree");
        assertEq(pool.root(), root, "its root untouched");
        assertTrue(pool.frozenRoot(asideT.newRoot), "the remainder's own root is known");
        assertEq(weth.balanceOf(LIQUIDATOR), 9e18, "9 WETH seized");
        assertEq(pool.noteShares(), 0);
        assertEq(pool.noteCollateral(), 110e18 - 1 - 9e18, "books = the griefer's note and the remainder");
        // the owner's remainder (1 WETH) exits against its own root, whatever the ring holds
        _jump(pool.nextIndex() + 300, pool.root());
        _proveAndLand(_withdraw(_exit(0, _h("remainder", 0), asideT.newRoot, 0), 1e18, OWNER_RECIPIENT));
        assertEq(weth.balanceOf(OWNER_RECIPIENT), 1e18);
        assertEq(
            market.collateralOf(pool.vaultId(), address(weth)),
            pool.noteCollateral() + pool.totalSeizedOwed(),
            "the vault holds the live notes"
        );
    }

    uint256 internal aMember;
    uint256 internal aSlot;
    uint256 internal aShares;
    uint256 internal aIdx;

    /// @dev A 10-WETH note owing 20,000 USDC beside a griefer's 100-WETH debt-free one; WETH at 2,300 (liquidatable).
    function _asideSetUp() internal returns (uint256 gMember, uint256 gSlot) {
        _open(1, 10e18);
        (gMember, gSlot) = _open(2, 100e18);
        uint256 idx = pool.debtIndex();
        aShares = SharesLib.toSharesDown(20_000e6, market.totalBorrows(), market.totalBorrowShares());
        _proveAndLand(_borrow(_ins(pool.root(), 10, _h("borrower", 0), gMember, gSlot), aShares, idx));
        aMember = pool.root();
        aSlot = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        ethFeed.setAnswer(2300e8);
        aIdx = pool.debtIndex();
    }

    /// @dev What the pool fed the verifier for an aside liquidation: the empty tree's root, leaf 0, the ASIDE binding.
    function _checkAsideInputs(uint256[13] memory inputs) internal view {
        assertEq(inputs[0], pool.EMPTY_ROOT(), "insertion root: the empty tree");
        assertEq((inputs[7] >> 162) & 0xfffff, 0, "leaf 0");
        uint256 plain = uint256(keccak256(abi.encode(block.chainid, address(pool), LIQUIDATOR, keccak256("")))) % FIELD;
        assertEq(inputs[5], uint256(keccak256(abi.encode(plain, pool.ASIDE()))) % FIELD, "bound to the ASIDE position");
    }

    function test_partialLiquidationStillRaces_fullSeizureDoesNot() public {
        (uint256 bMember, uint256 bSlot) = _open(1, 10e18); // the borrower's note: 10 WETH
        (uint256 gMember, uint256 gSlot) = _open(2, 100e18); // the griefer's debt-free note (keeps the vault healthy)
        bMember = gMember;
        bSlot = gSlot;
        uint256 idx = pool.debtIndex();
        uint256 shares = SharesLib.toSharesDown(20_000e6, market.totalBorrows(), market.totalBorrowShares());
        _proveAndLand(_borrow(_ins(pool.root(), 10, _h("borrower", 0), bMember, bSlot), shares, idx));
        uint256 member = pool.root();
        uint256 slot = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        ethFeed.setAnswer(2300e8); // 10 WETH × 2,300 × 0.85 = 19,550 < 20,000: liquidatable
        idx = pool.debtIndex();
        uint256 nul = _h("borrower", 1);
        bytes memory partialLiq = _liquidate(_ins(pool.root(), 20, nul, member, slot), 9e18, shares, idx);
        bytes memory fullLiq = _liquidate(_exit(0, nul, member, slot), 10e18, shares, idx);
        _prove(partialLiq);
        _prove(fullLiq);
        // the owner (or anyone) lands one 1-wei withdrawal first
        _proveAndLand(_withdraw(_ins(pool.root(), 30, _h("griefer", 0), gMember, gSlot), 1, GRIEFER));
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, member, pool.root()));
        this.landExternal(partialLiq);
        // the whole-seizure liquidation is an exit: it lands
        _land(fullLiq);
        assertTrue(pool.nullifierSpent(nul));
        assertEq(pool.noteShares(), 0);
        assertEq(pool.noteCollateral(), 100e18 - 1);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Q1 cross-tree: the nullifier has no tree number. Two notes with the same commitment at the same leaf of two
    // trees share one (the circuit's Poseidon(commitment, leafInTree, blinding)): the second is unspendable.

    function test_crossTreeTwin_secondNoteUnspendable() public {
        // the same (collateral, shares, ownerPub, blinding) inserted at tree 0 leaf 5 and at tree 1 leaf 5: its
        // nullifier is the same value for both (computed off chain: lib/privacy/note.ts nullifierOf takes leafInTree)
        uint256 twinNullifier = _h("twin", 0);
        _jump(5, 0x1111);
        (uint256 m0, uint256 s0) = _open(1, 1e18); // tree 0, leaf 5
        _jump((1 << DEPTH) + 5, 0x2222);
        // tree 1, leaf 5: the same commitment (same n, another empty-note nullifier), backed by its own WETH
        (uint256 m1, uint256 s1) = _openAs(1, _h("openNullifier", 99), 1e18);
        assertEq(pool.nextIndex(), (1 << DEPTH) + 6);
        _proveAndLand(_withdraw(_exit(0, twinNullifier, m1, s1), 1e18, OWNER_RECIPIENT));
        // the other twin's exit, against tree 0's root, is refused as already spent: 1 WETH stays in the vault for good
        VmStorage(address(vm)).store(address(pool), keccak256(abi.encode(m0, uint256(257))), bytes32(uint256(1))); // tree 0 frozen by then
        assertTrue(pool.isKnownRoot(m0, s0));
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, twinNullifier));
        this.proveExternal(_withdraw(_exit(0, twinNullifier, m0, s0), 1e18, OWNER_RECIPIENT));
        assertEq(pool.noteCollateral(), 1e18, "the twin's collateral is counted, and nobody can take it out");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Q6 gas: call frames with the generated verifier's full work (valid curve points), one action of each kind

    /// @dev The stub's own overhead on top of the real verifier (one more call, its storage read, the inputs' hash).
    function _stubOverhead() internal returns (uint256) {
        uint256[13] memory inputs;
        PrivateVaultVerifier real = verifier.real();
        Groth16Proof memory p = _proof();
        _coolAll();
        uint256 g = gasleft();
        verifier.verifyProof(p.a, p.b, p.c, inputs);
        uint256 stub = g - gasleft();
        _coolAll();
        g = gasleft();
        real.verifyProof(p.a, p.b, p.c, inputs);
        uint256 realGas = g - gasleft();
        _log("real verifyProof (13 inputs, cold), gas", realGas);
        return stub - realGas;
    }

    function test_gas_perAction_realVerifierWork() public {
        _deploy(new PrivateVaultVerifier());
        uint256 overhead = _stubOverhead();
        _log("stub overhead subtracted below", overhead);
        uint256 cur = pool.root();
        uint256 g = _proveAndLand(_deposit(_ins(cur, 1, _h("open", 1), cur, 0), 10e18));
        _log("open (deposit, first leaf, ring slot fresh, DEBT_FREE)", g - overhead);
        uint256 gm;
        cur = pool.root();
        g = _proveAndLand(_deposit(_ins(cur, 2, _h("open", 2), cur, 0), 100e18));
        _log("open (deposit, second leaf, DEBT_FREE)", g - overhead);
        uint256 gMember = pool.root();
        uint256 gSlot = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        // fill the ring once so later writes are non-zero to non-zero, as in steady state
        _jump(512, pool.root());
        for (uint256 i; i < 256; ++i) {
            VmStorage(address(vm)).store(address(pool), bytes32(ROOTS_SLOT + i), bytes32(uint256(0xfeed00 + i)));
        }
        VmStorage(address(vm)).store(address(pool), bytes32(ROOTS_SLOT + 511 % 256), bytes32(gMember));
        gSlot = 511 % pool.ROOT_HISTORY();
        gm = gMember;
        g = _proveAndLand(_withdraw(_ins(pool.root(), 3, _h("g", 0), gm, gSlot), 1, GRIEFER));
        _log("1-wei DEBT_FREE withdrawal (inserting, steady-state ring), the griefer's link", g - overhead);
        uint256 m = pool.root();
        uint256 s = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        uint256 idx = pool.debtIndex();
        uint256 shares = SharesLib.toSharesDown(20_000e6, market.totalBorrows(), market.totalBorrowShares());
        g = _proveAndLand(_borrow(_ins(pool.root(), 4, _h("g", 1), m, s), shares, idx));
        _log("borrow (priced, member = current root)", g - overhead);
        // membership against an older ring root (not the current one): one more cold slot read
        uint256 oldM = m;
        uint256 oldS = s;
        m = pool.root();
        s = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        g = _proveAndLand(_repay(_ins(pool.root(), 5, _h("g", 2), oldM, oldS), shares / 2, pool.debtIndex()));
        _log("repay half (priced, member = an older ring root)", g - overhead);
        m = pool.root();
        s = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        ethFeed.setAnswer(1500e8);
        idx = pool.debtIndex();
        g = _proveAndLand(_liquidate(_ins(pool.root(), 6, _h("g", 3), m, s), 7e18, shares - shares / 2, idx));
        _log("liquidation with remainder (priced, inserting)", g - overhead);
        ethFeed.setAnswer(3000e8);
        m = pool.root();
        s = (pool.nextIndex() - 1) % pool.ROOT_HISTORY();
        g = _proveAndLand(_withdraw(_exit(0, _h("g", 4), m, s), 3e18, OWNER_RECIPIENT));
        _log("exit (DEBT_FREE withdrawal of everything, no insertion)", g - overhead);
        VmStorage(address(vm))
            .store(address(pool), keccak256(abi.encode(uint256(0xf00d), uint256(257))), bytes32(uint256(1))); // frozen
        g = _proveAndLand(_withdraw(_exit(0, _h("g", 5), 0xf00d, 0), 1e18, OWNER_RECIPIENT));
        _log("exit against a frozen-only root (cold frozenRoot read after a ring miss)", g - overhead);
    }
}

/// @dev The etch cheatcode (not in contracts/test/utils/Test.sol's Vm).
interface VmEtchCode6 {
    function etch(address target, bytes calldata code) external;
}

/// @dev The same questions with real circuit v3 proofs (ZkAudit6Fixtures, scripts/zkaudit6-fixtures.ts), on a fresh pool
/// at the address they are bound to, with the generated verifier.
contract ZkAudit6RealTest is ZkAudit6Base {
    function setUp() public override {
        super.setUp();
        _deployRealAt(Z.POOL);
        _fund(PAYER, weth, 100e18);
        vm.prank(PAYER);
        weth.approve(address(pool), type(uint256).max);
    }

    function _open(uint256 i, uint256 amount) internal {
        Step memory s = Z.step(i);
        vm.prank(PAYER);
        pool.deposit(s.proof, s.t, amount, 0, "");
    }

    function withdrawExternal(Step memory s, uint256 amount) external {
        vm.prank(RELAYER);
        pool.withdraw(s.proof, s.t, amount, Z.ALICE_TO, 0, "");
    }

    function _cool() internal {
        vm.cool(address(pool));
        vm.cool(address(pool.verifier()));
        vm.cool(address(market));
        vm.cool(address(weth));
    }

    /// @dev Alice's exit and her 1-WETH withdrawal are proven against the root her opening left; Bob's opening lands
    /// first. The withdrawal (inserting) is stale; the exit lands (membership against a ring root, no insertion); the
    /// same note proven against the later root is the same nullifier: spent. An exit's root, its commitment 0 and its
    /// membership slot cannot be changed by a relayer: the proof binds the first two, a wrong slot is refused.
    function test_real_exitRaceFree_inserterStale_oneNullifierPerNote() public {
        _open(Z.ALICE_OPEN, 2e18);
        uint256 afterAlice = pool.root();
        _cool();
        uint256 g = gasleft();
        _open(Z.BOB_OPEN, 1e18);
        _log("real proof: Bob's opening (deposit, leaf 1), call frame gas", g - gasleft());
        assertEq(pool.nextIndex(), 2);

        Step memory w = Z.step(Z.ALICE_WITHDRAW);
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.StaleRoot.selector, afterAlice, pool.root()));
        this.withdrawExternal(w, 1e18);

        Step memory e = Z.step(Z.ALICE_EXIT);
        assertEq(e.t.newCommitment, 0);
        assertEq(e.t.memberRoot, afterAlice);
        // a relayer's changes: another root pair, a non-exit passed as an exit, a wrong slot
        Step memory bad = Z.step(Z.ALICE_EXIT);
        bad.t.root = pool.root();
        bad.t.newRoot = pool.root();
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.withdrawExternal(bad, 2e18);
        bad = Z.step(Z.ALICE_WITHDRAW);
        bad.t.newCommitment = 0;
        vm.expectRevert(KeelPrivatePool.InvalidProof.selector);
        this.withdrawExternal(bad, 1e18);
        bad = Z.step(Z.ALICE_EXIT);
        bad.t.memberSlot = 7;
        vm.expectRevert(abi.encodeWithSelector(PrivatePoolTree.UnknownRoot.selector, afterAlice));
        this.withdrawExternal(bad, 2e18);

        _cool();
        g = gasleft();
        this.withdrawExternal(e, 2e18);
        _log(
            "real proof: Alice's exit (ring root, no insertion), call frame gas incl. the test's external hop",
            g - gasleft()
        );
        assertEq(weth.balanceOf(Z.ALICE_TO), 2e18);
        assertEq(pool.nextIndex(), 2, "no leaf taken");
        assertEq(pool.noteCollateral(), 1e18);

        Step memory later = Z.step(Z.ALICE_EXIT_LATER);
        assertEq(later.t.nullifier, e.t.nullifier, "the same note against another root: the same nullifier");
        vm.expectRevert(abi.encodeWithSelector(KeelPrivatePool.NoteAlreadySpent.selector, e.t.nullifier));
        this.withdrawExternal(later, 2e18);
    }
}
