// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {CallList} from "../utils/CallList.sol";
import {DevERC20} from "../../src/dev/DevERC20.sol";
import {IKeelMarket} from "../../src/interfaces/IKeelMarket.sol";
import {KeelLenderVault} from "../../src/engine/KeelLenderVault.sol";
import {SharesLib} from "../../src/libraries/SharesLib.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";

/// @dev The invariant handlers' record of reverts: every call a handler makes is expected to succeed unless the rules
/// give a reason to refuse it, and then only with that reason's selector. Anything else is counted here (the suite
/// runs with fail_on_revert, but a handler catches to tell an allowed refusal from a breach) and the invariant
/// `invariant_noUnexpectedRevert` asserts the count is zero, naming the first offender.
abstract contract ExpectedReverts is Test {
    uint256 public unexpectedReverts;
    string public firstUnexpected;
    /// @dev Refusals the rules give, per action (keccak of its name): how often each expected refusal was met.
    mapping(bytes32 => uint256) public refused;

    /// @dev Records `err` from `action` as a revert the rules do not give.
    function _unexpected(string memory action, bytes memory err) internal {
        if (unexpectedReverts == 0) firstUnexpected = string.concat(action, ": ", _describe(err));
        ++unexpectedReverts;
    }

    /// @dev `action` was expected to succeed: any revert is a breach.
    function _only(string memory action, bytes memory err) internal {
        _unexpected(action, err);
    }

    /// @dev `action` may be refused with selector `a` only.
    function _only(string memory action, bytes memory err, bytes4 a) internal {
        if (!_is(err, a)) _unexpected(action, err);
        else ++refused[keccak256(bytes(action))];
    }

    /// @dev `action` may be refused with selector `a` or `b` only.
    function _only(string memory action, bytes memory err, bytes4 a, bytes4 b) internal {
        if (!_is(err, a) && !_is(err, b)) _unexpected(action, err);
        else ++refused[keccak256(bytes(action))];
    }

    /// @dev `action` may be refused with selector `a`, `b` or `c` only.
    function _only(string memory action, bytes memory err, bytes4 a, bytes4 b, bytes4 c) internal {
        if (!_is(err, a) && !_is(err, b) && !_is(err, c)) _unexpected(action, err);
        else ++refused[keccak256(bytes(action))];
    }

    /// @dev Whether `err` is a custom error with selector `sel` (a bare or short revert never is).
    function _is(bytes memory err, bytes4 sel) internal pure returns (bool) {
        return err.length >= 4 && bytes4(err) == sel;
    }

    /// @dev The selector in hex, and the message of an `Error(string)`.
    function _describe(bytes memory err) internal pure returns (string memory) {
        if (err.length < 4) return "empty revert";
        bytes memory hexed = new bytes(10);
        bytes16 digits = "0123456789abcdef";
        hexed[0] = "0";
        hexed[1] = "x";
        for (uint256 i; i < 4; ++i) {
            hexed[2 + 2 * i] = digits[uint8(err[i]) >> 4];
            hexed[3 + 2 * i] = digits[uint8(err[i]) & 0x0f];
        }
        if (bytes4(err) == 0x08c379a0 && err.length >= 68) {
            bytes memory body = new bytes(err.length - 4);
            for (uint256 i; i < body.length; ++i) {
                body[i] = err[i + 4];
            }
            return string.concat(string(hexed), " ", abi.decode(body, (string)));
        }
        return string(hexed);
    }
}

/// @dev A flash borrower for the invariant handlers: runs (target, call) pairs inside its callback, re-throwing the
/// first refusal (so the handler sees the market's own error), then checks the market mid-loan: its base balance is
/// exactly the cash on hand (cash minus the amount lent), and the lender vault's max views count only that cash.
contract FlashActor is IERC3156FlashBorrower, CallList {
    IKeelMarket internal immutable market;
    KeelLenderVault internal immutable lenderVault;
    /// @dev Mid-loan breaches of the cash-on-hand rule.
    uint256 public midLoanBreaches;

    constructor(IKeelMarket market_, KeelLenderVault lenderVault_) {
        market = market_;
        lenderVault = lenderVault_;
        DevERC20(market_.asset()).approve(address(market_), type(uint256).max);
        DevERC20(market_.asset()).approve(address(lenderVault_), type(uint256).max);
    }

    function onFlashLoan(address, address token, uint256 amount, uint256, bytes calldata) external returns (bytes32) {
        require(msg.sender == address(market), "FlashActor: not the market");
        _runCalls();
        uint256 onHand = market.cashOnHand();
        if (DevERC20(token).balanceOf(address(market)) != onHand) ++midLoanBreaches;
        if (market.cash() != onHand + amount) ++midLoanBreaches;
        if (lenderVault.maxWithdraw(address(this)) > onHand) ++midLoanBreaches;
        uint256 onHandShares = SharesLib.toSharesDown(onHand, market.totalSupplyAssets(), market.totalSupplyShares());
        if (lenderVault.maxRedeem(address(this)) > onHandShares) ++midLoanBreaches;
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

/// @dev The borrower-side handler's flash borrower for collateral: owns a vault and runs (target, call) pairs inside
/// its callback (re-throwing the first refusal). After each call the handler marked as depositing a collateral
/// (`setWatch`: that collateral, or zero) it checks, mid-loan, the supply cap's rule: a deposit is taken only if the
/// market's balance of the asset after it is within min(cap, 2^112 - 1), and nothing in a marked call adds to that
/// balance after its last deposit (withdrawals, seizures only take from it), so the balance right after the call is
/// within the cap, donations or not. After all calls, the market's base balance must be the cash on hand.
contract CollateralFlashActor is IERC3156FlashBorrower, CallList {
    IKeelMarket internal immutable market;
    address[] internal watch;
    /// @dev Marked calls after which the market held more of the asset than its cap.
    uint256 public midLoanCapBreaches;
    /// @dev Loans during which the market's base balance was not the cash on hand.
    uint256 public midLoanCashBreaches;
    /// @dev Marked calls checked (the sanity test reads it).
    uint256 public depositsChecked;

    constructor(IKeelMarket market_, address[2] memory collaterals) {
        market = market_;
        DevERC20(market_.asset()).approve(address(market_), type(uint256).max);
        for (uint256 i; i < 2; ++i) {
            DevERC20(collaterals[i]).approve(address(market_), type(uint256).max);
        }
    }

    function openVault() external returns (uint256) {
        return market.openVault();
    }

    /// @dev For each call of the next list, the collateral it deposits (zero: none).
    function setWatch(address[] memory w) external {
        watch = w;
    }

    function onFlashLoan(address, address token, uint256, uint256, bytes calldata) external returns (bytes32) {
        require(msg.sender == address(market), "CollateralFlashActor: not the market");
        for (uint256 i; i < targets.length; ++i) {
            _runCall(i);
            address w = i < watch.length ? watch[i] : address(0);
            if (w == address(0)) continue;
            ++depositsChecked;
            uint256 cap = market.collateralInfo(w).supplyCap;
            if (cap > type(uint112).max) cap = type(uint112).max;
            if (DevERC20(w).balanceOf(address(market)) > cap) ++midLoanCapBreaches;
        }
        if (DevERC20(token).balanceOf(address(market)) != market.cashOnHand()) ++midLoanCashBreaches;
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

/// @dev What every invariant handler of the market shares: the market, its lender vault and base token, and the
/// `tracked` check that lenders' share price — read from the lender vault and from the market's ledger — falls across an action only by the bad debt the action realised (plus rounding).
abstract contract MarketHandlerBase is ExpectedReverts {
    IKeelMarket internal market;
    KeelLenderVault internal vault;
    DevERC20 internal usdc;
    address[3] internal actors = [address(0x1001), address(0x1002), address(0x1003)];
    /// @dev Share-price falls beyond realised bad debt (lender vault or ledger).
    uint256 public sharePriceDrops;
    /// @dev Completed actions, keyed one way only: keccak256 of the action's name (`_count`, read with `callCount`).
    mapping(bytes32 => uint256) public calls;

    constructor(IKeelMarket market_, KeelLenderVault vault_) {
        market = market_;
        vault = vault_;
        usdc = DevERC20(market_.asset());
    }

    /// @dev Tracked actions run in this run (a run forge shrinks to reproduce a failure has few).
    uint256 public trackedCalls;

    modifier tracked() {
        ++trackedCalls;
        uint256[4] memory snap = _snap();
        _;
        _afterAction();
        _checkSharePrice(snap);
    }

    /// @dev Runs after every tracked action, inside its share-price check (the borrower side's keeper turn).
    function _afterAction() internal virtual {}

    /// @dev Total supply shares, bad debt so far, and the two share prices (`_prices`).
    function _snap() internal view returns (uint256[4] memory snap) {
        uint256[2] memory p = _prices();
        snap = [market.totalSupplyShares(), market.totalBadDebt(), p[0], p[1]];
    }

    /// @dev Counts a share-price fall since `snap` beyond the bad debt realised since (plus rounding).
    function _checkSharePrice(uint256[4] memory snap) internal {
        uint256[2] memory p = _prices();
        uint256 realised = market.totalBadDebt() - snap[1];
        for (uint256 k; k < 2; ++k) {
            if (p[k] < snap[2 + k] && snap[0] != 0) {
                uint256 loss = (snap[2 + k] - p[k]) * snap[0] / 1e18;
                if (loss > realised + snap[0] / 1e18 + 2) ++sharePriceDrops;
            }
        }
    }

    /// @dev Assets per 1e18 supply shares: the lender vault's conversion, and the ledger's own totals through
    /// SharesLib.
    function _prices() internal view returns (uint256[2] memory p) {
        p[0] = vault.convertToAssets(1e18);
        p[1] = SharesLib.toAssetsDown(1e18, market.totalSupplyAssets(), market.totalSupplyShares());
    }

    /// @dev Counts one completed `action`.
    function _count(string memory action) internal {
        ++calls[keccak256(bytes(action))];
    }

    /// @dev How often `action` completed in this run.
    function callCount(string calldata action) external view returns (uint256) {
        return calls[keccak256(bytes(action))];
    }

    function _actor(uint256 s) internal view returns (address) {
        return actors[s % 3];
    }

    /// @dev The actor `k` places after `_actor(s)`, another one for k = 1, 2.
    function _actorAfter(uint256 s, uint256 k) internal view returns (address) {
        return actors[(s % 3 + k) % 3];
    }

    function _min(uint256 x, uint256 y) internal pure returns (uint256) {
        return x < y ? x : y;
    }
}

/// @dev The borrower-side handler's list of vaults (the lender side repays them).
interface IVaultList {
    function vaultCount() external view returns (uint256);
    function vaultIds(uint256 i) external view returns (uint256);
}
