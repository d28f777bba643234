// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {EngineBase, FeeToken, FlashBorrower} from "./EngineBase.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";
import {
    IKeelMarket,
    RateModel,
    CollateralParams,
    CollateralInfo,
    VaultData
} from "../../src/interfaces/IKeelMarket.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @dev A token whose issuer can take an account's whole balance (a stablecoin's blacklist wipe).
contract WipeToken is ERC20 {
    constructor() ERC20("Wipe", "WIPE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function wipe(address from) external {
        _burn(from, balanceOf(from));
    }
}

contract KeelMarketTest is EngineBase {
    /* CONSTRUCTOR */

    function test_constructor_setsParams() public view {
        assertEq(market.asset(), address(usdc), "asset");
        assertEq(address(market.oracle()), address(oracle), "oracle");
        assertEq(market.riskAdmin(), address(riskAdmin), "risk admin");
        assertFalse(market.borrowPaused(), "not paused");
        assertEq(market.reserveFactor(), 0.1e18, "rf");
        assertEq(market.flashFeeBps(), 5, "fee");
        assertEq(uint256(lens.getMarket(address(market)).decimals), 12, "share decimals = 6 + offset 6");
        assertEq(uint256(lenderVault.decimals()), 12, "lender vault: the same decimals");
        assertEq(address(lenderVault.market()), address(market), "lender vault's market");
        assertEq(lenderVault.asset(), address(usdc), "lender vault's asset");
        assertEq(market.collateralAssets().length, 2, "collaterals");
    }

    function _deploy(RateModel memory m, uint256 rf, uint256 fee) internal returns (IKeelMarket) {
        return _deployMarket(IERC20Metadata(address(usdc)), oracle, address(riskAdmin), m, rf, fee);
    }

    function test_constructor_reverts() public {
        RateModel memory m = _usdcRateModel();
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidFees.selector, uint256(0.6e18), uint256(0)));
        _deploy(m, 0.6e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidFees.selector, uint256(0), uint256(101)));
        _deploy(m, 0, 101);
        m.kink = 0;
        vm.expectRevert(IKeelMarket.InvalidRateModel.selector);
        _deploy(m, 0, 0);
        m.kink = 1e18;
        vm.expectRevert(IKeelMarket.InvalidRateModel.selector);
        _deploy(m, 0, 0);
        m = _usdcRateModel();
        m.slope2 = uint64(uint256(20e18) / 365 days);
        vm.expectRevert(IKeelMarket.InvalidRateModel.selector);
        _deploy(m, 0, 0);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        _deployMarket(IERC20Metadata(address(usdc)), KeelOracle(address(0)), address(riskAdmin), _usdcRateModel(), 0, 0);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        _deployMarket(IERC20Metadata(address(usdc)), oracle, address(0), _usdcRateModel(), 0, 0);
        DevERC20 noFeed = new DevERC20("X", "X", 18);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.NoFeed.selector, address(noFeed)));
        _deployMarket(IERC20Metadata(address(noFeed)), oracle, address(riskAdmin), _usdcRateModel(), 0, 0);
    }

    /* VAULTS */

    function test_openVault_sequentialIds() public {
        vm.startPrank(ALICE);
        assertEq(market.openVault(), 1, "first");
        assertEq(market.openVault(), 2, "second");
        vm.stopPrank();
        vm.prank(BOB);
        assertEq(market.openVault(), 3, "third");
        assertEq(market.vaultCount(), 3, "count");
        assertEq(market.vaultsOf(ALICE).length, 2, "alice has two");
        assertEq(market.vaultOwner(3), BOB, "owner");
    }

    function test_transferVault() public {
        vm.startPrank(ALICE);
        uint256 a = market.openVault();
        uint256 b = market.openVault();
        market.setOperator(BOB, true);
        market.transferVault(a, LIQUIDATOR);
        vm.stopPrank();
        assertEq(market.vaultOwner(a), ALICE, "only offered");
        assertEq(market.pendingVaultOwner(a), LIQUIDATOR, "offer");
        vm.prank(LIQUIDATOR);
        market.acceptVault(a);
        assertEq(market.vaultOwner(a), LIQUIDATOR, "new owner");
        assertEq(market.pendingVaultOwner(a), address(0), "offer consumed");
        uint256[] memory ids = market.vaultsOf(ALICE);
        assertEq(ids.length, 1, "alice left with one");
        assertEq(ids[0], b, "the other");
        assertEq(market.vaultsOf(LIQUIDATOR)[0], a, "receiver list");
        // Alice's operator has no power over the transferred vault.
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.Unauthorized.selector, a, BOB));
        market.borrow(a, 1, BOB);
    }

    function test_transferVault_reverts() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.Unauthorized.selector, id, BOB));
        market.transferVault(id, BOB);
        vm.prank(ALICE);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        market.transferVault(id, address(0));
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotOffered.selector, id, BOB));
        market.acceptVault(id);
    }

    /// @dev Finding 6: `transferVault` pushed any number of vaults onto any address, growing the list the lens reads for
    /// it without its consent. Now a vault moves only when the recipient accepts it (or already trusts the sender as
    /// its operator), so a list grows only by its owner's own doing.
    function test_transferVault_cannotPushVaultsOntoAnAddress() public {
        vm.startPrank(ALICE);
        for (uint256 i; i < 20; ++i) {
            market.transferVault(market.openVault(), BOB);
        }
        vm.stopPrank();
        assertEq(market.vaultsOf(BOB).length, 0, "nothing pushed");
        assertEq(market.vaultsOf(ALICE).length, 20, "still Alice's");
        // Withdrawing an offer: offering the vault to its owner.
        vm.prank(ALICE);
        market.transferVault(1, ALICE);
        assertEq(market.pendingVaultOwner(1), address(0), "withdrawn");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotOffered.selector, uint256(1), BOB));
        market.acceptVault(1);
        // Accepting one is Bob's own choice.
        vm.prank(BOB);
        market.acceptVault(2);
        assertEq(market.vaultsOf(BOB).length, 1, "accepted one");
        // An offer made by the old owner dies with the transfer: the new owner's vault cannot be taken back.
        assertEq(market.pendingVaultOwner(2), address(0), "cleared");
    }

    function test_transferVault_immediateToARecipientThatTrustsTheSender() public {
        vm.prank(BOB);
        market.setOperator(ALICE, true); // Bob trusts Alice with his vaults: he consents to receive hers
        vm.startPrank(ALICE);
        uint256 id = market.openVault();
        market.transferVault(id, BOB);
        vm.stopPrank();
        assertEq(market.vaultOwner(id), BOB, "moved at once");
    }

    function test_operator_canBorrowAndWithdraw() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        vm.prank(ALICE);
        market.setOperator(BOB, true);
        assertTrue(market.isOperator(ALICE, BOB), "operator");
        vm.startPrank(BOB);
        market.borrow(id, 100e6, BOB);
        market.withdrawCollateral(id, address(weth), 0.1e18, BOB);
        vm.stopPrank();
        assertEq(usdc.balanceOf(BOB), 100e6, "borrowed to operator's receiver");
        assertEq(weth.balanceOf(BOB), 0.1e18, "withdrawn");
        vm.prank(ALICE);
        market.setOperator(BOB, false);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.Unauthorized.selector, id, BOB));
        market.borrow(id, 1, BOB);
    }

    function test_depositCollateral() public {
        uint256 id = _openWith(ALICE, weth, 2e18);
        assertEq(market.collateralOf(id, address(weth)), 2e18, "balance");
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 2e18, "total");
        assertEq(weth.balanceOf(address(market)), 2e18, "held");
        // Anyone may top up, even with a dead oracle.
        ethFeed.setAnswer(0);
        _fund(BOB, weth, 1e18);
        vm.prank(BOB);
        market.depositCollateral(id, address(weth), 1e18);
        assertEq(market.collateralOf(id, address(weth)), 3e18, "topped up");
    }

    function test_depositCollateral_reverts() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 2_000_000e18);
        vm.startPrank(ALICE);
        vm.expectRevert(IKeelMarket.ZeroAmount.selector);
        market.depositCollateral(id, address(weth), 0);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.VaultNotFound.selector, uint256(99)));
        market.depositCollateral(99, address(weth), 1);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotListed.selector, address(usdc)));
        market.depositCollateral(id, address(usdc), 1);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), 1_000_001e18, 1_000_000e18)
        );
        market.depositCollateral(id, address(weth), 1_000_001e18);
        vm.stopPrank();
    }

    function test_feeOnTransferToken_refused() public {
        FeeToken fee = new FeeToken();
        _listCollateral(address(fee), "FEE", 1e8, 1e12, CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30));
        vm.prank(ALICE);
        uint256 id = market.openVault();
        fee.mint(ALICE, 100e18);
        vm.startPrank(ALICE);
        fee.approve(address(market), 100e18);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.TransferAmountMismatch.selector, address(fee), 100e18, 99e18)
        );
        market.depositCollateral(id, address(fee), 100e18);
        vm.stopPrank();
    }

    /// @dev The market's balance of a collateral is one assembly staticcall (`_selfBalance`, before a deposit's pull, for
    /// its supply cap, and after it): it must behave as the high-level call — a reverting balanceOf reverts the deposit
    /// with the token's own error, an answer shorter than one word is refused as the token's failure, and a longer
    /// answer is read by its first word.
    function test_pullIn_balanceOfAnswers() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 3e18);
        bytes memory query = abi.encodeWithSignature("balanceOf(address)", address(market));
        bytes memory failed = abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(weth));
        vm.startPrank(ALICE);
        vm.mockCallRevert(address(weth), query, abi.encodeWithSignature("Error(string)", "balanceOf failed"));
        vm.expectRevert(bytes("balanceOf failed"));
        market.depositCollateral(id, address(weth), 1e18);
        vm.mockCall(address(weth), query, "");
        vm.expectRevert(failed);
        market.depositCollateral(id, address(weth), 1e18);
        vm.mockCall(address(weth), query, abi.encodePacked(bytes31(bytes32(uint256(1e30)))));
        vm.expectRevert(failed);
        market.depositCollateral(id, address(weth), 1e18); // 31 bytes: not a word
        vm.mockCall(address(weth), query, abi.encode(uint256(7e18), uint256(9)));
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 7e18, "a longer answer: its first word");
        vm.clearMockedCalls();
        market.depositCollateral(id, address(weth), 1e18);
        vm.stopPrank();
        assertEq(market.collateralOf(id, address(weth)), 1e18, "credited once");
    }

    /// @dev A collateral keeps no recorded total: a deposit must arrive whole (the market's balance after the pull
    /// covers its balance before plus the amount). Tokens donated to the market do not absorb a fee-on-transfer
    /// token's fee (they did while a total was recorded); the market never credits more than it received.
    function test_feeOnTransferToken_refusedEvenBesideADonation() public {
        FeeToken fee = new FeeToken();
        _listCollateral(address(fee), "FEE", 1e8, 1e12, CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30));
        fee.mint(BOB, 1e18);
        vm.prank(BOB);
        fee.transfer(address(market), 1e18); // donation: the market receives 0.99e18
        vm.prank(ALICE);
        uint256 id = market.openVault();
        fee.mint(ALICE, 100e18);
        vm.startPrank(ALICE);
        fee.approve(address(market), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.TransferAmountMismatch.selector, address(fee), 50e18, 49.5e18)
        );
        market.depositCollateral(id, address(fee), 50e18);
        vm.stopPrank();
        assertEq(market.collateralOf(id, address(fee)), 0, "nothing credited");
        assertEq(fee.balanceOf(address(market)), 0.99e18, "the donation only");
    }

    /// @dev The supply cap holds the market's balance of the collateral: every vault's and any tokens sent to it directly.
    /// A donation takes cap room (the donor gives the tokens up: a grief that costs more than filling the cap with a
    /// deposit, which the depositor can withdraw); never more than the cap is taken.
    function test_supplyCap_holdsTheMarketsBalance() public {
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, 10e18));
        _fund(BOB, weth, 3e18);
        vm.prank(BOB);
        weth.transfer(address(market), 3e18);
        uint256 id = _openWith(ALICE, weth, 7e18); // 3 + 7 = the cap
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 10e18, "the market's balance");
        _fund(ALICE, weth, 1);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), 10e18 + 1, 10e18));
        market.depositCollateral(id, address(weth), 1);
        vm.prank(ALICE);
        market.withdrawCollateral(id, address(weth), 1e18, ALICE);
        _fund(ALICE, weth, 1e18);
        vm.prank(ALICE);
        market.depositCollateral(id, address(weth), 1e18); // room again once some leaves
        assertEq(market.collateralOf(id, address(weth)), 7e18, "vault balance");
    }

    /// @dev A token that takes tokens out of the market (a stablecoin's blacklist wipe) can leave the vaults' balances above
    /// the market's: the cap, which holds the balance, would then let one vault's balance pass 2^112 − 1 and overflow
    /// its packed slot. The vault's balance has the same ceiling, with its own error.
    function test_depositCollateral_vaultBalanceBoundedWhenTheTokenTakesTheMarkets() public {
        WipeToken w = new WipeToken();
        _listCollateral(address(w), "WIPE", 1e8, 1e12, CollateralParams(0.5e18, 0.6e18, 0.05e18, type(uint128).max));
        vm.prank(ALICE);
        uint256 id = market.openVault();
        w.mint(ALICE, 2 ** 112);
        vm.startPrank(ALICE);
        w.approve(address(market), type(uint256).max);
        market.depositCollateral(id, address(w), 2 ** 112 - 1);
        w.wipe(address(market));
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.VaultCollateralTooLarge.selector, id, address(w), 2 ** 112, 2 ** 112 - 1)
        );
        market.depositCollateral(id, address(w), 1);
        vm.stopPrank();
        assertEq(market.collateralOf(id, address(w)), 2 ** 112 - 1, "balance at the ceiling");
    }

    function test_depositCollateral_totalBoundedByUint112() public {
        _setCollateral(address(weth), CollateralParams(0.8e18, 0.85e18, 0.1e18, type(uint128).max));
        uint256 id = _openWith(ALICE, weth, 1);
        _fund(ALICE, weth, 2 ** 112);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.SupplyCapExceeded.selector, address(weth), 2 ** 112 + 1, 2 ** 112 - 1)
        );
        market.depositCollateral(id, address(weth), 2 ** 112);
        assertEq(market.collateralInfo(address(weth)).supplyCap, type(uint128).max, "cap reads as set");
    }

    function test_withdrawCollateral() public {
        uint256 id = _openWith(ALICE, weth, 2e18);
        vm.prank(ALICE);
        market.withdrawCollateral(id, address(weth), 2e18, BOB);
        assertEq(weth.balanceOf(BOB), 2e18, "received");
        assertEq(market.collateralOf(id, address(weth)), 0, "empty");
        assertEq(market.getVault(id).assets.length, 0, "no held asset");
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 0, "total");
    }

    function test_withdrawCollateral_noDebtWorksWithDeadOracle() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        vm.warp(block.timestamp + 2 hours); // ETH feed stale
        vm.prank(ALICE);
        market.withdrawCollateral(id, address(weth), 1e18, ALICE);
        assertEq(weth.balanceOf(ALICE), 1e18, "withdrawn");
    }

    function test_withdrawCollateral_reverts() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 2000e6);
        vm.startPrank(ALICE);
        vm.expectRevert(IKeelMarket.ZeroAmount.selector);
        market.withdrawCollateral(id, address(weth), 0, ALICE);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        market.withdrawCollateral(id, address(weth), 1, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.InsufficientCollateral.selector, id, address(weth), 1e18, 2e18)
        );
        market.withdrawCollateral(id, address(weth), 2e18, ALICE);
        // 0.2 ETH left = 600 * 0.8 = 480 < 2000 debt.
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, id, uint256(480e18), uint256(2000e18)));
        market.withdrawCollateral(id, address(weth), 0.8e18, ALICE);
        vm.stopPrank();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.Unauthorized.selector, id, BOB));
        market.withdrawCollateral(id, address(weth), 1, BOB);
        // With debt, a collateral without a valid price counts as zero: the withdrawal exceeds LTV.
        vm.warp(block.timestamp + 2 hours);
        usdcFeed.setAnswer(1e8);
        (uint256 debtValue) = market.debtOf(id) * 1e12;
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, id, uint256(0), debtValue));
        market.withdrawCollateral(id, address(weth), 1, ALICE);
    }

    function test_borrow_withinLtv() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 2400e6); // exactly 80% of $3000
        assertEq(usdc.balanceOf(ALICE), 2400e6, "received");
        assertEq(market.debtOf(id), 2400e6, "debt");
        assertEq(market.totalBorrows(), 2400e6, "total");
        assertEq(market.cash(), 1_000_000e6 - 2400e6, "cash");
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, id, uint256(2400e18), uint256(2400e18 + 1e12))
        );
        market.borrow(id, 1, ALICE);
    }

    function test_borrow_crossMargin() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _fund(ALICE, wbtc, 1e8);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 1e8);
        // 3000*0.8 + 60000*0.7 = 44400
        _borrow(ALICE, id, 44_400e6);
        (uint256 cv, uint256 limit, uint256 liq, uint256 dv, uint256 hf) = market.vaultHealth(id);
        assertEq(cv, 63_000e18, "collateral value");
        assertEq(limit, 44_400e18, "limit");
        assertEq(liq, 3000e18 * 85 / 100 + 48_000e18, "liq value");
        assertEq(dv, 44_400e18, "debt value");
        assertEq(hf, liq * 1e18 / dv, "hf");
    }

    function test_borrow_reverts() public {
        uint256 id = _openWith(ALICE, weth, 1000e18);
        vm.startPrank(ALICE);
        vm.expectRevert(IKeelMarket.ZeroAmount.selector);
        market.borrow(id, 0, ALICE);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        market.borrow(id, 1, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InsufficientLiquidity.selector, uint256(1_000_001e6), uint256(1_000_000e6)
            )
        );
        market.borrow(id, 1_000_001e6, ALICE);
        vm.stopPrank();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.Unauthorized.selector, id, BOB));
        market.borrow(id, 1, BOB);
        // A stale collateral counts as zero (the borrow exceeds LTV); a stale base price blocks borrowing.
        ethFeed.setAnswerAt(3000e8, block.timestamp - 2 hours);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, id, uint256(0), uint256(1e12)));
        market.borrow(id, 1, ALICE);
        ethFeed.setAnswer(3000e8);
        usdcFeed.setAnswer(3e8);
        vm.prank(ALICE);
        vm.expectRevert();
        market.borrow(id, 1, ALICE);
    }

    function test_repay_partialAndMax() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 1000e6);
        vm.prank(ALICE);
        usdc.approve(address(market), type(uint256).max);
        vm.prank(ALICE);
        (uint256 repaid,) = market.repay(id, 400e6);
        assertEq(repaid, 400e6, "partial");
        assertApproxEqAbs(market.debtOf(id), 600e6, 1, "left");
        vm.warp(block.timestamp + 30 days);
        uint256 debt = market.debtOf(id);
        assertGt(debt, 600e6, "interest");
        _fund(ALICE, usdc, debt);
        vm.prank(ALICE);
        (repaid,) = market.repay(id, type(uint256).max);
        assertEq(repaid, debt, "max repays exactly the accrued debt");
        assertEq(market.debtOf(id), 0, "cleared");
        assertEq(market.totalBorrows(), 0, "no phantom debt");
        assertEq(market.totalBorrowShares(), 0, "no shares");
    }

    function test_repay_anyoneAndDeadOracle() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 1000e6);
        ethFeed.setAnswer(0);
        usdcFeed.setAnswerAt(1e8, block.timestamp - 3 days);
        _fund(BOB, usdc, 2000e6);
        vm.prank(BOB);
        market.repay(id, type(uint256).max);
        assertEq(market.debtOf(id), 0, "repaid by a third party with a dead oracle");
    }

    function test_repay_reverts() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        vm.startPrank(ALICE);
        vm.expectRevert(IKeelMarket.ZeroAmount.selector);
        market.repay(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NothingToRepay.selector, id));
        market.repay(id, 1);
        vm.stopPrank();
    }

    /* INTEREST & LENDING */

    function test_interest_accruesToLendersAndReserves() public {
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 900_000e6); // 90% utilisation: at the kink, 4% a year
        assertEq(market.utilization(), 0.9e18, "util");
        assertEq(market.borrowRate(), uint256(uint64(0.04e18) / 365 days), "rate at kink");
        uint256 before = lenderVault.totalAssets();
        vm.warp(block.timestamp + 365 days);
        uint256 debt = market.debtOf(id);
        // e^0.04 - 1 = 4.0811%; the 3-term Taylor expansion is within 1e-6.
        assertApproxEqAbs(debt, 900_000e6 + 36_729e6, 5e6, "one year at 4%");
        uint256 interest = market.totalBorrows() - 900_000e6;
        assertApproxEqAbs(market.totalReserves(), interest / 10, 1, "10% to reserves");
        assertApproxEqAbs(lenderVault.totalAssets(), before + interest - interest / 10, 2, "lenders get 90%");
        // Views accrue to now without a transaction; a transaction agrees with them.
        market.accrueInterest();
        assertEq(market.debtOf(id), debt, "same after accrual");
    }

    function test_rates_aboveKink() public {
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 950_000e6);
        uint256 rate = market.borrowRate();
        uint256 expected = uint256(uint64(0.04e18) / 365 days) + uint256(uint64(0.6e18) / 365 days) / 2;
        assertApproxEqAbs(rate, expected, 2, "halfway above kink");
        uint256 sr = market.supplyRate();
        assertApproxEqAbs(sr, rate * 95 / 100 * 90 / 100, 2, "supply rate");
    }

    function test_lender_withdrawLimitedByCash() public {
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 900_000e6);
        assertEq(lenderVault.maxWithdraw(LENDER), 100_000e6, "only cash");
        assertLe(lenderVault.previewRedeem(lenderVault.maxRedeem(LENDER)), 100_000e6, "max redeem within cash");
        vm.startPrank(LENDER);
        vm.expectRevert(
            abi.encodeWithSelector(
                ERC4626.ERC4626ExceededMaxWithdraw.selector, LENDER, uint256(100_001e6), uint256(100_000e6)
            )
        );
        lenderVault.withdraw(100_001e6, LENDER, LENDER);
        lenderVault.withdraw(100_000e6, LENDER, LENDER);
        vm.stopPrank();
        assertEq(market.cash(), 0, "drained");
    }

    function test_lender_roundTripWithInterest() public {
        uint256 id = _openWith(ALICE, weth, 1000e18);
        _borrow(ALICE, id, 500_000e6);
        vm.warp(block.timestamp + 100 days);
        ethFeed.setAnswer(3000e8);
        _fund(ALICE, usdc, 100_000e6);
        vm.prank(ALICE);
        market.repay(id, type(uint256).max);
        uint256 shares = lenderVault.balanceOf(LENDER);
        vm.prank(LENDER);
        uint256 out = lenderVault.redeem(shares, LENDER, LENDER);
        assertGt(out, 1_000_000e6, "earned interest");
        assertEq(lenderVault.totalSupply(), 0, "all redeemed");
        assertGe(usdc.balanceOf(address(market)), market.totalReserves(), "reserves still backed");
    }

    function test_donation_doesNotMoveSharePrice() public {
        uint256 before = lenderVault.convertToAssets(1e12);
        usdc.mint(address(market), 1_000_000e6);
        assertEq(lenderVault.totalAssets(), 1_000_000e6, "donation ignored");
        assertEq(lenderVault.convertToAssets(1e12), before, "price");
    }

    function test_inflationAttack_victimKeepsDeposit() public {
        IKeelMarket fresh = _deploy(_usdcRateModel(), 0, 0);
        KeelLenderVault freshVault = new KeelLenderVault(fresh, "k", "k");
        usdc.mint(BOB, 3);
        vm.startPrank(BOB);
        usdc.approve(address(freshVault), 1);
        freshVault.deposit(1, BOB);
        // The attacker donates every way there is: base tokens to the market and to the vault, and market supply
        // shares credited to the vault (supply onBehalf = vault).
        usdc.approve(address(fresh), 2);
        fresh.supply(2, 0, address(freshVault));
        vm.stopPrank();
        usdc.mint(address(fresh), 10_000e6); // donation has no effect with internal accounting
        usdc.mint(address(freshVault), 10_000e6);
        usdc.mint(ALICE, 1000e6);
        vm.startPrank(ALICE);
        usdc.approve(address(freshVault), 1000e6);
        uint256 shares = freshVault.deposit(1000e6, ALICE);
        vm.stopPrank();
        assertApproxEqAbs(freshVault.previewRedeem(shares), 1000e6, 1, "victim keeps deposit");
    }

    /* LIQUIDATION */

    function _underwater() internal returns (uint256 id) {
        id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 2400e6);
        _fund(LIQUIDATOR, usdc, 10_000e6);
    }

    function test_liquidate_notLiquidatable() public {
        uint256 id = _underwater();
        uint256 hf = _hf(id);
        vm.prank(LIQUIDATOR);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotLiquidatable.selector, id, hf));
        market.liquidate(id, address(weth), 100e6, 0);
    }

    function test_liquidate_partialRestoresTargetHealth() public {
        uint256 id = _underwater();
        ethFeed.setAnswer(2800e8); // HF = 2380 / 2400
        uint256 hfBefore = _hf(id);
        assertLt(hfBefore, 1e18, "underwater");
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        // Max repay = (1.05 * 2400 - 2380) / (1.05 - 1.01 * 0.85) = 731.07...
        assertApproxEqAbs(repaid, 731_070_000, 10_000, "capped at target");
        assertApproxEqAbs(seized, repaid * 1e12 * 101 / 100 / 2800, 1e9, "1% discount");
        assertApproxEqAbs(_hf(id), 1.05e18, 1e14, "target health");
        assertEq(weth.balanceOf(LIQUIDATOR), seized, "collateral to liquidator");
        assertEq(usdc.balanceOf(LIQUIDATOR), 10_000e6 - repaid, "paid");
    }

    function test_liquidate_discountGrowsAndMinSeized() public {
        uint256 id = _underwater();
        ethFeed.setAnswer(2700e8); // HF = 2295/2400 = 0.956 → discount 4.4%
        vm.prank(LIQUIDATOR);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.SeizedBelowMin.selector, uint256(38_657_407_407_407_407), uint256(1e18))
        );
        market.liquidate(id, address(weth), 100e6, 1e18);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), 100e6, 0);
        assertEq(repaid, 100e6, "repaid");
        // 100 * (1 + 0.04375) / 2700
        assertApproxEqAbs(seized, 38_657_407_407_407_407, 1e14, "discount = 1 - HF");
    }

    /// @dev Finding 1 of the security review: a solvent vault (collateral $2,500 ≥ debt $2,400, HF 0.885) used to be
    /// seized whole at the full 10% discount for 2,272.73 USDC, writing 127.27 USDC off against lenders. The discount
    /// is now capped at the vault's margin (2500/2400 − 1 = 4.17%): seizing everything repays all the debt.
    function test_liquidate_deepSolventSeizesAllWithoutBadDebt() public {
        uint256 id = _underwater();
        ethFeed.setAnswer(2500e8); // HF 0.885, margin 4.17%
        uint256 assetsBefore = lenderVault.totalAssets();
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(repaid, 2400e6, "the whole debt");
        assertApproxEqAbs(seized, 1e18, 1e6, "(nearly) the whole balance: 2400 x 1.0417 / 2500");
        assertEq(market.debtOf(id), 0, "debt repaid");
        assertEq(market.totalBadDebt(), 0, "nothing written off");
        assertEq(market.totalBorrows(), 0, "no phantom debt");
        assertGe(lenderVault.totalAssets(), assetsBefore, "lenders whole");
    }

    /// @dev The issue's example: 10 WETH at $2,570 against 24,000 USDC (HF 0.910). Today a partial liquidation is
    /// refused and the full one pays 23,582.49 USDC and writes 417.51 off. Now the full debt is repaid, nothing is
    /// written off, and a liquidator offering less is served partially instead of refused.
    function test_liquidate_issueExample_noWriteOffWhileSolvent() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 24_000e6);
        _fund(LIQUIDATOR, usdc, 30_000e6);
        ethFeed.setAnswer(2570e8);
        assertApproxEqAbs(_hf(id), 0.91e18, 0.001e18, "HF 0.910");
        vm.prank(LIQUIDATOR);
        (uint256 repaid,) = market.liquidate(id, address(weth), 1000e6, 0);
        assertEq(repaid, 1000e6, "partial accepted");
        vm.prank(LIQUIDATOR);
        market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(market.debtOf(id), 0, "all repaid");
        assertEq(market.totalBadDebt(), 0, "nothing written off");
    }

    /// @dev Insolvent (collateral $2,000 < debt $2,400): bad debt cannot be avoided; the whole balance is seized at
    /// the full discount and the rest written off against lenders.
    function test_liquidate_insolventSeizesAllAndWritesOffBadDebt() public {
        uint256 id = _underwater();
        ethFeed.setAnswer(2000e8); // HF 0.708
        uint256 assetsBefore = lenderVault.totalAssets();
        vm.prank(LIQUIDATOR);
        vm.expectRevert(
            abi.encodeWithSelector(IKeelMarket.RepayBelowRequired.selector, uint256(100e6), uint256(1_818_181_819))
        );
        market.liquidate(id, address(weth), 100e6, 0);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(seized, 1e18, "whole balance");
        assertEq(repaid, 1_818_181_819, "2000 / 1.1");
        assertEq(market.debtOf(id), 0, "debt written off");
        assertEq(market.totalBadDebt(), 2400e6 - repaid, "bad debt");
        assertEq(market.totalBorrows(), 0, "no phantom debt");
        assertEq(lenderVault.totalAssets(), assetsBefore - (2400e6 - repaid), "lenders absorb");
    }

    function test_liquidate_dustClosesWhole() public {
        uint256 id = _openWith(ALICE, weth, 0.005e18); // $15
        _borrow(ALICE, id, 12e6);
        _fund(LIQUIDATOR, usdc, 100e6);
        ethFeed.setAnswer(2800e8);
        vm.prank(LIQUIDATOR);
        (uint256 repaid,) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(repaid, 12e6, "whole dust debt");
        assertEq(market.debtOf(id), 0, "closed");
    }

    function test_liquidate_reverts() public {
        uint256 id = _underwater();
        ethFeed.setAnswer(2800e8);
        vm.startPrank(LIQUIDATOR);
        vm.expectRevert(IKeelMarket.ZeroAmount.selector);
        market.liquidate(id, address(weth), 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientCollateral.selector, id, address(wbtc), 0, 0));
        market.liquidate(id, address(wbtc), 1, 0);
        vm.stopPrank();
        vm.warp(block.timestamp + 2 hours);
        vm.prank(LIQUIDATOR);
        vm.expectRevert();
        market.liquidate(id, address(weth), 1, 0);
    }

    function test_liquidate_crossMarginPicksAsset() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _fund(ALICE, wbtc, 0.1e8);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 0.1e8);
        _borrow(ALICE, id, 6600e6); // limit 2400 + 4200
        _fund(LIQUIDATOR, usdc, 10_000e6);
        btcFeed.setAnswer(50_000e8);
        uint256 hfBefore = _hf(id);
        assertLt(hfBefore, 1e18, "underwater");
        vm.prank(LIQUIDATOR);
        (, uint256 seized) = market.liquidate(id, address(wbtc), type(uint256).max, 0);
        assertGt(seized, 0, "btc seized");
        assertGe(_hf(id), hfBefore, "health improved");
        assertEq(market.collateralOf(id, address(weth)), 1e18, "eth untouched");
    }

    /// @dev The first-listed collateral (weth, index 0) shares its storage slot with the vault's debt; the others do
    /// not. Every path that moves one must leave the other exactly as it was, and an unlisted asset (whose default
    /// index is also 0) must never read or write that slot.
    function test_firstCollateralSharesDebtSlot() public {
        uint256 id = _openWith(ALICE, weth, 2e18);
        _fund(ALICE, weth, 1e18);
        _fund(ALICE, wbtc, 1e8);
        _fund(ALICE, usdc, 100_000e6);
        DevERC20 stray = new DevERC20("Stray", "STR", 18);
        assertEq(market.collateralOf(id, address(stray)), 0, "unlisted reads zero, not the index-0 balance");
        vm.startPrank(ALICE);
        market.depositCollateral(id, address(wbtc), 0.5e8);
        market.borrow(id, 3000e6, ALICE);
        uint256 shares = market.getVault(id).debtShares;
        assertEq(market.collateralOf(id, address(weth)), 2e18, "borrow keeps the weth balance");
        market.withdrawCollateral(id, address(weth), 0.5e18, ALICE);
        assertEq(market.getVault(id).debtShares, shares, "withdraw keeps the debt");
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientCollateral.selector, id, address(stray), 0, 1));
        market.withdrawCollateral(id, address(stray), 1, ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.NotListed.selector, address(stray)));
        market.depositCollateral(id, address(stray), 1);
        market.repay(id, type(uint256).max);
        assertEq(market.collateralOf(id, address(weth)), 1.5e18, "repaying all keeps the weth balance");
        assertEq(market.getVault(id).debtShares, 0, "debt cleared");
        // Emptying weth clears its held bit; wbtc (outside the debt slot) stays.
        market.withdrawCollateral(id, address(weth), 1.5e18, ALICE);
        VaultData memory d = market.getVault(id);
        assertEq(d.assets.length, 1, "one asset left");
        assertEq(d.assets[0], address(wbtc), "wbtc left");
        assertEq(d.amounts[0], 0.5e8, "wbtc amount");
        // Refill weth and borrow against both again.
        market.depositCollateral(id, address(weth), 1e18);
        market.borrow(id, 20_000e6, ALICE);
        vm.stopPrank();
        assertEq(market.collateralOf(id, address(weth)), 1e18, "weth back");
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 1e18, "weth total");
        // Liquidating the index-0 collateral moves debt and balance in the same slot consistently.
        ethFeed.setAnswer(1000e8);
        btcFeed.setAnswer(45_000e8); // HF 0.94: seizing weth (LT 85%) at a 6% discount raises it
        _fund(LIQUIDATOR, usdc, 100_000e6);
        uint256 debtBefore = market.debtOf(id);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = market.liquidate(id, address(weth), type(uint256).max, 0);
        assertEq(market.collateralOf(id, address(weth)), 1e18 - seized, "weth left");
        assertApproxEqAbs(market.debtOf(id), debtBefore - repaid, 1, "debt left");
        assertEq(market.collateralOf(id, address(wbtc)), 0.5e8, "wbtc untouched");
        assertEq(IERC20(address(weth)).balanceOf(address(market)), 1e18 - seized, "weth total follows");
    }

    /* MULTICALL */

    function test_multicall_depositAndBorrowDeferred() public {
        vm.prank(ALICE);
        uint256 id = market.openVault();
        _fund(ALICE, weth, 1e18);
        bytes[] memory calls = new bytes[](3);
        // Borrow first: the LTV check waits for the end of the batch.
        calls[0] = abi.encodeCall(IKeelMarket.borrow, (id, 2000e6, ALICE));
        calls[1] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(weth), 1e18));
        calls[2] = abi.encodeCall(IKeelMarket.borrow, (id, 400e6, ALICE));
        vm.prank(ALICE);
        market.multicall(calls);
        assertEq(market.debtOf(id), 2400e6, "both borrows");
    }

    function test_multicall_endCheckReverts() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.borrow, (id, 2000e6, ALICE));
        calls[1] = abi.encodeCall(IKeelMarket.withdrawCollateral, (id, address(weth), 0.5e18, ALICE));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.ExceedsLtv.selector, id, uint256(1200e18), uint256(2000e18)));
        market.multicall(calls);
    }

    function test_multicall_cannotLiquidatePendingVault() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _fund(ALICE, usdc, 100_000e6);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.borrow, (id, 100_000e6, ALICE));
        calls[1] = abi.encodeCall(IKeelMarket.liquidate, (id, address(weth), type(uint256).max, 0));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.VaultCheckPending.selector, id));
        market.multicall(calls);
    }

    function test_multicall_bubblesRevert() public {
        bytes[] memory calls = new bytes[](1);
        calls[0] = abi.encodeCall(IKeelMarket.repay, (1, 0));
        vm.expectRevert(IKeelMarket.ZeroAmount.selector);
        market.multicall(calls);
    }

    /* FLASH LOANS */

    function test_flashLoan_feeToReserves() public {
        FlashBorrower fb = new FlashBorrower(market);
        usdc.mint(address(fb), 50e6);
        assertEq(market.maxFlashLoan(address(usdc)), 1_000_000e6, "max");
        assertEq(market.maxFlashLoan(address(weth)), 0, "other token");
        uint256 fee = market.flashFee(address(usdc), 100_000e6);
        assertEq(fee, 50e6, "5 bps");
        uint256 assetsBefore = lenderVault.totalAssets();
        market.flashLoan(fb, address(usdc), 100_000e6, "");
        assertEq(market.totalReserves(), 50e6, "fee to reserves");
        assertEq(market.cash(), 1_000_050e6, "cash");
        assertEq(lenderVault.totalAssets(), assetsBefore, "lenders unchanged");
        vm.prank(ADMIN);
        riskAdmin.withdrawReserves(address(market), ADMIN, 50e6);
        assertEq(usdc.balanceOf(ADMIN), 50e6, "reserves withdrawn");
    }

    function test_flashLoan_callbackCanLeverageButNotNest() public {
        FlashBorrower fb = new FlashBorrower(market);
        uint256 id = fb.openVault();
        weth.mint(address(fb), 1e18);
        fb.approve(address(weth), address(market), 1e18);
        usdc.mint(address(fb), 1e6);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(IKeelMarket.depositCollateral, (id, address(weth), 1e18));
        calls[1] = abi.encodeCall(IKeelMarket.borrow, (id, 1000e6, address(fb)));
        fb.setCalls(calls);
        market.flashLoan(fb, address(usdc), 1000e6, "");
        assertEq(market.debtOf(id), 1000e6, "borrowed inside callback");

        bytes[] memory nested = new bytes[](1);
        nested[0] = abi.encodeCall(IKeelMarket.flashLoan, (fb, address(usdc), 1, ""));
        fb.setCalls(nested);
        vm.expectRevert(IKeelMarket.FlashLoanActive.selector);
        market.flashLoan(fb, address(usdc), 1000e6, "");
    }

    /// @dev Base transfers in during a flash loan (repay, lender deposit) are checked against cash minus the loan.
    function test_flashLoan_callbackCanRepayAndLend() public {
        uint256 id = _openWith(ALICE, weth, 1e18);
        _borrow(ALICE, id, 1000e6);
        FlashBorrower fb = new FlashBorrower(market);
        usdc.mint(address(fb), 2000e6);
        fb.approve(address(usdc), address(market), type(uint256).max);
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeWithSignature("repay(uint256,uint256)", id, uint256(400e6));
        calls[1] = abi.encodeCall(IKeelMarket.supply, (uint256(500e6), 0, address(fb))); // lends through the ledger
        fb.setCalls(calls);
        uint256 cashBefore = market.cash();
        market.flashLoan(fb, address(usdc), 10_000e6, "");
        assertEq(market.debtOf(id), 600e6, "repaid inside callback");
        uint256 fee = market.flashFee(address(usdc), 10_000e6);
        assertEq(market.cash(), cashBefore + 400e6 + 500e6 + fee, "cash");
        assertEq(usdc.balanceOf(address(market)), market.cash(), "balance covers cash exactly");
    }

    function test_flashLoan_reverts() public {
        FlashBorrower fb = new FlashBorrower(market);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.UnsupportedToken.selector, address(weth)));
        market.flashLoan(fb, address(weth), 1, "");
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InsufficientLiquidity.selector, uint256(2_000_000e6), uint256(1_000_000e6)
            )
        );
        market.flashLoan(fb, address(usdc), 2_000_000e6, "");
        fb.setBadReturn(true);
        usdc.mint(address(fb), 1e6);
        vm.expectRevert(IKeelMarket.FlashCallbackFailed.selector);
        market.flashLoan(fb, address(usdc), 1000e6, "");
        fb.setBadReturn(false);
        // Borrower cannot pay the fee.
        vm.expectRevert();
        market.flashLoan(fb, address(usdc), 1_000_000e6, "");
    }

    /* RISK ADMIN SETTERS (the market's side: who may call, hard bounds; the delay is KeelRiskAdmin's) */

    function test_setters_onlyRiskAdmin() public {
        CollateralParams memory p = CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30);
        bytes memory err = abi.encodeWithSelector(IKeelMarket.NotRiskAdmin.selector, ADMIN);
        vm.startPrank(ADMIN); // the governance owner itself cannot bypass its risk admin
        vm.expectRevert(err);
        market.setCollateral(address(weth), p);
        vm.expectRevert(err);
        market.setRateModel(_usdcRateModel());
        vm.expectRevert(err);
        market.setFees(0, 0);
        vm.expectRevert(err);
        market.setBorrowPaused(true);
        vm.expectRevert(err);
        market.withdrawReserves(ADMIN, 0);
        vm.stopPrank();
    }

    function test_setCollateral_hardBounds() public {
        CollateralParams memory p = CollateralParams(0.5e18, 0.6e18, 0.05e18, 1e30);
        vm.startPrank(address(riskAdmin));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidCollateral.selector, address(usdc)));
        market.setCollateral(address(usdc), p);
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidCollateral.selector, address(0)));
        market.setCollateral(address(0), p);
        DevERC20 x = new DevERC20("X", "X", 18);
        vm.expectRevert(abi.encodeWithSelector(KeelOracle.NoFeed.selector, address(x)));
        market.setCollateral(address(x), p);
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.6e18), uint256(0.6e18), uint256(0.05e18)
            )
        );
        market.setCollateral(address(weth), CollateralParams(0.6e18, 0.6e18, 0.05e18, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.5e18), uint256(0.96e18), uint256(0.05e18)
            )
        );
        market.setCollateral(address(weth), CollateralParams(0.5e18, 0.96e18, 0.05e18, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.5e18), uint256(0.6e18), uint256(0.26e18)
            )
        );
        market.setCollateral(address(weth), CollateralParams(0.5e18, 0.6e18, 0.26e18, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.5e18), uint256(0.6e18), uint256(0.005e18)
            )
        );
        market.setCollateral(address(weth), CollateralParams(0.5e18, 0.6e18, 0.005e18, 1));
        // (1 + maxDiscount) × LT must stay below 1 (Aave's configurator rule): LT 95% allows a discount below 5.26%.
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.9e18), uint256(0.95e18), uint256(0.06e18)
            )
        );
        market.setCollateral(address(weth), CollateralParams(0.9e18, 0.95e18, 0.06e18, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IKeelMarket.InvalidCollateralParams.selector, uint256(0.7e18), uint256(0.8e18), uint256(0.25e18)
            )
        );
        market.setCollateral(address(weth), CollateralParams(0.7e18, 0.8e18, 0.25e18, 1)); // 1.25 × 0.8 = 1
        market.setCollateral(address(weth), CollateralParams(0.9e18, 0.95e18, 0.05e18, 1)); // 1.05 × 0.95 < 1
        market.setCollateral(address(weth), CollateralParams(0.7e18, 0.79e18, 0.25e18, 1)); // 1.25 × 0.79 < 1
        vm.expectRevert(IKeelMarket.InvalidRateModel.selector);
        market.setRateModel(RateModel(0, 0, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InvalidFees.selector, uint256(0.51e18), uint256(0)));
        market.setFees(0.51e18, 0);
        vm.stopPrank();
    }

    function test_setRateModelAndFees_accrueFirst() public {
        uint256 id = _openWith(ALICE, weth, 100e18);
        _borrow(ALICE, id, 100_000e6);
        vm.warp(block.timestamp + 30 days);
        uint256 debtBefore = market.debtOf(id);
        vm.startPrank(address(riskAdmin));
        market.setRateModel(RateModel(0, 0, uint64(uint256(5e18) / 365 days), 0.5e18));
        assertEq(market.debtOf(id), debtBefore, "accrued at the old rate");
        market.setFees(0.2e18, 9);
        vm.stopPrank();
        assertEq(market.reserveFactor(), 0.2e18, "rf");
        assertEq(market.flashFeeBps(), 9, "fee");
        assertEq(market.rateModel().kink, 0.5e18, "kink");
    }

    function test_borrowPaused_stopsOnlyBorrowing() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 1000e6);
        vm.prank(address(riskAdmin));
        market.setBorrowPaused(true);
        assertTrue(market.borrowPaused(), "paused");
        vm.prank(ALICE);
        vm.expectRevert(IKeelMarket.BorrowPaused.selector);
        market.borrow(id, 1, ALICE);
        // Everything else works: repay, withdraw within LTV, deposit, lend.
        _fund(ALICE, usdc, 500e6);
        vm.startPrank(ALICE);
        market.repay(id, 500e6);
        market.withdrawCollateral(id, address(weth), 1e18, ALICE);
        vm.stopPrank();
        _supply(BOB, 1000e6);
        vm.prank(address(riskAdmin));
        market.setBorrowPaused(false);
        _borrow(ALICE, id, 1);
    }

    /// @dev Borrow, repay and liquidate write the totals and the liquidity slot back one word each (`_store`): every
    /// field must come back as the accrual left it — the pause flag, the reserves, the accrual time (a wrong one would
    /// show as interest at the same timestamp) and the totals.
    function test_writeBack_keepsEveryFieldOfTheAccountingSlots() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _borrow(ALICE, id, 20_000e6);
        vm.warp(block.timestamp + 30 days);
        ethFeed.setAnswer(3000e8);
        usdcFeed.setAnswer(1e8);
        vm.prank(address(riskAdmin));
        market.setBorrowPaused(true);
        uint256 reserves = market.totalReserves();
        uint256 borrows = market.totalBorrows();
        uint256 cash = market.cash();
        assertGt(reserves, 0, "reserves accrued");
        _fund(ALICE, usdc, 1000e6);
        vm.prank(ALICE);
        (uint256 repaid,) = market.repay(id, 1000e6);
        assertTrue(market.borrowPaused(), "still paused after repay");
        assertEq(market.totalReserves(), reserves, "reserves kept");
        assertEq(market.totalBorrows(), borrows - repaid, "borrows");
        assertEq(market.cash(), cash + repaid, "cash");

        ethFeed.setAnswer(2200e8); // HF ≈ 0.93: a partial liquidation raises it
        (reserves, borrows, cash) = (market.totalReserves(), market.totalBorrows(), market.cash());
        _fund(LIQUIDATOR, usdc, 5000e6);
        vm.prank(LIQUIDATOR);
        (repaid,) = market.liquidate(id, address(weth), 1000e6, 0);
        assertTrue(market.borrowPaused(), "still paused after liquidate");
        assertEq(market.totalReserves(), reserves, "reserves kept by liquidate");
        assertEq(market.totalBorrows(), borrows - repaid, "borrows after liquidate");
        assertEq(market.cash(), cash + repaid, "cash after liquidate");

        vm.prank(address(riskAdmin));
        market.setBorrowPaused(false);
        ethFeed.setAnswer(3000e8);
        _borrow(ALICE, id, 1e6);
        assertFalse(market.borrowPaused(), "unpaused after borrow");
        assertEq(market.totalBorrows(), borrows - repaid + 1e6, "borrows after borrow, no interest at the same time");
    }

    /// @dev Liquidate writes the position slot (debt shares and the first-listed collateral's balance) in one store
    /// (`_storePosition`): each field must be exactly what the liquidation left — shares burned as the totals say, the
    /// balance less what was seized —, the other slot (owner, held mask, list position), the other collateral and a
    /// neighbouring vault untouched; and the vault must still repay, and withdraw both collaterals, afterwards. The
    /// second-listed collateral's path (its own balance slot) is checked the same way.
    function test_liquidate_positionSlotWrittenOnce_keepsEveryField() public {
        uint256 id = _openWith(ALICE, weth, 10e18);
        _fund(ALICE, wbtc, 1e7);
        vm.prank(ALICE);
        market.depositCollateral(id, address(wbtc), 1e7);
        _borrow(ALICE, id, 22_000e6);
        uint256 other = _openWith(ALICE, weth, 2e18);
        _borrow(ALICE, other, 1000e6);
        VaultData memory otherBefore = market.getVault(other);
        uint256[] memory listBefore = market.vaultsOf(ALICE);

        ethFeed.setAnswer(2300e8);
        btcFeed.setAnswer(20_000e8);
        _fund(LIQUIDATOR, usdc, 30_000e6);
        address[2] memory assets = [address(weth), address(wbtc)];
        for (uint256 k; k < 2; ++k) {
            assertLt(_hf(id), 1e18, "liquidatable before each of the two liquidations");
            VaultData memory before = market.getVault(id);
            uint256 totalShares = market.totalBorrowShares();
            vm.prank(LIQUIDATOR);
            (, uint256 seized) = market.liquidate(id, assets[k], 500e6, 0);
            VaultData memory afterwards = market.getVault(id);
            assertEq(afterwards.owner, ALICE, "owner kept");
            assertEq(
                afterwards.debtShares,
                before.debtShares - (totalShares - market.totalBorrowShares()),
                "debt shares: burned as the totals say"
            );
            assertEq(afterwards.assets.length, 2, "both collaterals still held");
            assertEq(market.collateralOf(id, assets[k]), _amountOf(before, assets[k]) - seized, "seized balance");
            assertEq(
                market.collateralOf(id, assets[1 - k]), _amountOf(before, assets[1 - k]), "other collateral untouched"
            );
        }
        VaultData memory otherAfter = market.getVault(other);
        assertEq(otherAfter.debtShares, otherBefore.debtShares, "neighbour's debt untouched");
        assertEq(otherAfter.amounts[0], otherBefore.amounts[0], "neighbour's balance untouched");
        uint256[] memory listAfter = market.vaultsOf(ALICE);
        assertEq(listAfter.length, listBefore.length, "owner's list kept");
        assertEq(listAfter[0], listBefore[0], "list position kept");

        _fund(ALICE, usdc, 30_000e6);
        vm.startPrank(ALICE);
        market.repay(id, type(uint256).max);
        market.withdrawCollateral(id, address(weth), market.collateralOf(id, address(weth)), ALICE);
        market.withdrawCollateral(id, address(wbtc), market.collateralOf(id, address(wbtc)), ALICE);
        vm.stopPrank();
        assertEq(market.getVault(id).assets.length, 0, "emptied: the held mask was intact");
    }

    function _amountOf(VaultData memory d, address asset) internal pure returns (uint256) {
        for (uint256 i; i < d.assets.length; ++i) {
            if (d.assets[i] == asset) return d.amounts[i];
        }
        return 0;
    }

    function test_withdrawReserves_reverts() public {
        vm.startPrank(address(riskAdmin));
        vm.expectRevert(abi.encodeWithSelector(IKeelMarket.InsufficientReserves.selector, uint256(1), uint256(0)));
        market.withdrawReserves(ADMIN, 1);
        vm.expectRevert(IKeelMarket.ZeroAddress.selector);
        market.withdrawReserves(address(0), 0);
        vm.stopPrank();
    }

    /* FUZZ */

    function testFuzz_borrow_ltvBoundary(uint256 collateral, uint256 price, uint256 borrowAmt) public {
        collateral = bound(collateral, 1e15, 1000e18);
        price = bound(price, 100e8, 100_000e8);
        ethFeed.setAnswer(int256(price));
        uint256 id = _openWith(ALICE, weth, collateral);
        uint256 limitValue = collateral * (price * 1e10) / 1e18 * 0.8e18 / 1e18;
        uint256 maxBorrow = limitValue / 1e12; // base units at $1
        borrowAmt = bound(borrowAmt, 1, maxBorrow + 1000);
        if (borrowAmt > 1_000_000e6) borrowAmt = 1_000_000e6;
        vm.prank(ALICE);
        if (borrowAmt <= maxBorrow) {
            market.borrow(id, borrowAmt, ALICE);
            (, uint256 limit,, uint256 dv,) = market.vaultHealth(id);
            assertLe(dv, limit, "within LTV");
        } else {
            vm.expectRevert();
            market.borrow(id, borrowAmt, ALICE);
        }
    }

    function testFuzz_interest_monotonicAndRepayable(uint256 amount, uint256 dt) public {
        amount = bound(amount, 1e6, 2_000_000e6);
        dt = bound(dt, 1, 3 * 365 days);
        uint256 id = _openWith(ALICE, weth, 10_000e18);
        if (amount > 1_000_000e6) amount = 1_000_000e6;
        _borrow(ALICE, id, amount);
        uint256 assets0 = lenderVault.totalAssets();
        vm.warp(block.timestamp + dt);
        uint256 debt = market.debtOf(id);
        assertGe(debt, amount, "debt grows");
        assertGe(lenderVault.totalAssets(), assets0, "lenders never lose to interest");
        _fund(ALICE, usdc, debt);
        vm.prank(ALICE);
        market.repay(id, type(uint256).max);
        assertEq(market.totalBorrows(), 0, "no phantom debt");
        assertGe(usdc.balanceOf(address(market)), market.cash(), "cash backed");
        assertGe(market.cash(), market.totalReserves(), "reserves backed");
    }

    function testFuzz_liquidation_neverLowersHealthUnlessExhausted(uint256 newPrice, uint256 repayAmt) public {
        uint256 id = _underwater();
        _fund(LIQUIDATOR, usdc, 100_000e6);
        newPrice = bound(newPrice, 1000e8, 2820e8);
        repayAmt = bound(repayAmt, 1, 5000e6);
        ethFeed.setAnswer(int256(newPrice));
        uint256 hfBefore = _hf(id);
        vm.assume(hfBefore < 1e18);
        vm.prank(LIQUIDATOR);
        try market.liquidate(id, address(weth), repayAmt, 0) returns (uint256 repaid, uint256 seized) {
            assertLe(repaid, repayAmt, "never more than offered");
            // Seized value ≤ repaid value × 1.1 (max discount).
            assertLe(seized * newPrice / 1e8, repaid * 1e12 * 110 / 100 + 1e12, "discount bounded");
            if (market.collateralOf(id, address(weth)) != 0 && market.debtOf(id) != 0) {
                assertGe(_hf(id) + hfBefore / 1e12, hfBefore, "HF not lowered");
            }
            // Collateral still covers the debt: nothing is written off (the discount is capped at the margin).
            if (newPrice * 1e10 >= 2400e18) assertEq(market.totalBadDebt(), 0, "no bad debt while solvent");
        } catch (bytes memory err) {
            assertTrue(bytes4(err) == IKeelMarket.RepayBelowRequired.selector, "only deep-regime shortfall reverts");
        }
    }
}
