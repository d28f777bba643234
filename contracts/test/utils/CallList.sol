// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @dev A list of calls a test contract makes later (a flash borrower's callback): set with `setCalls`, made in order by
/// `_runCalls`, the first failure's revert data bubbled up unchanged.
abstract contract CallList {
    address[] internal targets;
    bytes[] internal datas;

    function setCalls(address[] memory t, bytes[] memory d) external {
        delete targets;
        delete datas;
        for (uint256 i; i < t.length; ++i) {
            targets.push(t[i]);
            datas.push(d[i]);
        }
    }

    function _runCalls() internal {
        for (uint256 i; i < targets.length; ++i) {
            _runCall(i);
        }
    }

    /// @dev Makes call `i` of the list, its revert data bubbled up unchanged.
    function _runCall(uint256 i) internal {
        (bool ok, bytes memory r) = targets[i].call(datas[i]);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(r, 32), mload(r))
            }
        }
    }
}
