"use client";
import { useVolatility } from "@/hooks/use-volatility";
import { collateralToReachOdds, liquidationOdds, oddsVaultFromLens, unitsForUsd, type OddsInput } from "@/lib/analytics/liquidation-odds";
import type { ChainConfig } from "@/lib/config/chains";
import { assetSymbol } from "@/lib/config/deployment";

/** What the odds card shows, decided here (the component only renders it). */
export type OddsView =
  /** Nothing to show: no debt, a price missing, or already liquidatable. */
  | { kind: "none" }
  | { kind: "estimating" }
  | { kind: "unreadable" }
  /** The assets without enough price history for a volatility (symbols). */
  | { kind: "missing"; assets: string[] }
  | {
      kind: "odds";
      /** Probabilities of liquidation within 7 days and 1 day. */
      week: number;
      day: number;
      tone: "high" | "medium" | "low";
      /** The collateral to add (its largest) to bring the 7-day odds under the target; null when they already are. */
      add: { amount: bigint; decimals: number; symbol: string; usd: bigint } | null;
    };

/**
 * A position's predicted odds of liquidation within 1 and 7 days at its assets' realised volatility
 * (lib/analytics/liquidation-odds.ts; volatility from hooks/use-volatility.ts), and the collateral to add to bring the
 * 7-day odds under `target`, as a view-model.
 */
export function useLiquidationOdds(chain: ChainConfig, vault: OddsInput, target: number): OddsView {
  const vols = useVolatility(chain);
  if (vault.debt === 0n || !vault.pricesOk || vault.liquidatable) return { kind: "none" };
  if (vols.isPending) return { kind: "estimating" };
  if (!vols.data) return { kind: "unreadable" };
  const sigmas = vols.data.sigmas;
  const odds = oddsVaultFromLens(vault, sigmas);
  if (!odds) {
    const borrowed = vault.debts ? vault.debts.filter((d) => d.value > 0n).map((d) => d.asset) : [vault.baseAsset];
    const missing = [...new Set([...borrowed, ...vault.collaterals.filter((c) => c.amount > 0n && c.value > 0n).map((c) => c.asset)])].filter(
      (a) => sigmas[a.toLowerCase()] == null,
    );
    return { kind: "missing", assets: missing.map((a) => assetSymbol(chain, a)) };
  }
  const week = liquidationOdds(odds, 7);
  const day = liquidationOdds(odds, 1);
  // Top up the collateral with the largest share of the vault.
  const held = vault.collaterals.filter((c) => c.amount > 0n);
  const main = held.reduce((a, b) => (b.value > a.value ? b : a), held[0]!);
  const mainIndex = odds.collaterals.findIndex((_, i) => held[i] === main);
  const addUsd = week > target ? collateralToReachOdds(odds, mainIndex, target, 7) : 0;
  return {
    kind: "odds",
    week,
    day,
    tone: week >= 0.1 ? "high" : week >= 0.01 ? "medium" : "low",
    add:
      addUsd > 0
        ? {
            amount: unitsForUsd(addUsd, main.price, main.decimals),
            decimals: main.decimals,
            symbol: assetSymbol(chain, main.asset),
            usd: BigInt(Math.ceil(addUsd * 100)) * 10n ** 16n,
          }
        : null,
  };
}
