import { explainWith, PROTOCOL_REFUSED, type ProtocolErrorText } from "../errors";
import { fillMessage } from "../../tx/tx-errors";

/**
 * Aave v3's revert codes (libraries/helpers/Errors.sol: `require(…, Errors.NAME)` reverts with the code string) for
 * what a trader can run into, in words. Keyed by code; NAME_BY_CODE names the rest.
 */
export const AAVE_ERROR_NAMES: Record<string, string> = {
  "26": "INVALID_AMOUNT",
  "27": "RESERVE_INACTIVE",
  "28": "RESERVE_FROZEN",
  "29": "RESERVE_PAUSED",
  "30": "BORROWING_NOT_ENABLED",
  "32": "NOT_ENOUGH_AVAILABLE_USER_BALANCE",
  "34": "COLLATERAL_BALANCE_IS_ZERO",
  "35": "HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD",
  "36": "COLLATERAL_CANNOT_COVER_NEW_BORROW",
  "39": "NO_DEBT_OF_SELECTED_TYPE",
  "40": "NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF",
  "43": "UNDERLYING_BALANCE_ZERO",
  "25": "INVALID_BURN_AMOUNT",
  "24": "INVALID_MINT_AMOUNT",
  "50": "BORROW_CAP_EXCEEDED",
  "51": "SUPPLY_CAP_EXCEEDED",
  "53": "DEBT_CEILING_EXCEEDED",
  "57": "LTV_VALIDATION_FAILED",
  "58": "INCONSISTENT_EMODE_CATEGORY",
  "59": "PRICE_ORACLE_SENTINEL_CHECK_FAILED",
  "60": "ASSET_NOT_BORROWABLE_IN_ISOLATION",
  "62": "USER_IN_ISOLATION_MODE_OR_LTV_ZERO",
  "89": "SILOED_BORROWING_VIOLATION",
  "91": "FLASHLOAN_DISABLED",
};

/** Sentences by Aave error name (also used for refusals the adapter finds before sending, see math.ts borrowBlocker). */
export const AAVE_MESSAGES: Record<string, string> = {
  INVALID_AMOUNT: "The amount must be above zero.",
  INVALID_MINT_AMOUNT: "The amount is too small for Aave to record.",
  INVALID_BURN_AMOUNT: "The amount is too small for Aave to record.",
  RESERVE_INACTIVE: "This asset's Aave reserve is not active.",
  RESERVE_FROZEN: "This asset's Aave reserve is frozen: no new supply or borrowing until governance unfreezes it.",
  RESERVE_PAUSED: "This asset's Aave reserve is paused: nothing can be supplied, borrowed, repaid or withdrawn until it is unpaused.",
  BORROWING_NOT_ENABLED: "Borrowing this asset is not enabled on Aave.",
  NOT_ENOUGH_AVAILABLE_USER_BALANCE: "You have less of this asset supplied on Aave than the amount.",
  COLLATERAL_BALANCE_IS_ZERO: "You have no collateral on Aave to borrow against.",
  HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD: "This would leave your Aave health factor below 1 (liquidatable).",
  COLLATERAL_CANNOT_COVER_NEW_BORROW: "Your collateral does not cover this borrow at Aave's loan-to-value limit.",
  NO_DEBT_OF_SELECTED_TYPE: "You have no variable-rate debt of this asset on Aave to repay.",
  NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF: "Repaying all of someone else's debt needs an exact amount.",
  UNDERLYING_BALANCE_ZERO: "You have none of this asset supplied on Aave.",
  BORROW_CAP_EXCEEDED: "This would take the asset above Aave's borrow cap.",
  SUPPLY_CAP_EXCEEDED: "This would take the asset above Aave's supply cap.",
  DEBT_CEILING_EXCEEDED: "This would take your isolated collateral above its debt ceiling.",
  LTV_VALIDATION_FAILED: "Aave refuses this while you hold collateral with a zero loan-to-value: withdraw or disable it first.",
  INCONSISTENT_EMODE_CATEGORY: "In your e-mode category you can only borrow assets of that category.",
  PRICE_ORACLE_SENTINEL_CHECK_FAILED: "Aave's price sentinel holds borrowing while the network's sequencer recovers.",
  ASSET_NOT_BORROWABLE_IN_ISOLATION: "In isolation mode you can only borrow assets allowed in isolation.",
  USER_IN_ISOLATION_MODE_OR_LTV_ZERO: "This asset cannot be collateral while you are in isolation mode (or it has a zero loan-to-value).",
  SILOED_BORROWING_VIOLATION: "A siloed asset cannot be borrowed together with other assets on Aave.",
  FLASHLOAN_DISABLED: "Flash loans of this asset are disabled on Aave.",
  EMODE_PRICE_SOURCE_UNSUPPORTED: "Your e-mode category prices assets from its own source, which Keel does not read yet.",
};

/** An Aave error name (a revert's, or one from the adapter's own checks: math.ts borrowBlocker) in words, with its translation key. */
export function aaveMessage(name: string): ProtocolErrorText {
  const message = AAVE_MESSAGES[name];
  if (message) return { key: `aave.${name}`, message };
  return {
    key: "general.protocolRefused",
    values: { protocol: "Aave", reason: name },
    message: fillMessage(PROTOCOL_REFUSED, { protocol: "Aave", reason: name }),
  };
}

const byCode = Object.fromEntries(
  Object.entries(AAVE_ERROR_NAMES).map(([code, name]) => {
    const m = aaveMessage(name);
    return [code, [m.key!, m.message] as const];
  }),
);

/** An Aave revert (or an error name from the adapter's own checks) in words, with its translation key. */
export function explainAaveError(error: unknown): ProtocolErrorText {
  if (typeof error === "string" && AAVE_MESSAGES[error]) return aaveMessage(error);
  return explainWith(byCode, error, "Aave");
}

/** An Aave revert (or an error name from the adapter's own checks) as a sentence. */
export function describeAaveError(error: unknown): string {
  return explainAaveError(error).message;
}
