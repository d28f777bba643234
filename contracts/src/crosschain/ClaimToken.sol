// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice What a ClaimToken asks its gateway.
interface IClaimGateway {
    function isMarket(address market) external view returns (bool);
}

/// @title ClaimToken
/// @notice A claim on a token locked in the CollateralOutpost on domain `remoteDomain` (the gateway's `remoteTokenOf`
/// names it), 1:1 in its units. Minted
/// and burned only by its CollateralGateway. Not transferable between holders: it moves only into and out of Keel
/// markets the gateway lists (deposit, withdrawal, a liquidator's seizure) and to and from the gateway, so a claim is
/// either in a vault or in the hands of whoever may redeem it.
contract ClaimToken is ERC20 {
    /// @notice The gateway that mints and burns this claim.
    address public immutable gateway;
    /// @notice The Hyperlane domain of the chain holding the collateral.
    uint32 public immutable remoteDomain;
    uint8 private immutable _decimals;

    /// @notice Thrown when anyone but the gateway mints or burns.
    error NotGateway(address caller);
    /// @notice Thrown on a transfer between two holders (neither a listed market nor the gateway).
    error NonTransferable(address from, address to);

    constructor(string memory name_, string memory symbol_, uint8 decimals_, uint32 remoteDomain_)
        ERC20(name_, symbol_)
    {
        gateway = msg.sender;
        remoteDomain = remoteDomain_;
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints `amount` to `to`. Gateway only.
    function mint(address to, uint256 amount) external {
        if (msg.sender != gateway) revert NotGateway(msg.sender);
        _mint(to, amount);
    }

    /// @notice Burns `amount` of `from`'s claims. Gateway only (it burns what it is about to release).
    function burn(address from, uint256 amount) external {
        if (msg.sender != gateway) revert NotGateway(msg.sender);
        _burn(from, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0) && from != gateway && to != gateway) {
            IClaimGateway g = IClaimGateway(gateway);
            if (!g.isMarket(from) && !g.isMarket(to)) revert NonTransferable(from, to);
        }
        super._update(from, to, value);
    }
}
