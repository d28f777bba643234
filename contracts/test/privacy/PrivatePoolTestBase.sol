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
/// @dev A transition for suites whose verifier accepts any proof: against the pool's current root, with a new root, a
/// nullifier and a commitment that differ for every `nonce` (the ciphertext is zero).
function stubTransition(KeelPrivatePool pool, uint256 nonce) view returns (NoteTransition memory) {
    uint256[3] memory ct;
    uint256 field = pool.FIELD();
    return NoteTransition(
        pool.root(),
        uint256(keccak256(abi.encode("root", nonce))) % field,
        uint256(keccak256(abi.encode("nullifier", nonce))) % field,
        nonce,
        0,
        ct
    );
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
