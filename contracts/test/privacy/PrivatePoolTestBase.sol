// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {KeelPrivatePool, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {PrivatePoolFixtures as F, FixtureStep} from "./PrivatePoolFixtures.sol";

/// @dev The etch cheatcode (not in contracts/test/utils/Test.sol's Vm).
interface VmEtchCode {
    function etch(address target, bytes calldata code) external;
}

/// @dev What the private pool's tests with real proofs share: the pool at the fixtures' address, who pays and who
/// relays, and a fixture step submitted as it was proven.
/// @dev The storage cheatcodes (not in contracts/test/utils/Test.sol's Vm).
interface VmStorage {
    function store(address target, bytes32 slot, bytes32 value) external;
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/// @dev A transition for suites whose verifier accepts any proof: against the pool's current root (also the membership
/// root: always known), with a new root, a nullifier and a commitment that differ for every `nonce` (the ciphertext
/// is zero).
function stubTransition(KeelPrivatePool pool, uint256 nonce) view returns (NoteTransition memory t) {
    uint256 field = pool.FIELD();
    t.root = pool.root();
    t.newRoot = uint256(keccak256(abi.encode("root", nonce))) % field;
    t.nullifier = uint256(keccak256(abi.encode("nullifier", nonce))) % field;
    t.newCommitment = nonce;
    t.memberRoot = t.root;
}

/// @dev The same for an exit (the new note holds nothing): newCommitment 0, newRoot = root, as circuit v3 proves it.
function stubExit(KeelPrivatePool pool, uint256 nonce) view returns (NoteTransition memory t) {
    t = stubTransition(pool, nonce);
    t.newRoot = t.root;
    t.newCommitment = 0;
}

/// @dev PrivatePoolTree's storage (`forge inspect KeelPrivatePool storageLayout`): `_books` in slot 0 (leaves in its
/// low 40 bits, then noteCollateral and noteShares, 104 bits each), the ring `_roots` in slots 1-256, `frozenRoot` at 257.
library PoolSlots {
    bytes32 internal constant BOOKS = bytes32(uint256(0));
    uint256 internal constant RING = 1;
    uint256 internal constant FROZEN = 257;

    /// @dev Writes the pool's leaf count, its note totals untouched (the state `n` insertions would reach).
    function setLeaves(KeelPrivatePool pool, uint256 n) internal {
        VmStorage vm = VmStorage(address(uint160(uint256(keccak256("hevm cheat code")))));
        uint256 books = uint256(vm.load(address(pool), BOOKS));
        vm.store(address(pool), BOOKS, bytes32((books & ~uint256(type(uint40).max)) | n));
        require(pool.nextIndex() == n, "leaves slot");
    }

    /// @dev Writes ring slot `slot` of the pool's last roots.
    function setRing(KeelPrivatePool pool, uint256 slot, uint256 root) internal {
        VmStorage vm = VmStorage(address(uint160(uint256(keccak256("hevm cheat code")))));
        vm.store(address(pool), bytes32(RING + slot), bytes32(root));
    }
}

/// @dev Accepts every proof: stands in for the verifier so a fuzzer can drive thousands of action sequences the
/// circuit would accept (real proofs take seconds each; KeelPrivatePool.t.sol runs the real verifier).
contract AcceptAllVerifier {
    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[13] calldata)
        external
        pure
        returns (bool)
    {
        return true;
    }
}

abstract contract PrivatePoolTestBase is EngineBase {
    KeelPrivatePool internal pool;
    /// @dev Submits withdrawals and borrows: anyone may (a relayer, so the owner's address never appears).
    address internal constant RELAYER = address(0x5E1A);
    /// @dev Pays deposits and repayments.
    address internal constant PAYER = address(0x9A7E);

    /// @dev Deploys `creationCode` (KeelPrivatePool's, or a harness of it taking the same constructor arguments) at
    /// F.POOL, the address the fixtures' proofs are bound to (audit P-b), whatever the test runner's nonces (a gas report
    /// isolates calls and moves them): forge-std's deployCodeTo, by hand.
    function _deployAtFixtureAddress(bytes memory creationCode) internal returns (KeelPrivatePool p) {
        return _deployAtFixtureAddress(creationCode, new PrivateVaultVerifier(), 0, 0);
    }

    /// @dev The same with `verifier` and the pool's minimum deposit and borrow (0: the pool's defaults).
    function _deployAtFixtureAddress(
        bytes memory creationCode,
        PrivateVaultVerifier verifier,
        uint256 minDeposit,
        uint256 minBorrow
    ) internal returns (KeelPrivatePool p) {
        bytes memory init = abi.encodePacked(
            creationCode,
            abi.encode(IKeelMarket(address(market)), IERC20(address(weth)), verifier, minDeposit, minBorrow)
        );
        VmEtchCode(address(vm)).etch(F.POOL, init);
        (bool ok, bytes memory runtime) = F.POOL.call("");
        require(ok, "the pool's constructor reverted");
        VmEtchCode(address(vm)).etch(F.POOL, runtime);
        p = KeelPrivatePool(F.POOL);
    }

    /// @dev Gives PAYER `wethAmount` WETH and `usdcAmount` USDC and approves the pool for both (deposits, repayments).
    function _fundPayer(uint256 wethAmount, uint256 usdcAmount) internal {
        _fund(PAYER, weth, wethAmount);
        _fund(PAYER, usdc, usdcAmount);
        vm.startPrank(PAYER);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev Submits fixture steps `first` to `last` in order.
    function _runUpTo(uint256 last, uint256 first) internal {
        for (uint256 i = first; i <= last; ++i) {
            _submit(i);
        }
    }

    /// @dev The pool's vault holds exactly the live notes' collateral (as step `s` left them) plus the seized
    /// collateral owed, and owes at most their shares.
    function _assertBacked(FixtureStep memory s) internal view {
        assertEq(pool.noteCollateral(), s.noteCollateral, "pool's note collateral = notes");
        assertEq(pool.noteShares(), s.noteShares, "pool's note shares = notes");
        assertEq(
            market.collateralOf(pool.vaultId(), address(weth)),
            s.noteCollateral + pool.totalSeizedOwed(),
            "vault collateral = notes + seized owed"
        );
        assertLe(market.getVault(pool.vaultId()).debtShares, s.noteShares, "vault shares <= notes");
    }

    /// @dev Submits fixture step `i` as it was proven.
    function _submit(uint256 i) internal {
        FixtureStep memory s = F.step(i);
        _submitAs(s, s.t, s.amount, s.recipient);
    }

    function _submitAs(FixtureStep memory s, NoteTransition memory t, uint256 amount, address recipient) internal {
        if (s.kind == KeelPrivatePool.Action.Deposit) {
            vm.prank(PAYER);
            pool.deposit(s.proof, t, amount, s.debtIndex, s.memo);
        } else if (s.kind == KeelPrivatePool.Action.Repay) {
            vm.prank(PAYER);
            pool.repay(s.proof, t, amount, s.debtIndex, s.memo);
        } else if (s.kind == KeelPrivatePool.Action.Withdraw) {
            vm.prank(RELAYER);
            pool.withdraw(s.proof, t, amount, recipient, s.debtIndex, s.memo);
        } else if (s.kind == KeelPrivatePool.Action.Borrow) {
            vm.prank(RELAYER);
            pool.borrow(s.proof, t, amount, recipient, s.debtIndex, s.memo);
        } else {
            vm.prank(PAYER); // anyone: the liquidator pays the note's debt
            pool.liquidate(s.proof, t, amount, s.shares, recipient, s.debtIndex, s.memo);
        }
    }
}
