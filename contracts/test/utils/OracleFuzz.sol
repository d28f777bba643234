// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "./Test.sol";
import {KeelOracle} from "../../src/oracle/KeelOracle.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @dev The oracle's fuzzing vocabulary, shared by its fuzz tests (KeelOracle.t.sol) and its invariant handler
/// (KeelOracle.invariant.t.sol): configs `setFeed` accepts over their whole range, rounds on either side of every guard
/// in every return shape, and the error `price` owes for what `peek` reports.
abstract contract OracleFuzz is Test {
    uint256 internal constant MAX80 = type(uint80).max;

    /// @dev What `price(asset)` must give, from `o.peek`: its price, or the error of the guard `peek` reports.
    function _expectedOf(KeelOracle o, address asset) internal view returns (bool ok, bytes memory err, uint256 p) {
        KeelOracle.FeedState memory s = o.peek(asset);
        if (s.status == KeelOracle.Status.Ok) return (true, "", s.price);
        return (false, _errorOf(s), 0);
    }

    /// @dev A heartbeat `setFeed` accepts, over its whole range, with its edges (1 s, the 16-bit boundary, a day, a
    /// week) a quarter of the time.
    function _fuzzHeartbeat(KeelOracle o, uint256 seed) internal view returns (uint32 heartbeat) {
        heartbeat = uint32(1 + _pick(seed, 2, o.MAX_HEARTBEAT()));
        if (_pick(seed, 3, 4) == 0) heartbeat = [uint32(1), 65535, 65536, 1 days, 7 days][_pick(seed, 4, 5)];
    }

    /// @dev Bounds `setFeed` accepts, over its whole range: log-uniform in [1, int128.max], sometimes the widest pair
    /// or a max a few units below int128.max (widened past it by the compact encoding).
    function _fuzzBounds(uint256 seed) internal pure returns (uint256 minAnswer, uint256 maxAnswer) {
        uint256 top = uint256(uint128(type(int128).max));
        uint256 k = _pick(seed, 10, 8);
        if (k == 0) return (1, top);
        if (k == 1) return (1 + _pick(seed, 11, 1e12), top - _pick(seed, 12, 1000));
        minAnswer = _logUniform(seed, 13, top);
        maxAnswer = _logUniform(seed, 14, top);
        if (minAnswer > maxAnswer) (minAnswer, maxAnswer) = (maxAnswer, minAnswer);
        if (minAnswer == maxAnswer) {
            if (maxAnswer < top) ++maxAnswer;
            else --minAnswer;
        }
    }

    /// @dev A number in [1, top] with a uniformly drawn number of digits.
    function _logUniform(uint256 seed, uint256 i, uint256 top) internal pure returns (uint256) {
        uint256 v = 1 + _pick(seed, i, 10 ** _pick(seed, i + 100, 39));
        return v > top ? top : v;
    }

    /// @dev Mocks (or breaks) `feed`'s latestRoundData with a round drawn from `seed`, every guard's boundary in reach
    /// (heartbeat `hb`, effective bounds [mn, mx]), in any return shape.
    function _fuzzRound(uint256 seed, address feed, uint256 hb, uint256 mn, uint256 mx) internal {
        uint256 roundId = [
            0,
            1,
            7,
            MAX80 - 1,
            MAX80,
            MAX80 + 1,
            1 << 255,
            type(uint256).max,
            _pick(seed, 20, type(uint256).max),
            _pick(seed, 20, MAX80)
        ][_pick(seed, 21, 10)];
        uint256 answeredInRound;
        uint256 k = _pick(seed, 22, 6);
        unchecked {
            if (k < 3) answeredInRound = roundId + 1 - k; // one above, equal, one below (wrapping)
            else if (k == 3) answeredInRound = MAX80 + 1;
            else if (k == 4) answeredInRound = _pick(seed, 23, type(uint256).max);
            else answeredInRound = _pick(seed, 23, MAX80 + 1);
        }
        uint256 updatedAt = _fuzzUpdatedAt(seed, hb);
        bytes memory round = abi.encode(roundId, _fuzzAnswer(seed, mn, mx), updatedAt, updatedAt, answeredInRound);
        bytes memory sel = abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector);
        uint256 shape = _pick(seed, 24, 16);
        if (shape == 0) {
            assembly ("memory-safe") {
                mstore(round, 128) // four words
            }
        } else if (shape == 1) {
            round = abi.encodePacked(round, uint256(7)); // six words
        } else if (shape == 2) {
            round = ""; // empty
        } else if (shape == 3) {
            assembly ("memory-safe") {
                mstore(round, 159) // one byte short
            }
        }
        if (shape == 4) {
            vm.mockCallRevert(feed, sel, round); // a revert carrying a valid-looking round
        } else if (shape == 5) {
            vm.etch(feed, ""); // no code any more
        } else {
            vm.mockCall(feed, sel, round);
        }
    }

    function _fuzzAnswer(uint256 seed, uint256 mn, uint256 mx) internal pure returns (int256) {
        uint256 k = _pick(seed, 30, 12);
        if (k == 0) return int256(mn) - 1;
        if (k == 1) return int256(mn);
        if (k == 2) return int256(mx);
        if (k == 3) return int256(mx) + 1;
        if (k == 4) return 0;
        if (k == 5) return -1;
        if (k == 6) return type(int256).min;
        if (k == 7) return type(int256).max;
        if (k == 8) return int256(mn + _pick(seed, 31, mx - mn + 1));
        if (k == 9) return int256(_pick(seed, 31, type(uint256).max));
        if (k == 10) return -int256(mn);
        return int256(uint256(1) << 128);
    }

    function _fuzzUpdatedAt(uint256 seed, uint256 hb) internal view returns (uint256) {
        uint256 ts = block.timestamp;
        uint256 u = _pick(seed, 40, 12);
        if (u == 1) return ts - 1;
        if (u == 2) return ts - (hb - 1);
        if (u == 3) return ts - hb;
        if (u == 4) return ts - hb - 1;
        if (u == 5) return ts - _pick(seed, 41, 2 * hb + 1);
        if (u == 6) return 0;
        if (u == 7) return ts + 1;
        if (u == 8) return type(uint256).max;
        if (u == 9) return _pick(seed, 41, type(uint256).max);
        if (u == 10) return ts - 1 - hb - (1 << 24); // stale by more than the 24-bit heartbeat field holds
        return ts;
    }

    /// @dev The error `price` reverts with for a read `peek` reported as `s`.
    function _errorOf(KeelOracle.FeedState memory s) internal pure returns (bytes memory) {
        KeelOracle.Status st = s.status;
        if (st == KeelOracle.Status.Missing) return abi.encodeWithSelector(KeelOracle.NoFeed.selector, s.asset);
        if (st == KeelOracle.Status.FeedReverted) {
            return abi.encodeWithSelector(KeelOracle.FeedCallFailed.selector, s.asset);
        }
        if (st == KeelOracle.Status.NonPositive) {
            return abi.encodeWithSelector(KeelOracle.NonPositivePrice.selector, s.asset, s.answer);
        }
        if (st == KeelOracle.Status.Incomplete) {
            return abi.encodeWithSelector(KeelOracle.IncompleteRound.selector, s.asset, s.roundId);
        }
        if (st == KeelOracle.Status.FromFuture) {
            return abi.encodeWithSelector(KeelOracle.PriceFromFuture.selector, s.asset, s.updatedAt);
        }
        if (st == KeelOracle.Status.Stale) {
            return abi.encodeWithSelector(KeelOracle.StalePrice.selector, s.asset, s.updatedAt, uint256(s.heartbeat));
        }
        return abi.encodeWithSelector(KeelOracle.PriceOutOfBounds.selector, s.asset, s.answer, s.minAnswer, s.maxAnswer);
    }

    /// @dev Draw `i` of `seed`, in [0, n).
    function _pick(uint256 seed, uint256 i, uint256 n) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i))) % n;
    }
}
