// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase} from "../engine/EngineBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IKeelMarket, VaultData} from "../../src/interfaces/IKeelMarket.sol";
import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {PrivateVaultVerifier} from "../../src/privacy/PrivateVaultVerifier.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {CollateralParams} from "../../src/interfaces/IKeelMarket.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AcceptAllVerifier, stubTransition} from "./PrivatePoolTestBase.sol";

/// @dev A collateral whose every transfer first calls `target` with `data` (an ERC-777-style hook), once.
contract HookToken is DevERC20 {
    address public target;
    bytes public data;
    bool internal inHook;

    constructor() DevERC20("Hook", "HOOK", 18) {}

    function setHook(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (target != address(0) && !inHook && from != address(0)) {
            inHook = true;
            (bool ok, bytes memory r) = target.call(data);
            if (!ok) {
                assembly {
                    revert(add(r, 32), mload(r))
                }
            }
            inHook = false;
        }
        super._update(from, to, value);
    }
}

interface VmEtch {
    function etch(address target, bytes calldata code) external;
}

/// @dev The pool's bookkeeping under random sequences of deposits, withdrawals, borrows, repayments, liquidations, claims
/// of seized collateral and interest: the vault in the market always holds exactly the live notes' collateral plus the
/// seized collateral still owed to liquidators, and owes at most the notes' debt shares,
/// by less than one base unit's worth of shares per borrow or repayment (rounding, always in the
/// lenders' favour).
contract KeelPrivatePoolAccountingTest is EngineBase {
    KeelPrivatePool internal pool;
    address internal constant PAYER = address(0x9A7E);
    address internal constant FRESH = address(0xF2E5);
    uint256 internal nonce;

    function setUp() public override {
        super.setUp();
        PrivateVaultVerifier verifier = new PrivateVaultVerifier();
        VmEtch(address(vm)).etch(address(verifier), address(new AcceptAllVerifier()).code);
        pool = new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(weth)), verifier, 0, 0);
        _fund(PAYER, weth, 1_000_000e18);
        _fund(PAYER, usdc, 10_000_000e6);
        vm.startPrank(PAYER);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        vm.stopPrank();
    }

    function _t() internal returns (NoteTransition memory) {
        return stubTransition(pool, ++nonce);
    }

    function testFuzz_vaultHoldsExactlyTheLiveNotes(uint256[12] calldata ops) public {
        Groth16Proof memory proof;
        uint256 roundings;
        for (uint256 i; i < ops.length; ++i) {
            uint256 op = ops[i] % 7;
            uint256 x = ops[i] >> 8;
            if (op == 0) {
                NoteTransition memory t = _t();
                uint256 amount = bound(x, pool.minDeposit(), 100e18); // before the prank: it reads the pool
                uint256 index = pool.debtIndex();
                vm.prank(PAYER);
                pool.deposit(proof, t, amount, index, "");
            } else if (op == 1 && pool.noteCollateral() != 0) {
                // within what the vault can release at 80% LTV
                (, uint256 limit,, uint256 debtValue,) = market.vaultHealth(pool.vaultId());
                uint256 spare = limit > debtValue ? (limit - debtValue) * 1e18 / (3000e18 * 8 / 10) : 0;
                if (spare > pool.noteCollateral()) spare = pool.noteCollateral();
                if (spare < 2) continue;
                pool.withdraw(proof, _t(), bound(x, 1, spare - 1), FRESH, pool.debtIndex(), "");
            } else if (op == 2) {
                (, uint256 limit,, uint256 debtValue,) = market.vaultHealth(pool.vaultId());
                if (limit <= debtValue + 200e18) continue;
                // above the minimum: the shares covering `assets`, rounded down, may be worth a unit less
                uint256 assets = bound(x, pool.minBorrow() + 2, (limit - debtValue) / 1e12 - 1);
                uint256 shares = assets * (market.totalBorrowShares() + 1e6) / (market.totalBorrows() + 1);
                if (shares == 0) continue;
                pool.borrow(proof, _t(), shares, FRESH, pool.debtIndex(), "");
                ++roundings;
            } else if (op == 3 && pool.noteShares() != 0) {
                NoteTransition memory t = _t();
                uint256 shares = bound(x, 1, pool.noteShares());
                uint256 index = pool.debtIndex();
                vm.prank(PAYER);
                pool.repay(proof, t, shares, index, "");
                ++roundings;
            } else if (op == 4) {
                vm.warp(block.timestamp + bound(x, 1, 30 minutes));
                ethFeed.setAnswer(3000e8);
                usdcFeed.setAnswer(1e8);
            } else if (op == 5 && pool.noteShares() != 0 && pool.noteCollateral() != 0) {
                // a liquidation (the circuit decides which notes qualify; here any split the books allow)
                NoteTransition memory t = _t();
                uint256 shares = bound(x, 1, pool.noteShares());
                uint256 seized = bound(x >> 96, 1, pool.noteCollateral());
                vm.prank(PAYER);
                pool.liquidate(proof, t, seized, shares, FRESH, 1, "");
                ++roundings;
            } else if (op == 6 && pool.seizedOwed(FRESH) != 0) {
                uint256 owed = pool.seizedOwed(FRESH);
                uint256 before = weth.balanceOf(FRESH);
                vm.prank(FRESH);
                try pool.claimSeized(FRESH) {
                    assertEq(weth.balanceOf(FRESH) - before, owed, "claimed in full");
                } catch {
                    assertEq(pool.seizedOwed(FRESH), owed, "a refused claim keeps the debt");
                }
            }
            VaultData memory v = market.getVault(pool.vaultId());
            assertEq(
                market.collateralOf(pool.vaultId(), address(weth)),
                pool.noteCollateral() + pool.totalSeizedOwed(),
                "collateral = notes + seized owed"
            );
            assertEq(pool.totalSeizedOwed(), pool.seizedOwed(FRESH), "one liquidator: its debt is the total");
            assertLe(v.debtShares, pool.noteShares(), "vault shares <= notes' shares");
            // each borrow or repayment rounds by less than one base unit's worth of shares (~1e6 shares at index 1)
            assertLe(pool.noteShares() - v.debtShares, roundings * 2e6, "rounding dust only");
            if (pool.noteShares() == 0) assertEq(v.debtShares, 0, "no note owes: the vault owes nothing");
        }
    }

    function _n(KeelPrivatePool p, uint256 nullifier, uint256 commitment)
        internal
        view
        returns (NoteTransition memory)
    {
        uint256[3] memory ct;
        return NoteTransition(
            p.root(),
            uint256(keccak256(abi.encode("r", nullifier))) % p.FIELD(),
            nullifier,
            commitment,
            0,
            ct,
            p.root(),
            0
        );
    }

    /// @dev A liquidation the market cannot pay out at once (the aggregate stays over its LTV) leaves the seized
    /// collateral owed to the liquidator, who claims it once the vault is healthy; the vault always holds the notes'
    /// collateral plus what is owed.
    function test_liquidation_seizedOwedWhenTheMarketRefuses_thenClaimed() public {
        Groth16Proof memory proof;
        NoteTransition memory t = _t(); // before the prank: _t() calls the pool
        uint256 index = pool.debtIndex();
        vm.prank(PAYER);
        pool.deposit(proof, t, 10e18, index, "");
        pool.borrow(proof, _t(), 23_000e6 * 1e6, FRESH, index, ""); // 23,000 USDC (the fake verifier)
        t = _t();
        vm.prank(PAYER);
        pool.liquidate(proof, t, 5e18, 2_000e6 * 1e6, FRESH, 1e12, "");
        assertEq(pool.seizedOwed(FRESH), 5e18, "owed: 5 WETH cannot leave a vault owing 21,000 USDC");
        assertEq(weth.balanceOf(FRESH), 0, "nothing paid yet");
        assertEq(
            market.collateralOf(pool.vaultId(), address(weth)),
            pool.noteCollateral() + pool.totalSeizedOwed(),
            "vault = notes + owed"
        );
        vm.prank(FRESH);
        vm.expectPartialRevert(IKeelMarket.ExceedsLtv.selector);
        pool.claimSeized(FRESH);
        t = _t();
        index = pool.debtIndex();
        vm.prank(PAYER);
        pool.repay(proof, t, 21_000e6 * 1e6, index, "");
        uint256 payerWeth = weth.balanceOf(PAYER);
        vm.prank(PAYER); // anyone may claim for the recipient (audit3 A3-P4): the collateral goes to the recipient
        pool.claimSeized(FRESH);
        assertEq(weth.balanceOf(FRESH), 5e18, "claimed");
        assertEq(weth.balanceOf(PAYER), payerWeth, "nothing to the caller");
        assertEq(pool.totalSeizedOwed(), 0, "nothing owed");
        vm.prank(FRESH);
        vm.expectRevert(KeelPrivatePool.ZeroAmount.selector);
        pool.claimSeized(FRESH);
    }

    /// @dev A token calling back into the pool while it moves (on deposit, and when the market sends a withdrawal)
    /// meets the pool's reentrancy guard: the whole action reverts and nothing is spent.
    function test_reentrancyFromTheToken_refused() public {
        HookToken hook = new HookToken();
        _listCollateral(
            address(hook), "HOOK", 3000e8, 1e20, CollateralParams(0.8e18, 0.85e18, 0.1e18, type(uint128).max)
        );
        KeelPrivatePool hooked =
            new KeelPrivatePool(IKeelMarket(address(market)), IERC20(address(hook)), pool.verifier(), 0, 0);
        hook.mint(PAYER, 10e18);
        vm.prank(PAYER);
        hook.approve(address(hooked), type(uint256).max);
        Groth16Proof memory proof;
        uint256 index = hooked.debtIndex();

        NoteTransition memory inner = _n(hooked, 111, 222);
        hook.setHook(address(hooked), abi.encodeCall(KeelPrivatePool.deposit, (proof, inner, 1e18, index, "")));
        NoteTransition memory outer = _n(hooked, 333, 444);
        vm.prank(PAYER);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        hooked.deposit(proof, outer, 5e18, index, "");
        assertTrue(!hooked.nullifierSpent(333), "nothing spent");

        hook.setHook(address(0), "");
        vm.prank(PAYER);
        hooked.deposit(proof, outer, 5e18, index, "");
        hook.setHook(address(hooked), abi.encodeCall(KeelPrivatePool.withdraw, (proof, inner, 1e18, FRESH, index, "")));
        NoteTransition memory exit = _n(hooked, 555, 666);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        hooked.withdraw(proof, exit, 1e18, FRESH, index, "");
        assertEq(hooked.noteCollateral(), 5e18, "the pool's books unchanged");
    }
}
