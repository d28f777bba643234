import type { Hex } from "viem";

/** Whose book /risk reads besides Keel's markets: a chain's Aave v3 pool, or one Morpho Blue market. */
export type BookTarget = { protocol: "aave-v3" } | { protocol: "morpho-blue"; marketId: Hex };

/** A book target as a key (the picker's value, the query's key): `aave-v3`, or `morpho-blue:<marketId>`. */
export const bookTargetKey = (t: BookTarget) => (t.protocol === "aave-v3" ? t.protocol : `${t.protocol}:${t.marketId.toLowerCase()}`);
