// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "./utils/Test.sol";
import {OracleFuzz} from "./utils/OracleFuzz.sol";
import {KeelOracle} from "../src/oracle/KeelOracle.sol";
import {DevPriceFeed} from "../src/dev/DevPriceFeed.sol";

/// @dev Sequences of what can happen to an oracle's feeds: a feed replaced by another with any config `setFeed`
/// accepts (decimals, heartbeat, bounds over their whole range), rounds on either side of every guard in every return
/// shape (mocked), real rounds pushed to the feed, a feed's config changed under its last round, mocks lifted, a feed's
/// code gone, and time passing. The fuzz test
/// (`testFuzz_price_quickPathMatchesGuards`) checks one fresh config and one round; this one checks that what a
/// sequence leaves — a config word overwritten under a feed's last round, a mocked round outliving a new config, a
/// round aging past its heartbeat — never makes the fast path disagree with the guards.
contract OracleHandler is OracleFuzz {
    KeelOracle public immutable oracle;
    address[3] internal priced = [address(0xA1), address(0xA2), address(0xA3)];
    mapping(address asset => DevPriceFeed) public feedOf;

    uint256 public configs;
    uint256 public rounds;

    constructor(KeelOracle o) {
        oracle = o;
        for (uint256 i; i < 3; ++i) {
            _configure(priced[i], 8, 1 hours, 1, uint256(uint128(type(int128).max)), 2000e8);
        }
    }

    function assetAt(uint256 i) external view returns (address) {
        return priced[i];
    }

    /// A config for an asset, with any heartbeat and bounds `setFeed` accepts: half the time on a new feed (any
    /// decimals, a first answer somewhere in or out of its bounds), half the time on the feed in force, whose last
    /// round — real or mocked — is then judged by the new heartbeat and bounds.
    function configure(uint256 seed) external {
        address asset = priced[_pick(seed, 0, 3)];
        uint32 heartbeat = _fuzzHeartbeat(oracle, seed);
        (uint256 mn, uint256 mx) = _fuzzBounds(seed);
        DevPriceFeed current = feedOf[asset];
        if (_pick(seed, 5, 2) == 0 && address(current).code.length > 1) {
            vm.prank(oracle.owner());
            oracle.setFeed(asset, current, heartbeat, int256(mn), int256(mx));
            configs++;
            return;
        }
        _configure(asset, uint8(_pick(seed, 1, 19)), heartbeat, mn, mx, _fuzzAnswer(seed, mn, mx));
    }

    function _configure(address asset, uint8 decimals, uint32 heartbeat, uint256 mn, uint256 mx, int256 answer)
        internal
    {
        DevPriceFeed f = new DevPriceFeed(address(this), decimals, "invariant", answer);
        vm.prank(oracle.owner());
        oracle.setFeed(asset, f, heartbeat, int256(mn), int256(mx));
        feedOf[asset] = f;
        configs++;
    }

    /// A round of any shape on an asset's current feed (mocked: it lasts until `clearMocks` or the feed's replacement
    /// by a new one, and through a new config of the same feed), every guard's boundary in reach of the config in
    /// force (its effective bounds, as `peek` reports them).
    function mockRound(uint256 seed) external {
        address asset = priced[_pick(seed, 0, 3)];
        KeelOracle.FeedState memory s = oracle.peek(asset);
        _fuzzRound(seed, address(feedOf[asset]), s.heartbeat, uint256(s.minAnswer), uint256(s.maxAnswer));
        rounds++;
    }

    /// A real round on an asset's feed (DevPriceFeed: a new round id, answered in its round), at most a heartbeat and
    /// a half old. A feed whose code is gone (or is only a mock's stub) takes no round.
    function pushRound(uint256 seed) external {
        address asset = priced[_pick(seed, 0, 3)];
        DevPriceFeed f = feedOf[asset];
        if (address(f).code.length <= 1) return;
        KeelOracle.FeedState memory s = oracle.peek(asset);
        uint256 age = _pick(seed, 1, uint256(s.heartbeat) * 3 / 2 + 2);
        if (age > block.timestamp) age = block.timestamp;
        f.setAnswerAt(_fuzzAnswer(seed, uint256(s.minAnswer), uint256(s.maxAnswer)), block.timestamp - age);
        rounds++;
    }

    function clearMocks() external {
        vm.clearMockedCalls();
    }

    function warp(uint256 seed) external {
        uint256 k = _pick(seed, 0, 8);
        vm.warp(block.timestamp + (k == 0 ? _pick(seed, 1, 30 days) : _pick(seed, 1, 2 hours)));
    }
}

contract KeelOracleInvariantTest is Test {
    address internal constant OWNER = address(0xA11CE);
    address internal constant NOFEED = address(0xDEAD);

    KeelOracle internal oracle;
    OracleHandler internal handler;
    CheckOracle internal check;

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new KeelOracle(OWNER);
        handler = new OracleHandler(oracle);
        check = new CheckOracle();
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function _assets() internal view returns (address[4] memory a) {
        a = [handler.assetAt(0), handler.assetAt(1), handler.assetAt(2), NOFEED];
    }

    /// `price` gives exactly the price `peek` reports as Ok, and otherwise reverts with the error of the guard `peek`
    /// reports — for every asset, whatever sequence of configs, rounds and time led here.
    function invariant_priceIsWhatTheGuardsSay() public view {
        address[4] memory a = _assets();
        for (uint256 i; i < 4; ++i) {
            check.price(oracle, a[i]);
        }
    }

    /// `prices(a, b)`: both prices when both are Ok, else the first failing asset's error (every ordered pair, an asset
    /// with itself and the asset without a feed included).
    function invariant_pricesIsWhatTheGuardsSay() public view {
        address[4] memory a = _assets();
        for (uint256 i; i < 4; ++i) {
            for (uint256 j; j < 4; ++j) {
                check.prices(oracle, a[i], a[j]);
            }
        }
    }

    /// Each run reached configs and rounds beyond set-up (else the invariants above checked nothing new).
    function afterInvariant() public view {
        assertTrue(handler.configs() > 3, "a config beyond set-up");
        assertTrue(handler.rounds() > 0, "a round");
    }
}

/// @dev The invariants' comparisons, one external call each, so each reads the oracle as a caller would: the expected
/// answer from `peek`, the actual one from `price`/`prices`, revert data compared byte for byte.
contract CheckOracle is OracleFuzz {
    function price(KeelOracle o, address asset) external view {
        (bool ok, bytes memory err, uint256 p) = _expectedOf(o, asset);
        try o.price(asset) returns (uint256 got) {
            assertTrue(ok, "price: answered where a guard fails");
            assertEq(got, p, "price: the value peek reports");
        } catch (bytes memory reason) {
            assertFalse(ok, "price: reverted on a healthy feed");
            assertTrue(keccak256(reason) == keccak256(err), "price: the failing guard's error");
        }
    }

    function prices(KeelOracle o, address a, address b) external view {
        (bool okA, bytes memory errA, uint256 pA) = _expectedOf(o, a);
        (bool okB, bytes memory errB, uint256 pB) = _expectedOf(o, b);
        try o.prices(a, b) returns (uint256 x, uint256 y) {
            assertTrue(okA && okB, "prices: answered where a guard fails");
            assertEq(x, pA, "prices: first");
            assertEq(y, pB, "prices: second");
        } catch (bytes memory reason) {
            assertFalse(okA && okB, "prices: reverted on healthy feeds");
            assertTrue(keccak256(reason) == keccak256(okA ? errB : errA), "prices: the first failing asset's error");
        }
    }
}
