// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DevERC20
/// @notice A test token for local chains with real-world decimals and an open faucet (`mint`). Never deploy to mainnet.
contract DevERC20 is ERC20 {
    uint8 internal immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints `amount` to `to`: a faucet for local testing.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
