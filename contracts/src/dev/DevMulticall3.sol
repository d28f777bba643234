// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title DevMulticall3
/// @notice The read half of Multicall3 (`aggregate3`, block number and timestamp), for local chains where Multicall3
/// is not predeployed. Real networks have the canonical Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11 with
/// the same ABI for these functions, so a reader batches its calls the same way on both.
contract DevMulticall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice Thrown when a call that does not allow failure reverts.
    error CallFailed(uint256 index, bytes returnData);

    /// @notice Calls each target in order and returns every result; reverts if a call that does not allow failure fails.
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            (bool ok, bytes memory data) = calls[i].target.call(calls[i].callData);
            if (!ok && !calls[i].allowFailure) revert CallFailed(i, data);
            results[i] = Result(ok, data);
        }
    }

    function getBlockNumber() external view returns (uint256) {
        return block.number;
    }

    function getCurrentBlockTimestamp() external view returns (uint256) {
        return block.timestamp;
    }
}
