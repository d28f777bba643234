// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MathLib, WAD} from "./MathLib.sol";
import {HealthLib} from "./HealthLib.sol";
import {IKeelMarket, RateModel, CollateralParams} from "../interfaces/IKeelMarket.sol";

/// @title RiskBoundsLib
/// @notice The hard bounds of every risk parameter, in one place: KeelMarket enforces them in its setters (so not even
/// its risk admin can pass them) and KeelRiskAdmin checks the same rules when a change is proposed.
library RiskBoundsLib {
    using MathLib for uint256;

    /// @notice Highest liquidation threshold a collateral may have.
    uint256 internal constant MAX_LT = 0.95e18;
    /// @notice Highest maximum liquidation discount a collateral may have.
    uint256 internal constant MAX_DISCOUNT = 0.25e18;
    /// @notice Highest share of interest that may go to reserves.
    uint256 internal constant MAX_RESERVE_FACTOR = 0.5e18;
    /// @notice Highest flash-loan fee, in basis points.
    uint256 internal constant MAX_FLASH_FEE_BPS = 100;
    /// @notice Highest borrow rate the model may reach at 100% utilisation: 1000% a year, per second.
    uint256 internal constant MAX_BORROW_RATE = 10 * WAD / 365 days;
    /// @notice Most collateral assets a market may list (one bit each in a vault's held mask).
    uint256 internal constant MAX_COLLATERALS = 32;
    /// @notice Largest reputation LTV bonus a market honours (10 points): a source's answer above it counts as it.
    uint256 internal constant MAX_LTV_BONUS = 0.1e18;
    /// @notice Gas a market gives its reputation source's `ltvBonus` call: a source that needs more (or loops) counts
    /// as no bonus instead of burning the borrower's gas. KeelReputation's lookup (one cold slot) costs about 2,600 gas
    /// inside the call (`test_realSourceLookup_fitsTheAllowance` asserts under half); the rest is room for a source that
    /// reads EAS itself.
    uint256 internal constant REPUTATION_GAS = 100_000;

    /// @dev Reverts unless LTV < LT ≤ MAX_LT, MIN_DISCOUNT ≤ maxDiscount ≤ MAX_DISCOUNT and (1 + maxDiscount) × LT < 1
    /// (as Aave's configurator requires): a liquidation paying the largest discount must still leave the vault's
    /// liquidation value below its collateral value, so seizing collateral can restore health.
    function validateCollateral(CollateralParams memory p) internal pure {
        if (
            p.liquidationThreshold > MAX_LT || p.ltv >= p.liquidationThreshold || p.maxDiscount < HealthLib.MIN_DISCOUNT
                || p.maxDiscount > MAX_DISCOUNT || (WAD + p.maxDiscount).wMulUp(p.liquidationThreshold) >= WAD
        ) revert IKeelMarket.InvalidCollateralParams(p.ltv, p.liquidationThreshold, p.maxDiscount);
    }

    /// @dev Reverts unless 0 < kink < 1 and the rate at 100% utilisation is at most MAX_BORROW_RATE.
    function validateRateModel(RateModel memory m) internal pure {
        if (m.kink == 0 || m.kink >= WAD || uint256(m.baseRate) + m.slope1 + m.slope2 > MAX_BORROW_RATE) {
            revert IKeelMarket.InvalidRateModel();
        }
    }

    /// @dev Reverts unless reserveFactor ≤ MAX_RESERVE_FACTOR and flashFeeBps ≤ MAX_FLASH_FEE_BPS.
    function validateFees(uint256 reserveFactor, uint256 flashFeeBps) internal pure {
        if (reserveFactor > MAX_RESERVE_FACTOR || flashFeeBps > MAX_FLASH_FEE_BPS) {
            revert IKeelMarket.InvalidFees(reserveFactor, flashFeeBps);
        }
    }
}
