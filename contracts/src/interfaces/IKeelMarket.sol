// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {KeelOracle} from "../oracle/KeelOracle.sol";

/// @notice Kinked utilisation rate model, every rate per second at WAD scale. Below the kink the borrow rate rises
/// from `baseRate` to `baseRate + slope1` at `kink`; above it, a further `slope2` up to 100% utilisation.
struct RateModel {
    uint64 baseRate;
    uint64 slope1;
    uint64 slope2;
    uint64 kink;
}

/// @notice Risk parameters of one collateral, WAD ratios; `supplyCap` in the token's units.
struct CollateralParams {
    uint64 ltv;
    uint64 liquidationThreshold;
    uint64 maxDiscount;
    uint128 supplyCap;
}

/// @notice A listed collateral, as read from the market.
struct CollateralInfo {
    address asset;
    uint8 decimals;
    uint64 ltv;
    uint64 liquidationThreshold;
    uint64 maxDiscount;
    uint128 supplyCap;
}

/// @notice One vault's raw state, debt accrued to now.
struct VaultData {
    uint256 id;
    address owner;
    uint256 debt;
    uint256 debtShares;
    address[] assets;
    uint256[] amounts;
}

/// @title IKeelMarket
/// @notice The complete interface of a KeelMarket, the one home of its documentation: the supply ledger (lenders), the
/// vaults (borrowers), liquidation, flash loans (ERC-3156), the risk admin's setters, the views and constants, every
/// event and every custom error (oracle errors — StalePrice, PriceOutOfBounds, NonPositivePrice, IncompleteRound,
/// PriceFromFuture, FeedCallFailed, NoFeed — bubble up unchanged from KeelOracle). KeelMarket implements it, inheriting
/// this documentation, so its generated ABI carries every event and error. Lenders who want an ERC-4626 token use the
/// market's KeelLenderVault, which holds market supply shares one for one with its own shares.
interface IKeelMarket {
    /* EVENTS */

    /// @notice `caller` supplied `assets` base units for `shares` supply shares credited to `onBehalf`.
    event Supplied(address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    /// @notice `caller` withdrew `assets` base units of `onBehalf`'s supply to `receiver`, burning `shares`.
    event Withdrawn(
        address indexed caller, address indexed onBehalf, address indexed receiver, uint256 assets, uint256 shares
    );

    /// @notice A vault was opened.
    event VaultOpened(uint256 indexed id, address indexed owner);
    /// @notice A vault was offered to `to`; it changes owner when `to` accepts it.
    event VaultTransferOffered(uint256 indexed id, address indexed from, address indexed to);
    /// @notice A vault changed owner.
    event VaultTransferred(uint256 indexed id, address indexed from, address indexed to);
    /// @notice An owner approved or revoked an operator for all its vaults in this market.
    event OperatorSet(address indexed owner, address indexed operator, bool approved);
    /// @notice Collateral was added to a vault.
    event CollateralDeposited(uint256 indexed id, address indexed caller, address indexed asset, uint256 amount);
    /// @notice Collateral left a vault.
    event CollateralWithdrawn(
        uint256 indexed id, address indexed caller, address indexed asset, uint256 amount, address receiver
    );
    /// @notice A vault borrowed base assets.
    event Borrowed(
        uint256 indexed id, address indexed caller, address indexed receiver, uint256 assets, uint256 shares
    );
    /// @notice Debt of a vault was repaid.
    event Repaid(uint256 indexed id, address indexed caller, uint256 assets, uint256 shares);
    /// @notice A vault was liquidated.
    event Liquidated(
        uint256 indexed id,
        address indexed liquidator,
        address indexed asset,
        uint256 repaid,
        uint256 seized,
        uint256 discount
    );
    /// @notice Debt left in a vault without collateral was written off against lenders.
    event BadDebt(uint256 indexed id, uint256 amount);
    /// @notice Interest accrued on total borrows; `reserves` is the part credited to protocol reserves.
    event InterestAccrued(uint256 borrowRate, uint256 interest, uint256 reserves);
    /// @notice A collateral was listed.
    event CollateralListed(
        address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 maxDiscount, uint256 supplyCap
    );
    /// @notice A listed collateral's parameters changed.
    event CollateralParamsSet(
        address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 maxDiscount, uint256 supplyCap
    );
    /// @notice The rate model changed.
    event RateModelSet(uint256 baseRate, uint256 slope1, uint256 slope2, uint256 kink);
    /// @notice The reserve factor or flash fee changed.
    event FeesSet(uint256 reserveFactor, uint256 flashFeeBps);
    /// @notice Borrowing was paused or resumed by the risk admin.
    event BorrowPausedSet(bool paused);
    /// @notice The reputation source (LTV bonus) was set; zero: none.
    event ReputationSet(address indexed source);
    /// @notice Protocol reserves were withdrawn.
    event ReservesWithdrawn(address indexed to, uint256 amount);
    /// @notice A flash loan was served.
    event FlashLoan(address indexed receiver, address indexed initiator, uint256 amount, uint256 fee);

    /* ERRORS */

    /// @notice The caller is neither the vault's owner nor one of its operators (or not the owner, for transfers).
    error Unauthorized(uint256 id, address caller);
    /// @notice The vault is not offered to the caller (see transferVault / acceptVault).
    error NotOffered(uint256 id, address caller);
    /// @notice No vault has this id in this market.
    error VaultNotFound(uint256 id);
    /// @notice An amount that must be positive is zero.
    error ZeroAmount();
    /// @notice Exactly one of `assets` and `shares` must be zero (supply and withdraw take one or the other).
    error InconsistentInput();
    /// @notice The caller may not withdraw `onBehalf`'s supply: only `onBehalf` itself may (operators act on vaults only).
    error UnauthorizedLender(address onBehalf, address caller);
    /// @notice `account` holds fewer supply shares than the withdrawal burns.
    error InsufficientSupplyShares(address account, uint256 balance, uint256 shares);
    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice The asset is not a listed collateral of this market.
    error NotListed(address asset);
    /// @notice The asset cannot be collateral here (zero or the base asset).
    error InvalidCollateral(address asset);
    /// @notice The market already lists the maximum number of collaterals.
    error TooManyCollaterals();
    /// @notice The token reports more decimals than the engine supports (36 for a collateral, 18 for the base asset).
    error InvalidDecimals(address asset, uint8 decimals);
    /// @notice Collateral parameters outside hard bounds (LTV < LT ≤ MAX_LT, MIN_DISCOUNT ≤ discount ≤ MAX_DISCOUNT,
    /// (1 + maxDiscount) × LT < 1).
    error InvalidCollateralParams(uint256 ltv, uint256 liquidationThreshold, uint256 maxDiscount);
    /// @notice Rate model outside hard bounds (0 < kink < 1, max rate ≤ MAX_BORROW_RATE).
    error InvalidRateModel();
    /// @notice Fees outside hard bounds (reserve factor ≤ MAX_RESERVE_FACTOR, flash fee ≤ MAX_FLASH_FEE_BPS).
    error InvalidFees(uint256 reserveFactor, uint256 flashFeeBps);
    /// @notice Only the market's risk admin (KeelRiskAdmin) may call this.
    error NotRiskAdmin(address caller);
    /// @notice Borrowing is paused in this market (the risk admin's emergency switch).
    error BorrowPaused();
    /// @notice A flash loan cannot be taken inside a multicall batch (it would hold cash borrowed in the batch fee-free).
    error FlashLoanInBatch();
    /// @notice The deposit would take the market's balance of this collateral (`total`, the deposit included: every
    /// vault's collateral plus tokens sent to the market directly) above its supply cap.
    error SupplyCapExceeded(address asset, uint256 total, uint256 cap);
    /// @notice The deposit would take vault `id`'s balance of `asset` above the largest one vault may hold
    /// (2^112 − 1, so every value computed from it fits).
    error VaultCollateralTooLarge(uint256 id, address asset, uint256 balance, uint256 max);
    /// @notice The vault holds less of the asset than asked for.
    error InsufficientCollateral(uint256 id, address asset, uint256 balance, uint256 amount);
    /// @notice The market has less cash than asked for.
    error InsufficientLiquidity(uint256 requested, uint256 available);
    /// @notice The reserves (or the cash backing them) are below the amount asked for.
    error InsufficientReserves(uint256 requested, uint256 available);
    /// @notice After the action the vault's debt value exceeds its borrow limit (Σ collateral value × LTV, with its
    /// owner's reputation bonus when it has one).
    error ExceedsLtv(uint256 id, uint256 borrowLimitValue, uint256 debtValue);
    /// @notice The vault's health factor is not below 1.
    error NotLiquidatable(uint256 id, uint256 healthFactor);
    /// @notice The vault has no debt to repay.
    error NothingToRepay(uint256 id);
    /// @notice A deeply underwater vault must have its whole balance of the asset seized; repayAmount is below that.
    error RepayBelowRequired(uint256 repayAmount, uint256 required);
    /// @notice Seizing this collateral would lower the vault's health factor while another collateral it holds would
    /// raise it: liquidate that one first.
    error LiquidationLowersHealth(uint256 id, address asset);
    /// @notice The collateral seized is below the liquidator's minimum.
    error SeizedBelowMin(uint256 seized, uint256 minSeized);
    /// @notice The vault's health check is deferred to the end of the current batch; it cannot be liquidated in it.
    error VaultCheckPending(uint256 id);
    /// @notice A state-changing call re-entered the market.
    error Reentrancy();
    /// @notice A flash loan is already in progress.
    error FlashLoanActive();
    /// @notice Flash loans are only offered in the base asset.
    error UnsupportedToken(address token);
    /// @notice The flash borrower did not return the ERC-3156 magic value.
    error FlashCallbackFailed();
    /// @notice A transfer in did not arrive whole: the market received less than `expected` (fee-on-transfer or
    /// rebasing token). For the base asset, `received` is `expected` minus the shortfall that tokens donated to the
    /// market did not cover; for a collateral, what the market's balance grew by.
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);

    /* SUPPLY (lenders) */

    /// @notice Supplies base assets from the caller and credits supply shares to `onBehalf` (anyone may supply for
    /// anyone). Pass exactly one of `assets` (shares minted round down) and `shares` (assets pulled round up): both
    /// roundings favour the lenders already in. Shares are priced at (total supply shares + 1e6) ÷ (total supply
    /// assets + 1), interest accrued first, so the first supplier cannot inflate the price (1e6 virtual shares per
    /// virtual asset; donations never move it: cash is tracked internally). Refused when cash would pass 2^128 − 1.
    /// @return assetsSupplied Base units pulled from the caller.
    /// @return sharesSupplied Supply shares credited to `onBehalf`.
    function supply(uint256 assets, uint256 shares, address onBehalf)
        external
        returns (uint256 assetsSupplied, uint256 sharesSupplied);

    /// @notice Withdraws `onBehalf`'s supply to `receiver`. The caller must be `onBehalf` itself: a vault operator
    /// (`setOperator`) cannot withdraw supply (audit5 L-2). Pass exactly one of `assets` (shares burned round up) and `shares`
    /// (assets sent round down), in the market's favour. Limited by the cash on hand: during a flash loan the cash lent
    /// out is not there (InsufficientLiquidity).
    /// @return assetsWithdrawn Base units sent to `receiver`.
    /// @return sharesWithdrawn Supply shares burned from `onBehalf`.
    function withdraw(uint256 assets, uint256 shares, address onBehalf, address receiver)
        external
        returns (uint256 assetsWithdrawn, uint256 sharesWithdrawn);

    /// @notice Supply shares held by `account`.
    function supplyShares(address account) external view returns (uint256);

    /// @notice Total supply shares.
    function totalSupplyShares() external view returns (uint256);

    /// @notice Lenders' assets: cash + borrows − reserves, interest accrued to now.
    function totalSupplyAssets() external view returns (uint256);

    /* VAULTS */

    /// @notice Opens an empty vault owned by the caller and returns its id (sequential, from 1).
    function openVault() external returns (uint256 id);

    /// @notice Offers vault `id` (collateral and debt) to `to`; `to` becomes its owner by calling `acceptVault`. Owner
    /// only. The transfer is immediate when `to` has made the caller its operator (`setOperator`): it already trusts
    /// the caller with all its vaults. Offering the vault to its owner withdraws a pending offer. Nobody can push a
    /// vault onto an address that did not consent, so an owner's list grows only by its own doing. A vault with debt
    /// moves only within its new owner's limit (ExceedsLtv otherwise; see `acceptVault`).
    function transferVault(uint256 id, address to) external;

    /// @notice Accepts vault `id` offered to the caller by `transferVault`; operators of the old owner lose access. A
    /// vault with debt must be within the caller's limit, as if the caller had borrowed it: its base LTV or the
    /// caller's own reputation bonus (so no account lends its bonus by taking a vault, borrowing and handing it back).
    /// In a multicall this is checked at its end, so `[acceptVault, repay]` takes a vault that the repayment brings
    /// within.
    function acceptVault(uint256 id) external;

    /// @notice The account vault `id` is offered to, until it accepts (zero: none).
    function pendingVaultOwner(uint256 id) external view returns (address);

    /// @notice Lets `operator` borrow and withdraw collateral on all of the caller's vaults in this market (or not). It
    /// gives no right over the caller's supply.
    function setOperator(address operator, bool approved) external;

    /// @notice Adds `amount` of listed collateral `asset` to vault `id`, pulled from the caller. Anyone may deposit;
    /// needs no price, so it works while the oracle is down. Refused (SupplyCapExceeded) if the market's balance of
    /// `asset` plus `amount` would pass the supply cap, and (TransferAmountMismatch) if the balance does not grow by
    /// `amount` (fee-on-transfer tokens).
    function depositCollateral(uint256 id, address asset, uint256 amount) external;

    /// @notice Sends `amount` of `asset` from vault `id` to `receiver`. Owner or operator; if the vault has debt it
    /// must stay within LTV afterwards, a collateral without a valid price counted as zero (deferred to the end of a
    /// multicall).
    function withdrawCollateral(uint256 id, address asset, uint256 amount, address receiver) external;

    /// @notice Borrows `amount` base units against vault `id`, sent to `receiver`. Owner or operator; the vault must
    /// be within LTV afterwards, a collateral without a valid price counted as zero (deferred to the end of a
    /// multicall).
    /// @return shares Debt shares minted (rounded up).
    function borrow(uint256 id, uint256 amount, address receiver) external returns (uint256 shares);

    /// @notice Repays up to `amount` of vault `id`'s debt from the caller (anyone); `type(uint256).max` (or any amount
    /// at least the debt) repays exactly all accrued debt. Needs no price.
    /// @return repaid Base units paid.
    /// @return shares Debt shares burned (rounded down).
    function repay(uint256 id, uint256 amount) external returns (uint256 repaid, uint256 shares);

    /// @notice Liquidates vault `id` (health factor < 1, unpriced collateral counted as zero): repays at most
    /// `repayAmount` of its debt from the caller and sends the caller `asset` collateral worth the repayment plus a
    /// discount that grows as health falls, capped at the vault's margin while it is solvent.
    /// @dev The rules, each there so that no liquidation is unfair or can be blocked:
    /// - Valuation: a collateral without a valid price counts as zero, so a failing feed never blocks the liquidation
    ///   of the priced assets; the seized asset itself must be priced (reverts with the oracle's error).
    /// - Discount = clamp(1 − HF, MIN_DISCOUNT, maxDiscount), capped at the vault's margin (collateral value ÷ debt
    ///   value − 1) while collateral value covers debt value: seizing everything then repays all of the debt, so a
    ///   solvent vault is never written off. HF is the vault's health at the first liquidation of it in this
    ///   transaction, or now if higher (transient), so splitting or ordering liquidations within one transaction never
    ///   raises the discount.
    /// - A seizure that would lower HF ((1 + discount) × LT of the asset above HF) is refused (LiquidationLowersHealth)
    ///   while the vault holds another collateral, priced and worth at least DUST_VALUE, whose seizure would raise
    ///   it: the liquidator must take that one. In a solvent vault such a collateral always exists when a seizure
    ///   would lower HF, so every liquidation of a solvent vault raises (or keeps) its HF and its margin, and none pays
    ///   more than liquidating the vault at its starting health would. Dust cannot block a liquidation.
    /// - Repayment is min(`repayAmount`, what brings HF to TARGET_HEALTH), or the whole debt when it or the rest is
    ///   dust; when seizing this asset still lowers HF (no other collateral can do better), its whole balance must be
    ///   seized and `repayAmount` must cover it (RepayBelowRequired). `repayAmount` is a maximum: pass headroom, and a
    ///   front-running deposit cannot make the call revert.
    /// - When no collateral is left, the remaining debt is written off (BadDebt).
    /// - A vault whose LTV check is deferred to the end of the current multicall cannot be liquidated in it.
    /// @return repaid Base units paid by the liquidator.
    /// @return seized Collateral units sent to the liquidator (at least `minSeized`).
    function liquidate(uint256 id, address asset, uint256 repayAmount, uint256 minSeized)
        external
        returns (uint256 repaid, uint256 seized);

    /// @notice Runs each call on this market in order (delegatecall to itself, same msg.sender) and returns their
    /// results. LTV checks of vaults that borrowed or withdrew during the batch run once each, at the end.
    function multicall(bytes[] calldata data) external returns (bytes[] memory results);

    /* FLASH LOANS (ERC-3156) */

    /// @notice Base units available for a flash loan (the market's cash); zero for any other token.
    function maxFlashLoan(address token) external view returns (uint256);

    /// @notice Fee for flash-borrowing `amount` of `token` (base asset only, UnsupportedToken otherwise), rounded up.
    function flashFee(address token, uint256 amount) external view returns (uint256);

    /// @notice ERC-3156 flash loan of the base asset; the fee goes to reserves. The callback may use this market's
    /// vault and supply functions, multicall included (the lock is released during it), but not take another flash
    /// loan (FlashLoanActive). Refused inside a multicall batch (FlashLoanInBatch): a batch could otherwise borrow all
    /// cash against an empty vault, flash-loan nothing, use the cash in the callback and repay it before the batch's
    /// LTV check, fee-free. While the loan is out, base transfers in are checked against cash minus the amount lent
    /// and withdrawals are limited by the cash on hand.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool);

    /* RISK ADMIN ONLY: each setter enforces the hard bounds itself (RiskBoundsLib), whoever proposed the value */

    /// @notice Lists `asset` as collateral, or changes its parameters, at once. The risk admin decides when (its
    /// delay); the bounds are enforced here.
    function setCollateral(address asset, CollateralParams calldata params) external;

    /// @notice Accrues interest at the old rates, then sets the rate model.
    function setRateModel(RateModel calldata model) external;

    /// @notice Accrues interest at the old reserve factor, then sets the reserve factor (WAD) and the flash-loan fee
    /// (bps).
    function setFees(uint256 reserveFactor, uint256 flashFeeBps) external;

    /// @notice Pauses (or resumes) new borrows. Nothing else stops: repay, deposits, withdrawals and liquidation.
    function setBorrowPaused(bool paused) external;

    /// @notice Sets the reputation source (an IKeelReputation; zero: none). A vault over its base LTV may still borrow
    /// or withdraw (or change hands) within its owner's bonus from that source, counted over the collaterals with an
    /// LTV above 0 only: base limit + min(bonus × their value, half of their liquidation value − base limit), the
    /// bonus taken as at most 10 points (MAX_LTV_BONUS) whatever the source answers. Liquidation and the health factor
    /// never use it.
    function setReputation(address source) external;

    /// @notice Sends `amount` of protocol reserves to `to` (limited by reserves and by cash on hand).
    function withdrawReserves(address to, uint256 amount) external;

    /// @notice Accrues interest up to now (anyone).
    function accrueInterest() external;

    /* VIEWS */

    /// @notice The base asset: lent, borrowed and flash-lent.
    function asset() external view returns (address);

    /// @notice The oracle every price comes from (base asset and collaterals).
    function oracle() external view returns (KeelOracle);

    /// @notice Whether `operator` may borrow and withdraw collateral on all of `owner`'s vaults.
    function isOperator(address owner, address operator) external view returns (bool);

    /// @notice Base units in the market's balance now: `cash` minus what a flash loan in progress has lent out.
    function cashOnHand() external view returns (uint256);

    /// @notice Total debt of all vaults, interest accrued to now.
    function totalBorrows() external view returns (uint256);

    /// @notice Total debt shares of all vaults.
    function totalBorrowShares() external view returns (uint256);

    /// @notice Protocol reserves, interest accrued to now.
    function totalReserves() external view returns (uint256);

    /// @notice Cumulative debt written off against lenders (bad debt), in base units.
    function totalBadDebt() external view returns (uint256);

    /// @notice Base units held for lenders, borrowers and reserves (excludes donations).
    function cash() external view returns (uint256);

    /// @notice Borrows / (cash + borrows − reserves), WAD, capped at 1.
    function utilization() external view returns (uint256);

    /// @notice Current borrow rate per second (WAD).
    function borrowRate() external view returns (uint256);

    /// @notice Current supply rate per second (WAD): borrow rate × utilisation × (1 − reserve factor).
    function supplyRate() external view returns (uint256);

    /// @notice The interest rate model.
    function rateModel() external view returns (RateModel memory);

    /// @notice Share of interest going to reserves (WAD).
    function reserveFactor() external view returns (uint256);

    /// @notice Flash-loan fee in basis points.
    function flashFeeBps() external view returns (uint256);

    /// @notice Number of vaults ever opened (ids are 1..vaultCount).
    function vaultCount() external view returns (uint256);

    /// @notice Listed collateral assets, in listing order.
    function collateralAssets() external view returns (address[] memory);

    /// @notice Parameters of collateral `asset` (zero values when not listed), read from storage alone. The supply cap
    /// holds the market's balance of the asset, `IERC20(asset).balanceOf(market)`: every vault's collateral plus tokens
    /// sent to the market directly (KeelLens reports it as `held`).
    function collateralInfo(address asset) external view returns (CollateralInfo memory);

    /// @notice The only account allowed to set risk parameters (a KeelRiskAdmin, which holds the delay).
    function riskAdmin() external view returns (address);

    /// @notice The reputation source whose LTV bonus the borrow and withdraw checks honour (zero: none).
    function reputation() external view returns (address);

    /// @notice Whether new borrows are paused (the risk admin's emergency switch).
    function borrowPaused() external view returns (bool);

    /// @notice Ids of the vaults `owner` holds in this market.
    function vaultsOf(address owner) external view returns (uint256[] memory);

    /// @notice Amount of `asset` held by vault `id`.
    function collateralOf(uint256 id, address asset) external view returns (uint256);

    /// @notice Owner of vault `id` (zero if none).
    function vaultOwner(uint256 id) external view returns (address);

    /// @notice Debt of vault `id` in base units, interest accrued to now, rounded up.
    function debtOf(uint256 id) external view returns (uint256);

    /// @notice Owner, debt (accrued to now) and held collateral of vault `id`.
    function getVault(uint256 id) external view returns (VaultData memory);

    /// @notice Values of vault `id` at current prices (USD, WAD) and its health factor. A collateral without a valid
    /// price counts as zero; reverts with the oracle's error only if the base asset's price is not fresh.
    function vaultHealth(uint256 id)
        external
        view
        returns (
            uint256 collateralValue,
            uint256 borrowLimitValue,
            uint256 liquidationValue,
            uint256 debtValue,
            uint256 healthFactor
        );
}
