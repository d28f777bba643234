// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IKeelMarket, CollateralInfo} from "../interfaces/IKeelMarket.sol";
import {KeelOracle} from "../oracle/KeelOracle.sol";
import {SharesLib} from "../libraries/SharesLib.sol";
import {MathLib, WAD} from "../libraries/MathLib.sol";
import {PrivatePoolTree} from "./PrivatePoolTree.sol";
import {PrivateVaultVerifier} from "./PrivateVaultVerifier.sol";

/// @notice A Groth16 proof as the generated verifier takes it (b's coordinates in the EIP-197 order).
struct Groth16Proof {
    uint256[2] a;
    uint256[2][2] b;
    uint256[2] c;
}

/// @notice What every action spends and creates: the root the insertion was proven against (the pool's current tree
/// root), the root with the new note inserted, the old note's nullifier, the commitment of the new note (0 for an exit,
/// which inserts nothing: then `newRoot` = `root`, and the pool checks neither against its own), the new note
/// encrypted to the liquidators' key (the y of the ephemeral Baby Jubjub point and three field elements; the proof
/// shows they decrypt to the new note), and the root the old note's membership was proven against with its ring slot
/// (`PrivatePoolTree.isKnownRoot`: the current root, one of the last 256, or a full tree's final root).
struct NoteTransition {
    uint256 root;
    uint256 newRoot;
    uint256 nullifier;
    uint256 newCommitment;
    uint256 ephKey;
    uint256[3] ciphertext;
    uint256 memberRoot;
    uint256 memberSlot;
}

/// @title KeelPrivatePool
/// @notice Private positions on one Keel market with one collateral. The pool owns ONE ordinary vault in the market
/// holding the sum of all private positions, so the market's own LTV check and liquidations still protect lenders.
/// Each position is a note — Poseidon(collateral, debt shares, owner public key, blinding) — in an on-chain Merkle
/// tree; an action spends the old note (its nullifier) and inserts the new one — none when it holds nothing (an exit)
/// — with a Groth16 proof (circuits/private_vault.circom, v3) that the insertion gives the new root, that the new note is the old one plus the
/// public token movement, that it owes nothing or at least `minBorrow` (no dust debt), and that it is
/// healthy at the oracle's current prices, read here and fed to the verifier as public inputs: within the borrow
/// threshold after a borrow or withdrawal, within the market's liquidation threshold after a deposit or repayment
/// (audit3 A3-P2: no dodging a pending liquidation with a 1-wei deposit). Anyone may submit an action: the proof binds
/// its recipient, this pool and the chain (audit P-b), and only the owner's key can make it.
/// @dev Debt is kept in the market's debt shares, so interest accrues to every note as it does to the vault. Rounding
/// always favours the pool: a borrow of `shares` borrows their value rounded down (the market mints at most `shares`),
/// a repayment of `shares` pays their value rounded up (the market burns at least `shares`). Hence the vault holds
/// exactly `noteCollateral` and owes at most `noteShares` shares. docs/private-vaults.md has the threat model.
contract KeelPrivatePool is PrivatePoolTree, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using MathLib for uint256;

    /// @notice Largest amount, price or share count an action may carry (the circuit's 96-bit range checks).
    uint256 public constant MAX_AMOUNT = (1 << 96) - 1;
    /// @notice Decimals of the collateral the circuit is compiled for (its COLL_SCALE = 10^18).
    uint8 public constant COLLATERAL_DECIMALS = 18;
    /// @notice Decimals of the base asset the circuit is compiled for (its DEBT_SCALE = 10^6).
    uint8 public constant BASE_DECIMALS = 6;

    /// @notice Borrows and withdrawals keep a note within this fraction of the market's LTV (`borrowThreshold`); a
    /// note past the market's liquidation threshold (`liquidationThreshold`, as for a public vault: HF < 1) can be
    /// liquidated by anyone. audit3 A3-P1: not the LTV, which governance lowers (to 0) to stop new borrowing.
    uint256 public constant BORROW_LTV_FRACTION = 0.9e18;
    /// @notice A liquidator takes collateral worth at most the repaid debt × (1 + this): the circuit's LIQ_BONUS. The
    /// constructor refuses a collateral whose `maxDiscount` in the market is below it (audit3 A3-P3).
    uint256 public constant LIQUIDATION_BONUS = 0.05e18;

    /// @notice The circuit's modes (the low 2 bits of its `params` public input). Every owner action proves the new note
    /// healthy (mode 1, the threshold the pool passes); a liquidation proves the old note unhealthy (mode 2).
    uint256 internal constant MODE_LTV = 1;
    uint256 internal constant MODE_LIQUIDATION = 2;
    /// @notice The sign bits of the `deltas` public input (collateral moved + shares moved·2^96 + these): the note's
    /// collateral, or its debt shares, go down by the amount moved. Amounts are checked below 2^96 before packing.
    uint256 internal constant COLLATERAL_OUT = 1 << 192;
    uint256 internal constant SHARES_OUT = 1 << 193;
    /// @notice The most a proof's debt index may exceed the market's (1%): the index values the new note's debt for the
    /// minimum-debt rule, so an index inflated at will would let a 1-share dust debt pass as `minBorrow`.
    uint256 public constant MAX_DEBT_INDEX_HEADROOM = 0.01e18;

    /// @notice The `provenDebtIndex` of a deposit, repayment or withdrawal whose new note owes nothing (a full
    /// repayment, a deposit into or a withdrawal from a debt-free note): its proof shows the new note has no debt share,
    /// which no price can make unhealthy, so the pool reads no price for it — it works while the oracle is stale or out
    /// of bounds, and no price round voids it (audit zkaudit4 L1). See `_debtFreeInputs`.
    uint256 public constant DEBT_FREE = 0;
    /// @notice The minimum deposit when the deployer gives none: 0.01 of a collateral unit (10^16 at 18 decimals).
    uint256 public constant DEFAULT_MIN_DEPOSIT = 10 ** (COLLATERAL_DECIMALS - 2);
    /// @notice The minimum borrow and debt when the deployer gives none: 100 base units (100 USDC at 6 decimals), whose
    /// 5% liquidation bonus pays a private liquidation's ~0.5M gas at up to ~3 gwei with ETH at 3,000 USD.
    uint256 public constant DEFAULT_MIN_BORROW = 100 * 10 ** BASE_DECIMALS;

    /// @dev The public inputs an action adds to its NoteTransition (circuits/private_vault.circom's order): the packed
    /// `deltas`, the binding, and the packed `prices` and `params` (the leaf index is added in `_spend`).
    struct ActionInputs {
        uint256 deltas;
        uint256 binding;
        uint256 prices;
        uint256 params;
    }

    /// @notice The action kinds, as events report them.
    enum Action {
        Deposit,
        Withdraw,
        Borrow,
        Repay,
        Liquidate,
        Close
    }

    /// @notice The market the pool's vault lives in.
    IKeelMarket public immutable market;
    /// @notice The market's oracle (staleness, bounds and round checks are KeelOracle's).
    KeelOracle public immutable oracle;
    /// @notice The one collateral of private positions (WETH in this slice).
    IERC20 public immutable collateral;
    /// @notice The market's base asset, borrowed and repaid.
    IERC20 public immutable base;
    /// @notice The Groth16 verifier of circuits/private_vault.circom.
    PrivateVaultVerifier public immutable verifier;
    /// @notice The pool's vault in the market.
    uint256 public immutable vaultId;
    /// @notice The least collateral a deposit may add: every note inserted by a deposit holds at least this much, so
    /// filling the tree with dust notes locks collateral as well as gas.
    uint256 public immutable minDeposit;
    /// @notice The least a borrow may send and the least debt a note may owe (base units, below 2^64): a note owes 0 or
    /// at least this much at the proven debt index (the circuit's `minDebt`), so its liquidation's bonus is worth the
    /// liquidator's gas — a partial repayment cannot leave dust. Withdrawals and full repayments have no minimum: any
    /// note can always be emptied.
    uint256 public immutable minBorrow;

    /// @notice Whether a note's nullifier has been spent.
    mapping(uint256 nullifier => bool) public nullifierSpent;
    /// @notice Seized collateral a liquidator could not receive at once (the market refused the withdrawal, e.g.
    /// while other notes keep the aggregate over its LTV), claimable with `claimSeized`.
    mapping(address liquidator => uint256) public seizedOwed;
    /// @notice Sum of `seizedOwed`: the vault holds `noteCollateral + totalSeizedOwed`.
    uint256 public totalSeizedOwed;

    /// @notice The amount (or share count) is zero.
    error ZeroAmount();
    /// @notice The amount, share count or a price exceeds MAX_AMOUNT.
    error AmountTooLarge(uint256 amount);
    /// @notice The note was already spent (a replayed or double-spending proof).
    error NoteAlreadySpent(uint256 nullifier);
    /// @notice A commitment or nullifier is not a field element.
    error NotInField(uint256 value);
    /// @notice The recipient is the zero address.
    error ZeroRecipient();
    /// @notice The market's debt per share rose above the bound the proof was made with: prove again.
    error DebtIndexAboveProof(uint256 current, uint256 proven);
    /// @notice A liquidation was proven with a debt per share above the market's (it would overstate the debt).
    error DebtIndexAboveCurrent(uint256 current, uint256 proven);
    /// @notice An owner's action was proven with a debt per share more than MAX_DEBT_INDEX_HEADROOM above the market's.
    error DebtIndexTooHigh(uint256 current, uint256 proven);
    /// @notice The proof does not verify against these public inputs (wrong amount, recipient, price, note).
    error InvalidProof();
    /// @notice `token` has `decimals` decimals where the circuit's scale needs `expected` (audit P-2).
    error WrongDecimals(address token, uint8 decimals, uint8 expected);
    /// @notice The collateral is not listed in the market.
    error CollateralNotListed(address token);
    /// @notice The market's maximum liquidation discount for the collateral is below the pool's fixed bonus (5%).
    error BonusAboveDiscount(uint256 maxDiscount, uint256 bonus);
    /// @notice A deposit of `amount` collateral units is below the pool's `minimum` (`minDeposit`).
    error DepositBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice A borrow sending `assets` base units is below the pool's `minimum` (`minBorrow`).
    error BorrowBelowMinimum(uint256 assets, uint256 minimum);
    /// @notice `close` was given a transition whose new note holds something (`newCommitment` not 0): not an exit.
    error NotAnExit(uint256 newCommitment);

    /// @notice A note was spent.
    event NoteSpent(uint256 indexed nullifier);
    /// @notice An action moved `amount` tokens (collateral or base; for a liquidation, the collateral seized) and
    /// `shares` debt shares; `recipient` is zero for deposits and repayments. `memo` is the new note encrypted to its
    /// owner (opaque to the pool; bound by the proof, so nobody can replace it).
    event PrivateAction(
        Action indexed kind, uint256 amount, uint256 shares, address indexed recipient, uint256 leafIndex, bytes memo
    );
    /// @notice The note at `leafIndex` encrypted to the liquidators' Baby Jubjub key: the y of the ephemeral point and
    /// three field elements (proven: they decrypt to the note the commitment opens to).
    event NoteEncrypted(uint256 indexed leafIndex, uint256 ephKey, uint256[3] ciphertext);
    /// @notice Seized collateral is owed to `liquidator` (the market refused to release it during the liquidation).
    event SeizedOwed(address indexed liquidator, uint256 amount);

    /// @param minDeposit_ The least collateral a deposit adds (`minDeposit`); 0 takes DEFAULT_MIN_DEPOSIT.
    /// @param minBorrow_ The least base asset a borrow sends (`minBorrow`); 0 takes DEFAULT_MIN_BORROW.
    constructor(
        IKeelMarket market_,
        IERC20 collateral_,
        PrivateVaultVerifier verifier_,
        uint256 minDeposit_,
        uint256 minBorrow_
    ) {
        market = market_;
        oracle = market_.oracle();
        collateral = collateral_;
        base = IERC20(market_.asset());
        _checkDecimals(address(base), BASE_DECIMALS);
        _checkDecimals(address(collateral_), COLLATERAL_DECIMALS);
        // the market records a listed collateral's decimals (zero when not listed)
        CollateralInfo memory info = market_.collateralInfo(address(collateral_));
        if (info.decimals != COLLATERAL_DECIMALS) revert CollateralNotListed(address(collateral_));
        if (info.maxDiscount < LIQUIDATION_BONUS) revert BonusAboveDiscount(info.maxDiscount, LIQUIDATION_BONUS);
        verifier = verifier_;
        minDeposit = minDeposit_ == 0 ? DEFAULT_MIN_DEPOSIT : minDeposit_;
        minBorrow = minBorrow_ == 0 ? DEFAULT_MIN_BORROW : minBorrow_;
        _checkAmount(minDeposit);
        if (minBorrow > type(uint64).max) revert AmountTooLarge(minBorrow);
        vaultId = market_.openVault();
        collateral_.forceApprove(address(market_), type(uint256).max);
        base.forceApprove(address(market_), type(uint256).max);
    }

    /// @notice Adds `amount` collateral (at least `minDeposit`), pulled from the caller (anyone), to the note proven by
    /// `proof`; an empty old note opens a new position. The new note must be within the market's liquidation threshold
    /// at current prices (audit3 A3-P2: a deposit on a liquidatable note rescues it or is refused); `provenDebtIndex` as
    /// for a borrow, or DEBT_FREE for a note that owes nothing (no price read).
    function deposit(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 amount,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant {
        _deposit(proof, t, amount, provenDebtIndex, memo, false);
    }

    /// @notice `deposit`, with the new note inserted aside (audit i L-1: the owner's rescue of a note near or past the
    /// liquidation threshold, which no front-running insertion can make stale — as `liquidateAside` for liquidators).
    /// The proof inserts the note at leaf 0 of an empty tree of its own; the pool records that root as known
    /// (`NoteInsertedAside`; `PrivateAction.leafIndex` is ASIDE). Price: the note's next spend is proven against that
    /// one-note root, which links it to this deposit. An empty new note cannot be made by a deposit.
    function depositAside(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 amount,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant {
        _deposit(proof, t, amount, provenDebtIndex, memo, true);
    }

    function _deposit(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 amount,
        uint256 provenDebtIndex,
        bytes calldata memo,
        bool aside
    ) internal {
        _checkAmount(amount);
        if (amount < minDeposit) revert DepositBelowMinimum(amount, minDeposit);
        uint256 leaf = _spend(proof, t, aside, _ownerInputs(amount, address(0), provenDebtIndex, memo, false));
        _books.noteCollateral += uint104(amount);
        collateral.safeTransferFrom(msg.sender, address(this), amount);
        market.depositCollateral(vaultId, address(collateral), amount);
        emit PrivateAction(Action.Deposit, amount, 0, address(0), leaf, memo);
    }

    /// @notice Sends `amount` collateral of the proven note to `recipient` (any address); the new note must be within
    /// LTV at current prices, or owe nothing (`provenDebtIndex` DEBT_FREE: no price read; the market still checks the
    /// pool's vault as a whole).
    function withdraw(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 amount,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant {
        _checkAmount(amount);
        if (recipient == address(0)) revert ZeroRecipient();
        uint256 leaf =
            _spend(proof, t, false, _ownerInputs(amount | COLLATERAL_OUT, recipient, provenDebtIndex, memo, true));
        _books.noteCollateral -= uint104(amount);
        market.withdrawCollateral(vaultId, address(collateral), amount, recipient);
        emit PrivateAction(Action.Withdraw, amount, 0, recipient, leaf, memo);
    }

    /// @notice Adds `shares` debt shares to the proven note and sends their value in base asset (rounded down, at least
    /// `minBorrow`) to `recipient`; the new note must be within LTV at current prices. `provenDebtIndex` is the debt per share (WAD,
    /// rounded up) the proof assumed: any value at or above the market's current one works, so a proof made with
    /// headroom survives a few blocks of interest.
    /// @return assets Base units sent.
    function borrow(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 shares,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant returns (uint256 assets) {
        _checkAmount(shares);
        if (recipient == address(0)) revert ZeroRecipient();
        assets = SharesLib.toAssetsDown(shares, market.totalBorrows(), market.totalBorrowShares());
        if (assets < minBorrow) revert BorrowBelowMinimum(assets, minBorrow);
        uint256 leaf = _spend(proof, t, false, _ownerInputs(shares << 96, recipient, provenDebtIndex, memo, true));
        _books.noteShares += uint104(shares);
        market.borrow(vaultId, assets, recipient);
        emit PrivateAction(Action.Borrow, assets, shares, recipient, leaf, memo);
    }

    /// @notice Removes `shares` debt shares from the proven note, paying their value (rounded up, at most the vault's
    /// debt) from the caller (anyone). As for a deposit, the new note must be within the liquidation threshold; a full
    /// repayment proves with DEBT_FREE and reads no price.
    /// @return assets Base units paid.
    function repay(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 shares,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant returns (uint256 assets) {
        return _repay(proof, t, shares, provenDebtIndex, memo, false);
    }

    /// @notice `repay`, with the new note inserted aside, as `depositAside` (audit i L-1: a rescue no insertion can
    /// make stale; its next spend links to it). A repayment of every share of a note holding no collateral is an exit
    /// and inserts nothing either way.
    /// @return assets Base units paid.
    function repayAside(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 shares,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant returns (uint256 assets) {
        return _repay(proof, t, shares, provenDebtIndex, memo, true);
    }

    function _repay(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 shares,
        uint256 provenDebtIndex,
        bytes calldata memo,
        bool aside
    ) internal returns (uint256 assets) {
        _checkAmount(shares);
        uint256 leaf = _spend(
            proof, t, aside, _ownerInputs((shares << 96) | SHARES_OUT, address(0), provenDebtIndex, memo, false)
        );
        _books.noteShares -= uint104(shares);
        assets = _repayShares(shares);
        emit PrivateAction(Action.Repay, assets, shares, address(0), leaf, memo);
    }

    /// @notice Closes the proven note in one proof (audit i L-1): repays all its `shares` (their value rounded up, at
    /// most the vault's debt, paid by the caller — anyone) and sends all its `amount` collateral to `recipient`. The new
    /// note holds nothing — an exit: no leaf taken, no current root to race for, so no insertion landing first can
    /// delay it — and owes nothing, so the pool reads no price (DEBT_FREE inputs). The market still checks the pool's
    /// vault as a whole when the collateral leaves (audit j L-1): while another note owes, a stale feed or an aggregate
    /// over the LTV refuses it, and the close reverts whole. Only the owner's key proves it (mode 1). Either amount may be 0 (a debt-free note; a note with no collateral left),
    /// not both.
    /// @return assets Base units paid.
    function close(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 amount,
        uint256 shares,
        address recipient,
        bytes calldata memo
    ) external nonReentrant returns (uint256 assets) {
        if (t.newCommitment != 0) revert NotAnExit(t.newCommitment);
        if (amount == 0 && shares == 0) revert ZeroAmount();
        if (amount > MAX_AMOUNT) revert AmountTooLarge(amount);
        if (shares > MAX_AMOUNT) revert AmountTooLarge(shares);
        if (recipient == address(0)) revert ZeroRecipient();
        _spend(proof, t, false, _debtFreeInputs(amount | (shares << 96) | COLLATERAL_OUT | SHARES_OUT, recipient, memo));
        _books.noteShares -= uint104(shares);
        _books.noteCollateral -= uint104(amount);
        if (shares != 0) assets = _repayShares(shares);
        if (amount != 0) market.withdrawCollateral(vaultId, address(collateral), amount, recipient);
        emit PrivateAction(Action.Close, amount, shares, recipient, NO_LEAF, memo);
    }

    /// @notice Liquidates a note past the market's liquidation threshold at current prices, by anyone holding its
    /// opening (the liquidators decrypt every note's ciphertext) — no owner key. The caller repays all `shares` of the
    /// note (their value rounded up, at most the vault's debt) and `seized` collateral, worth at most that debt ×
    /// (1 + bonus), goes to `recipient`; the rest stays the owner's as a debt-free note. `provenDebtIndex` must be at or below the
    /// market's (a higher one would overstate the debt). If the market refuses to release the collateral now, it is
    /// owed to `recipient` (`claimSeized`).
    /// @return assets Base units paid.
    function liquidate(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 seized,
        uint256 shares,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant returns (uint256 assets) {
        return _liquidate(proof, t, seized, shares, recipient, provenDebtIndex, memo, false);
    }

    /// @notice `liquidate`, with the owner's remainder inserted aside (audit h M-1): the proof inserts it at leaf 0 of
    /// an empty tree of its own — its insertion root is EMPTY_ROOT whatever lands first, so no other action can make it
    /// stale — and the pool records that one-leaf tree's proven root as known (`frozenRoot`) instead of extending its
    /// current tree (`NoteInsertedAside`; `PrivateAction.leafIndex` is ASIDE). For a liquidation that lost the race to
    /// the current root: the owner spends the remainder with a membership proof against its own root, which links that
    /// spend to this liquidation (its root is unique) — the price of not being delayable. A whole seizure is an exit.
    /// @return assets Base units paid.
    function liquidateAside(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 seized,
        uint256 shares,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) external nonReentrant returns (uint256 assets) {
        return _liquidate(proof, t, seized, shares, recipient, provenDebtIndex, memo, true);
    }

    function _liquidate(
        Groth16Proof calldata proof,
        NoteTransition calldata t,
        uint256 seized,
        uint256 shares,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo,
        bool aside
    ) internal returns (uint256 assets) {
        _checkAmount(seized);
        _checkAmount(shares);
        if (recipient == address(0)) revert ZeroRecipient();
        uint256 leaf = _spend(proof, t, aside, _liquidationInputs(seized, shares, recipient, provenDebtIndex, memo));
        _books.noteShares -= uint104(shares);
        _books.noteCollateral -= uint104(seized);
        assets = _repayShares(shares);
        try market.withdrawCollateral(vaultId, address(collateral), seized, recipient) {}
        catch {
            seizedOwed[recipient] += seized;
            totalSeizedOwed += seized;
            emit SeizedOwed(recipient, seized);
        }
        emit PrivateAction(Action.Liquidate, seized, shares, recipient, leaf, memo);
    }

    /// @notice Collateral of all live notes (what the vault holds but for `totalSeizedOwed`).
    function noteCollateral() public view returns (uint256) {
        return _books.noteCollateral;
    }

    /// @notice Debt shares of all live notes (at least what the vault owes).
    function noteShares() public view returns (uint256) {
        return _books.noteShares;
    }

    /// @notice Sends `recipient` the seized collateral owed to it; anyone may call (audit3 A3-P4: a recipient contract
    /// that cannot make the call still gets paid). The market checks the aggregate as for any withdrawal.
    function claimSeized(address recipient) external nonReentrant {
        uint256 amount = seizedOwed[recipient];
        if (amount == 0) revert ZeroAmount();
        seizedOwed[recipient] = 0;
        totalSeizedOwed -= amount;
        market.withdrawCollateral(vaultId, address(collateral), amount, recipient);
    }

    /// @notice The `ltv` public input of a liquidation, a deposit and a repayment: the market's liquidation threshold
    /// for the collateral (WAD). A note whose debt value is above its collateral value × this is liquidatable; a deposit
    /// or repayment must leave the note within it (audit3 A3-P2).
    function liquidationThreshold() public view returns (uint256) {
        return market.collateralInfo(address(collateral)).liquidationThreshold;
    }

    /// @notice The `ltv` public input of a borrow or withdrawal: the market's LTV × BORROW_LTV_FRACTION (WAD).
    function borrowThreshold() public view returns (uint256) {
        return uint256(market.collateralInfo(address(collateral)).ltv).wMulDown(BORROW_LTV_FRACTION);
    }

    /// @notice The market's debt per share now (base units per 1e18 shares, rounded up): the `debtIndex` public input.
    function debtIndex() public view returns (uint256) {
        return (market.totalBorrows() + SharesLib.VIRTUAL_ASSETS)
        .mulDivUp(WAD, market.totalBorrowShares() + SharesLib.VIRTUAL_SHARES);
    }

    /// @dev Public inputs of a liquidation: the old note over the market's liquidation threshold, at a debt index at
    /// most the market's.
    function _liquidationInputs(
        uint256 seized,
        uint256 shares,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo
    ) internal view returns (ActionInputs memory) {
        uint256 current = debtIndex();
        if (provenDebtIndex > current) revert DebtIndexAboveCurrent(current, provenDebtIndex);
        uint256 deltas = seized | (shares << 96) | COLLATERAL_OUT | SHARES_OUT;
        return _priceInputs(deltas, recipient, provenDebtIndex, memo, MODE_LIQUIDATION, liquidationThreshold());
    }

    /// @dev Public inputs proving the new note owes no share, with no price: mode 1 at collateral price 0, threshold
    /// 0, debt price 1 and debt index 1. The limit is then 0, and a single share is worth at least 1 (shares → assets
    /// and assets → value both round up), so the circuit's `debtValue ≤ limit` holds exactly when the new note has no
    /// share. A priced proof never has these inputs (the oracle's prices are never 0: `_priceInputs`).
    function _debtFreeInputs(uint256 deltas, address recipient, bytes calldata memo)
        internal
        view
        returns (ActionInputs memory)
    {
        return ActionInputs(deltas, _binding(recipient, memo), _prices(0, 1), _params(MODE_LTV, 0, 1));
    }

    /// @dev Public inputs of an owner's action: the new note healthy at the borrow threshold (`borrowLimit`: a borrow
    /// or withdrawal) or the liquidation threshold (a deposit or repayment), at the oracle's prices and a debt index at
    /// least the market's; or, with DEBT_FREE, the new note owing nothing, with no price (a borrow cannot prove it).
    function _ownerInputs(
        uint256 deltas,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo,
        bool borrowLimit
    ) internal view returns (ActionInputs memory) {
        if (provenDebtIndex == DEBT_FREE) {
            return _debtFreeInputs(deltas, recipient, memo);
        }
        uint256 current = debtIndex();
        if (current > provenDebtIndex) revert DebtIndexAboveProof(current, provenDebtIndex);
        if (provenDebtIndex - current > current.wMulUp(MAX_DEBT_INDEX_HEADROOM)) {
            revert DebtIndexTooHigh(current, provenDebtIndex);
        }
        return _priceInputs(
            deltas, recipient, provenDebtIndex, memo, MODE_LTV, borrowLimit ? borrowThreshold() : liquidationThreshold()
        );
    }

    /// @dev Public inputs of an action that reads prices. Prices come from the oracle, which reverts on a stale,
    /// future, incomplete or out-of-bounds round.
    function _priceInputs(
        uint256 deltas,
        address recipient,
        uint256 provenDebtIndex,
        bytes calldata memo,
        uint256 mode,
        uint256 threshold
    ) internal view returns (ActionInputs memory) {
        (uint256 collateralPrice, uint256 debtPrice) = oracle.prices(address(collateral), address(base));
        _checkAmount(collateralPrice);
        _checkAmount(debtPrice);
        _checkAmount(provenDebtIndex);
        return ActionInputs(
            deltas,
            _binding(recipient, memo),
            _prices(collateralPrice, debtPrice),
            _params(mode, threshold, provenDebtIndex)
        );
    }

    /// @dev The `prices` public input: collateralPrice + debtPrice·2^96 (each checked below 2^96 by the caller; the
    /// circuit splits it with one 192-bit decomposition, so no other pair packs to it).
    function _prices(uint256 collateralPrice, uint256 debtPrice) internal pure returns (uint256) {
        return collateralPrice | (debtPrice << 96);
    }

    /// @dev The `params` public input but for the leaf index (`_spend` adds the leaf within the current tree·2^162,
    /// 0 for an exit): mode + threshold·2^2 + debtIndex·2^66 + minBorrow·2^(162 + DEPTH). The threshold (WAD, at most
    /// 1e18 for a listed collateral) is checked below 2^64 here, the debt index below 2^96 by the caller, minBorrow below
    /// 2^64 by the constructor; the circuit decomposes all 246 bits, so the split is unique.
    function _params(uint256 mode, uint256 threshold, uint256 index) internal view returns (uint256) {
        if (threshold > type(uint64).max) revert AmountTooLarge(threshold);
        return mode | (threshold << 2) | (index << 66) | (minBorrow << (162 + DEPTH));
    }

    /// @notice The `binding` public input: the chain id and this pool's address (audit P-b: a proof is valid on one
    /// pool of one chain), the recipient and the memo (audit P-3: a copier can change neither), which the circuit does
    /// not use, hashed into one field element the proof commits to.
    function _binding(address recipient, bytes calldata memo) internal view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), recipient, keccak256(memo)))) % FIELD;
    }

    /// @notice The `binding` public input of an inserting action: the action's binding and the global position its new
    /// note takes, hashed into one field element (zkaudit6 L-2: a proof for a tree's first leaf that lost its race would
    /// otherwise verify again at every later tree's first leaf — the root, EMPTY_ROOT, and the leaf, 0, recur). An
    /// exit inserts nothing and keeps the plain binding.
    function _positionBinding(uint256 binding, uint256 position) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(binding, position))) % FIELD;
    }

    /// @dev Repays the market the value of `shares` (rounded up, at most the vault's debt), paid by the caller.
    function _repayShares(uint256 shares) internal returns (uint256 assets) {
        assets = SharesLib.toAssetsUp(shares, market.totalBorrows(), market.totalBorrowShares());
        uint256 debt = market.debtOf(vaultId);
        if (assets > debt) assets = debt;
        if (assets != 0) {
            base.safeTransferFrom(msg.sender, address(this), assets);
            market.repay(vaultId, assets);
        }
    }

    /// @dev Verifies the proof of `t` with the action's other public inputs — membership against a known root, and,
    /// unless the new note holds nothing (`newCommitment` 0: an exit), insertion against the current tree's root at its
    /// next leaf — spends the nullifier, records the new root; returns the new note's global position (NO_LEAF for an
    /// exit). Effects happen here, before any token moves.
    function _spend(Groth16Proof calldata proof, NoteTransition calldata t, bool aside, ActionInputs memory a)
        internal
        returns (uint256 leaf)
    {
        // a spent note first: a replayed proof's root is stale too, and "already spent" is what its sender must hear
        if (nullifierSpent[t.nullifier]) revert NoteAlreadySpent(t.nullifier);
        if (!isKnownRoot(t.memberRoot, t.memberSlot)) revert UnknownRoot(t.memberRoot);
        bool exits = t.newCommitment == 0;
        // an exit proves `newRoot` = `root` and takes no leaf: no current root to race for (the circuit's nextIndex 0);
        // an aside insertion is proven into an empty tree at leaf 0, whatever the current tree holds
        aside = aside && !exits;
        leaf = exits ? NO_LEAF : aside ? ASIDE : _insertionIndex(t.root);
        if (t.nullifier >= FIELD) revert NotInField(t.nullifier);
        if (t.newCommitment >= FIELD) revert NotInField(t.newCommitment);
        uint256[13] memory inputs = [
            aside ? EMPTY_ROOT : t.root,
            t.newRoot,
            t.nullifier,
            t.newCommitment,
            a.deltas,
            exits ? a.binding : _positionBinding(a.binding, leaf),
            a.prices,
            exits || aside ? a.params : a.params | ((leaf & LEAF_MASK) << 162),
            t.ephKey,
            t.ciphertext[0],
            t.ciphertext[1],
            t.ciphertext[2],
            t.memberRoot
        ];
        if (!verifier.verifyProof(proof.a, proof.b, proof.c, inputs)) revert InvalidProof();
        nullifierSpent[t.nullifier] = true;
        emit NoteSpent(t.nullifier);
        if (aside) {
            _insertAside(t.newCommitment, t.newRoot, t.ephKey, t.ciphertext);
        } else if (!exits) {
            _insert(t.newCommitment, leaf, t.newRoot);
            emit NoteEncrypted(leaf, t.ephKey, t.ciphertext);
        }
    }

    function _checkAmount(uint256 amount) internal pure {
        if (amount == 0) revert ZeroAmount();
        if (amount > MAX_AMOUNT) revert AmountTooLarge(amount);
    }

    /// @dev The circuit values amounts at fixed scales: a token with other decimals would be valued wrongly.
    function _checkDecimals(address token, uint8 expected) private view {
        uint8 d = IERC20Metadata(token).decimals();
        if (d != expected) revert WrongDecimals(token, d, expected);
    }
}
