// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MathLib, WAD} from "./MathLib.sol";

/// @title HealthLib
/// @notice The one home of every value, health-factor and liquidation formula; used by KeelMarket and KeelLens alike.
/// @dev Prices are USD per whole token (WAD); `scale` is 10 ** token decimals; values are USD (WAD). Collateral value
/// rounds down and debt value rounds up, so a vault always looks at most as healthy as it is.
library HealthLib {
    using MathLib for uint256;

    /// @notice Smallest liquidation discount (1%), paid even to a vault barely under water.
    uint256 internal constant MIN_DISCOUNT = 0.01e18;
    /// @notice Health factor a liquidation may restore a vault to, and no further (unless the vault is dust).
    uint256 internal constant TARGET_HEALTH = 1.05e18;
    /// @notice Debt value (USD, WAD) under which a position may be liquidated whole, and the least value of another
    /// collateral that can make a liquidation that lowers health wait for it.
    uint256 internal constant DUST_VALUE = 10 * WAD;

    /// @dev USD value of `amount` token units, rounded down (for collateral).
    function valueDown(uint256 amount, uint256 price, uint256 scale) internal pure returns (uint256) {
        return amount.mulDivDown(price, scale);
    }

    /// @dev USD value of `amount` token units, rounded up (for debt).
    function valueUp(uint256 amount, uint256 price, uint256 scale) internal pure returns (uint256) {
        return amount.mulDivUp(price, scale);
    }

    /// @dev Σ collateral value × LT / debt value; type(uint256).max without debt.
    function healthFactor(uint256 liquidationValue, uint256 debtValue) internal pure returns (uint256) {
        if (debtValue == 0) return type(uint256).max;
        return liquidationValue.wDivDown(debtValue);
    }

    /// @dev Discount = clamp(1 - hf, MIN_DISCOUNT, maxDiscount): it grows as health falls; then, while the vault's
    /// collateral value covers its debt value, capped at the vault's own margin (collateralValue / debtValue - 1,
    /// rounded down), so that seizing everything repays all the debt: a solvent vault never leaves bad debt.
    function discount(uint256 hf, uint256 maxDiscount, uint256 collateralValue, uint256 debtValue)
        internal
        pure
        returns (uint256 d)
    {
        d = hf < WAD ? WAD - hf : 0;
        if (d < MIN_DISCOUNT) d = MIN_DISCOUNT;
        if (d > maxDiscount) d = maxDiscount;
        if (collateralValue >= debtValue) {
            uint256 margin = collateralValue.wDivDown(debtValue) - WAD;
            if (d > margin) d = margin;
        }
    }

    /// @dev Tolerance of `seizureLowersHealth`: the rounding of the values a health factor is computed from (a few
    /// wei of WAD), so that a seizure which keeps HF exactly (a vault at its margin) is not taken for one that lowers it.
    uint256 internal constant HEALTH_TOLERANCE = 1e9;

    /// @dev Whether seizing collateral of liquidation threshold `lt` at discount `discount_` lowers a health factor
    /// of `hf`: it takes (1 + d) × lt of liquidation value per unit of debt value repaid, so HF falls iff
    /// (1 + d) × lt > hf (beyond HEALTH_TOLERANCE).
    function seizureLowersHealth(uint256 hf, uint256 lt, uint256 discount_) internal pure returns (bool) {
        return hf + HEALTH_TOLERANCE < (WAD + discount_).wMulDown(lt);
    }

    /// @dev Extra base units a vault may borrow while staying within LTV (0 when at or over the limit).
    function borrowCapacity(uint256 borrowLimitValue, uint256 debtValue, uint256 basePrice, uint256 baseScale)
        internal
        pure
        returns (uint256)
    {
        if (borrowLimitValue <= debtValue || basePrice == 0) return 0;
        return (borrowLimitValue - debtValue).mulDivDown(baseScale, basePrice);
    }

    /// @dev Price of one collateral at which the vault's health factor is 1, the rest of the vault held fixed:
    /// amount × p / scale × lt + otherLiquidationValue = debtValue. Zero when that price would be zero or below
    /// (the other collateral covers the debt alone) or the vault holds none of the asset.
    function liquidationPrice(
        uint256 debtValue,
        uint256 otherLiquidationValue,
        uint256 amount,
        uint256 lt,
        uint256 scale
    ) internal pure returns (uint256) {
        if (debtValue <= otherLiquidationValue || amount == 0 || lt == 0) return 0;
        return (debtValue - otherLiquidationValue).wDivUp(lt).mulDivUp(scale, amount);
    }

    /// @dev Largest repayment value (USD) after which hf ≤ TARGET_HEALTH, when seizing collateral at the given LT and
    /// discount: (T·D − L) / (T − (1 + d)·lt). Requires hf < 1 ≤ (1 + d)·lt < T, which liquidate guarantees.
    function maxRepayValue(uint256 liquidationValue, uint256 debtValue, uint256 bonusLt)
        internal
        pure
        returns (uint256)
    {
        uint256 targetLiq = debtValue.wMulUp(TARGET_HEALTH);
        if (targetLiq <= liquidationValue) return 0;
        return (targetLiq - liquidationValue).mulDivUp(WAD, TARGET_HEALTH - bonusLt);
    }

    /// @dev Collateral units seized for `repaid` base units at `discount` (every step rounds down: the liquidator
    /// never receives more than its repayment is worth plus the discount).
    function seizedForRepay(
        uint256 repaid,
        uint256 basePrice,
        uint256 baseScale,
        uint256 collateralPrice,
        uint256 collateralScale,
        uint256 discount_
    ) internal pure returns (uint256) {
        return valueDown(repaid, basePrice, baseScale).wMulDown(WAD + discount_)
            .mulDivDown(collateralScale, collateralPrice);
    }

    /// @dev Base units a liquidator must repay to seize `seized` collateral units at `discount` (every step rounds up).
    function repayForSeized(
        uint256 seized,
        uint256 basePrice,
        uint256 baseScale,
        uint256 collateralPrice,
        uint256 collateralScale,
        uint256 discount_
    ) internal pure returns (uint256) {
        return valueUp(seized, collateralPrice, collateralScale).wDivUp(WAD + discount_).mulDivUp(baseScale, basePrice);
    }
}
