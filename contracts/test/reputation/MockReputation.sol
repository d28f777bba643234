// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IKeelReputation} from "../../src/interfaces/IKeelReputation.sol";

/// @dev A reputation source whose answers a test sets per account: any bonus (a misbehaving source's huge ones
/// included), an expiry (the bonus is zero from it on, as KeelReputation's) and revocation.
contract MockReputation is IKeelReputation {
    struct Entry {
        uint256 bonus;
        uint256 expiry;
    }

    mapping(address account => Entry) public entries;
    /// @dev While set, every account's bonus is zero: the market as if it had no source.
    bool public off;

    function setOff(bool off_) external {
        off = off_;
    }

    function set(address account, uint256 bonus, uint256 expiry) external {
        entries[account] = Entry(bonus, expiry);
    }

    function revoke(address account) external {
        delete entries[account];
    }

    function ltvBonus(address account) external view returns (uint256) {
        Entry storage e = entries[account];
        return !off && block.timestamp < e.expiry ? e.bonus : 0;
    }
}
