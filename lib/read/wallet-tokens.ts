/**
 * The connected wallet's balance and allowance of each token a market deals in, as `useWalletTokens` answers it.
 *
 * The query keeps a plain object keyed by lower-cased address, and the readers get a Map built by `select`. TanStack
 * Query shares an unchanged answer structurally (keeps the previous object) only for plain objects and arrays: a Map
 * answer was a new object on every block's refetch and redrew whatever read it (the vault page's body) with nothing
 * changed. `select` runs again only when the shared answer changes, so the Map stays the same object while the
 * balances and allowances do.
 */
export interface WalletToken {
  balance: bigint;
  /** Allowance given to the market. */
  allowance: bigint;
}

export type WalletTokensAnswer = Readonly<Record<string, WalletToken>>;

/** The query's answer from one row per token (its address in any case). */
export function walletTokensAnswer(rows: readonly (readonly [string, WalletToken])[]): WalletTokensAnswer {
  return Object.fromEntries(rows.map(([token, t]) => [token.toLowerCase(), t]));
}

/** The answer as the readers take it: a Map by lower-cased token address (the query's `select`; keep it module-level). */
export function walletTokensByToken(answer: WalletTokensAnswer): ReadonlyMap<string, WalletToken> {
  return new Map(Object.entries(answer));
}
