import { ERROR_MESSAGES, fillMessage } from "../tx/tx-errors";

/**
 * What the app itself says about a position, before any transaction: why an action cannot be built from the form
 * (`ActionRefused`, thrown by the adapters' builders) and what part of an account could not be read (`ReadProblem`).
 * The English lives here (a zero amount: the market's own sentence), as Keel's and the protocols' errors live in their
 * tables; the other languages under
 * `txErrors.action.<name>` and `txErrors.read.<name>` in messages/<locale>.json, shown by hooks/use-error-text.ts.
 */

/** Text in words, with the key of its translation under `txErrors` and its values (lib/protocols/errors.ts's shape). */
export interface WordedText {
  message: string;
  key: string;
  values: Record<string, string>;
}

/** Why an action cannot be built (`protocol` is a proper name: Keel, Aave v3, Morpho Blue). */
export const ACTION_MESSAGES = {
  nothingToWithdraw: "Nothing of this collateral can be withdrawn from this {protocol} position now.",
  noDebt: "This {protocol} position has no {symbol} debt to repay.",
  notCollateral: "{asset} is not a collateral of this {protocol} position.",
  notBorrowable: "{asset} is not the asset this {protocol} position borrows ({symbol}).",
} as const;
export type ActionRefusal = keyof typeof ACTION_MESSAGES;

/** An error whose words have a translation (`key` under `txErrors`, with `values`): hooks/use-error-text.ts shows it. */
export class WordedError extends Error implements WordedText {
  constructor(
    message: string,
    readonly key: string,
    readonly values: Record<string, string> = {},
  ) {
    super(message);
    this.name = "WordedError";
  }
}

/** An action the form asked for that cannot be built: its English message, and its translation key and values. */
export class ActionRefused extends WordedError {
  constructor(
    readonly refusal: ActionRefusal,
    values: Record<string, string> = {},
  ) {
    super(fillMessage(ACTION_MESSAGES[refusal], values), `action.${refusal}`, values);
    this.name = "ActionRefused";
  }
}

/**
 * A zero amount: the sentence the market's own `ZeroAmount` revert has (lib/tx/tx-errors.ts, one home for it), said
 * before any transaction.
 */
export const amountZero = () => new WordedError(ERROR_MESSAGES.ZeroAmount!([]), "revert.ZeroAmount");

/** What part of an account's read failed (the rest is still shown). */
export const READ_PROBLEMS = {
  keelLens: "Keel: the lens did not answer. Keel positions on this chain are not shown.",
  aavePool: "Aave v3: the pool's data provider did not answer. Aave positions on this chain are not shown.",
  keelOracle: "Keel's oracle did not answer: Morpho positions have no USD value.",
  morphoOracle: "Morpho {market}: its oracle did not answer. This market's position is not shown.",
  morphoRead: "Morpho {market}: a read failed. This market's position is not shown.",
  keelVaultMarket: "Keel: vault #{id} is in market {market}, which the lens did not describe.",
  positionUnread: "This position could not be read.",
} as const;
export type ReadProblemName = keyof typeof READ_PROBLEMS;
export type ReadProblem = WordedText;

export const readProblem = (name: ReadProblemName, values: Record<string, string> = {}): ReadProblem => ({
  message: fillMessage(READ_PROBLEMS[name], values),
  key: `read.${name}`,
  values,
});
