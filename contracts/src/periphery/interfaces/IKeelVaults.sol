// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {VaultData, CollateralInfo} from "../../interfaces/IKeelMarket.sol";
import {KeelOracle} from "../../oracle/KeelOracle.sol";

/// @notice The KeelMarket functions Keel's periphery calls (leverage router, guard, liquidator): vault actions, the
/// owner/operator model and ERC-3156 flash loans of the base asset. Signatures as in KeelMarket.
interface IKeelVaults is IERC3156FlashLender {
    function asset() external view returns (address);
    function openVault() external returns (uint256 id);
    function transferVault(uint256 id, address to) external;
    function vaultOwner(uint256 id) external view returns (address);
    function isOperator(address owner, address operator) external view returns (bool);
    function debtOf(uint256 id) external view returns (uint256);
    function getVault(uint256 id) external view returns (VaultData memory);
    function depositCollateral(uint256 id, address asset, uint256 amount) external;
    function withdrawCollateral(uint256 id, address asset, uint256 amount, address receiver) external;
    function borrow(uint256 id, uint256 amount, address receiver) external returns (uint256 shares);
    function repay(uint256 id, uint256 amount) external returns (uint256 repaid, uint256 shares);
    function liquidate(uint256 id, address asset, uint256 repayAmount, uint256 minSeized)
        external
        returns (uint256 repaid, uint256 seized);
    function oracle() external view returns (KeelOracle);
    function collateralOf(uint256 id, address asset) external view returns (uint256);
    function collateralInfo(address asset) external view returns (CollateralInfo memory);
    function flashFeeBps() external view returns (uint256);
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
