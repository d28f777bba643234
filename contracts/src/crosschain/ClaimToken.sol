// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice What a ClaimToken asks its gateway.
interface IClaimGateway {
    /// @notice Whether claims may be deposited into `market` (listed, not removed).
    function isMarket(address market) external view returns (bool);
    /// @notice Whether `market` was ever listed (claims inside a removed market can still leave it).
    function wasMarket(address market) external view returns (bool);
}

/// @title ClaimToken
/// @notice A claim on a token locked in the CollateralOutpost on domain `remoteDomain` (the gateway's `remoteTokenOf`
/// names it), 1:1 in its units, with its decimals. Minted and burned only by its CollateralGateway. No direct transfer
/// between holders: it moves only into Keel markets the gateway lists (deposit), out of markets it listed (withdrawal,
/// a liquidator's seizure, also from a market since removed) and to and from the gateway. It can still change hands
/// through a vault (a holder deposits into someone's vault, whose owner withdraws to anyone): nothing relies on who
/// holds a claim, since any holder may redeem it.
contract ClaimToken is ERC20 {
    /// @notice The gateway that mints and burns this claim.
    address public immutable gateway;
    /// @notice The Hyperlane domain of the chain holding the collateral.
    uint32 public immutable remoteDomain;
    uint8 private immutable _decimals;

    /// @notice Thrown when anyone but the gateway mints or burns.
    error NotGateway(address caller);
    /// @notice Thrown on a transfer between two holders (neither into a listed market, out of a market ever listed, nor
    /// to or from the gateway).
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
            if (!g.isMarket(to) && !g.wasMarket(from)) revert NonTransferable(from, to);
        }
        super._update(from, to, value);
    }
}
