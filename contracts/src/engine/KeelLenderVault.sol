// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IKeelMarket} from "../interfaces/IKeelMarket.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {SharesLib} from "../libraries/SharesLib.sol";

/// @title KeelLenderVault
/// @notice The ERC-4626 token of one KeelMarket's lenders: it supplies to the market's ledger on their behalf and holds
/// the market's supply shares one for one with its own shares, so a share of this vault is a share of the market's
/// supply — the same decimals (the base asset's + 6), the same price, the same interest and bad debt.
/// @dev Conversions and previews use the market's own totals (interest accrued to now) and SharesLib, the functions
/// the market uses, so a preview is exactly what the market does. Deposit and mint supply by assets and by shares
/// respectively, withdraw and redeem withdraw by assets and by shares, each rounding in the market's favour; the
/// shares minted or burned here are the shares the market credited or burned.
/// Max views are exact: a deposit is bounded by the market's 128-bit cash, a withdrawal by the cash on hand (a flash
/// loan's lent-out cash never counts).
/// Donations cannot move the price: base tokens sent here or to the market are not counted (the market tracks cash),
/// and supply shares credited to this vault by someone else's `supply(…, onBehalf = vault)` back no vault share (the
/// vault prices from the market's totals, not from its own holding), so they are a gift to nobody and the first
/// depositor has nothing to inflate. The vault never sets an operator on the market: only it can withdraw its supply.
contract KeelLenderVault is ERC4626, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using SharesLib for uint256;

    /// @notice The market whose supply this vault holds.
    IKeelMarket public immutable market;

    /// @param market_ The market (its base asset is this vault's asset).
    /// @param name_ ERC-20 name of the vault's shares.
    /// @param symbol_ ERC-20 symbol of the vault's shares.
    constructor(IKeelMarket market_, string memory name_, string memory symbol_)
        ERC20(name_, symbol_)
        ERC4626(IERC20(market_.asset()))
    {
        market = market_;
        IERC20(market_.asset()).forceApprove(address(market_), type(uint256).max);
    }

    /* ERC-4626 ACTIONS */

    /// @notice Supplies `assets` from the caller to the market (shares rounded down) and mints the shares the market
    /// credited to `receiver`.
    function deposit(uint256 assets, address receiver) public override nonReentrant returns (uint256 shares) {
        uint256 maxAssets = maxDeposit(receiver);
        if (assets > maxAssets) revert ERC4626ExceededMaxDeposit(receiver, assets, maxAssets);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), assets);
        if (assets != 0) (, shares) = market.supply(assets, 0, address(this));
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    /// @notice Mints exactly `shares` to `receiver`, supplying to the market the assets they cost (rounded up) from the
    /// caller.
    function mint(uint256 shares, address receiver) public override nonReentrant returns (uint256 assets) {
        uint256 maxShares = maxMint(receiver);
        if (shares > maxShares) revert ERC4626ExceededMaxMint(receiver, shares, maxShares);
        assets = previewMint(shares);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), assets);
        // The market prices `shares` with the totals previewMint read (same block, accrued alike): it pulls `assets`.
        if (shares != 0) market.supply(0, shares, address(this));
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    /// @notice Sends `assets` to `receiver`, burning from `owner` the shares the market burned (rounded up). The
    /// caller is `owner` or spends its allowance.
    /// @dev The market call comes before the burn because only it says how many shares `assets` cost; the vault's
    /// lock blocks re-entry, and the burn (or the allowance) reverting undoes the market's withdrawal with it.
    function withdraw(uint256 assets, address receiver, address owner)
        public
        override
        nonReentrant
        returns (uint256 shares)
    {
        uint256 maxAssets = maxWithdraw(owner);
        if (assets > maxAssets) revert ERC4626ExceededMaxWithdraw(owner, assets, maxAssets);
        if (assets != 0) (, shares) = market.withdraw(assets, 0, address(this), receiver);
        if (msg.sender != owner) _spendAllowance(owner, msg.sender, shares);
        _burn(owner, shares);
        emit Withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /// @notice Burns `shares` from `owner` and sends `receiver` what the market pays for them (rounded down). The
    /// caller is `owner` or spends its allowance.
    function redeem(uint256 shares, address receiver, address owner)
        public
        override
        nonReentrant
        returns (uint256 assets)
    {
        uint256 maxShares = maxRedeem(owner);
        if (shares > maxShares) revert ERC4626ExceededMaxRedeem(owner, shares, maxShares);
        if (msg.sender != owner) _spendAllowance(owner, msg.sender, shares);
        _burn(owner, shares);
        if (shares != 0) (assets,) = market.withdraw(0, shares, address(this), receiver);
        emit Withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /* ERC-4626 VIEWS */

    /// @notice Assets the vault's shares are worth at the market's price, interest accrued to now (rounded down).
    function totalAssets() public view override returns (uint256) {
        return _convertToAssets(totalSupply(), Math.Rounding.Floor);
    }

    /// @notice Assets a deposit may add now: the market stores cash in 128 bits, so up to 2^128 − 1 − cash.
    function maxDeposit(address) public view override returns (uint256) {
        return type(uint128).max - market.cash();
    }

    /// @notice Shares a mint may create now: `maxDeposit` converted to shares, rounded down.
    function maxMint(address receiver) public view override returns (uint256) {
        return _convertToShares(maxDeposit(receiver), Math.Rounding.Floor);
    }

    /// @notice Assets `owner` can withdraw now: its shares' worth, limited by the market's cash on hand (a flash loan in
    /// progress has lent part of the cash out).
    function maxWithdraw(address owner) public view override returns (uint256) {
        return _convertToAssets(balanceOf(owner), Math.Rounding.Floor).min(market.cashOnHand());
    }

    /// @notice Shares `owner` can redeem now: its balance, limited by the cash on hand.
    function maxRedeem(address owner) public view override returns (uint256) {
        return balanceOf(owner).min(_convertToShares(market.cashOnHand(), Math.Rounding.Floor));
    }

    /* INTERNAL */

    /// @dev The market's supply totals, interest accrued to now.
    function _totals() internal view returns (uint256 assets, uint256 shares) {
        return (market.totalSupplyAssets(), market.totalSupplyShares());
    }

    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view override returns (uint256) {
        (uint256 a, uint256 s) = _totals();
        return Math.Rounding.Ceil == rounding ? assets.toSharesUp(a, s) : assets.toSharesDown(a, s);
    }

    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view override returns (uint256) {
        (uint256 a, uint256 s) = _totals();
        return Math.Rounding.Ceil == rounding ? shares.toAssetsUp(a, s) : shares.toAssetsDown(a, s);
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return SharesLib.DECIMALS_OFFSET;
    }
}
