// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DevERC20} from "./DevERC20.sol";
import {IKeelMarket} from "../interfaces/IKeelMarket.sol";

/// @title DevRiskSeeder
/// @notice Fills a local market with many vaults in few transactions (the risk dashboard's scale tests and benchmark):
/// for each vault it mints the collateral from the dev tokens' open faucet, opens the vault, deposits, borrows (to the
/// vault's future owner) and hands the vault over with `transferVault`, which is immediate because each owner has
/// made this seeder its operator on the market first (its consent; scripts/seed-risk.ts does it on anvil). Local chains
/// only: it relies on DevERC20's open `mint`, and every market rule (caps, LTV at fresh prices, cash) applies as to
/// anyone.
contract DevRiskSeeder {
    /// @notice One vault to create: its owner, its amount of each asset in `assets` (0 to skip), and its borrow.
    struct SeedVault {
        address owner;
        uint256[] amounts;
        uint256 borrow;
    }

    /// @notice Thrown when a vault's amounts do not line up with the asset list.
    error AmountsMismatch(uint256 index, uint256 amounts, uint256 assets);

    /// @notice Emitted once per batch: vault ids `firstId` .. `firstId + count - 1` of `market` were created.
    event Seeded(address indexed market, uint256 firstId, uint256 count);

    /// @notice Creates `vaults` in `market` with collateral from `assets` (dev tokens listed by the market).
    /// @return firstId The id of the first vault created.
    function seed(IKeelMarket market, address[] calldata assets, SeedVault[] calldata vaults)
        external
        returns (uint256 firstId)
    {
        for (uint256 k; k < assets.length; ++k) {
            DevERC20(assets[k]).approve(address(market), type(uint256).max);
        }
        for (uint256 i; i < vaults.length; ++i) {
            SeedVault calldata s = vaults[i];
            if (s.amounts.length != assets.length) revert AmountsMismatch(i, s.amounts.length, assets.length);
            uint256 id = market.openVault();
            if (i == 0) firstId = id;
            for (uint256 k; k < assets.length; ++k) {
                uint256 amount = s.amounts[k];
                if (amount == 0) continue;
                DevERC20(assets[k]).mint(address(this), amount);
                market.depositCollateral(id, assets[k], amount);
            }
            if (s.borrow != 0) market.borrow(id, s.borrow, s.owner);
            market.transferVault(id, s.owner);
        }
        emit Seeded(address(market), firstId, vaults.length);
    }
}
