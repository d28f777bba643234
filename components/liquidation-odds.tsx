"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { parseUnits } from "viem";
import { useVolatility } from "@/hooks/use-volatility";
import { assetSymbol } from "@/lib/config/deployment";
import { useFormat } from "@/hooks/use-format";
import { collateralToReachOdds, liquidationOdds, oddsVaultFromLens, ODDS_TARGETS } from "@/lib/analytics/liquidation-odds";
import type { ChainConfig } from "@/lib/config/chains";
import { wadToNumber } from "@/lib/engine/math";

/** Token units (rounded up at 6 decimals) worth `usd` at `priceWad`. */
function unitsFor(usd: number, priceWad: bigint, decimals: number): bigint {
  const units = usd / wadToNumber(priceWad);
  const places = Math.min(decimals, 6);
  return parseUnits((Math.ceil(units * 10 ** places) / 10 ** places).toFixed(places), decimals);
}

/** What the odds need of a position (a Keel LensVault has it; lib/protocols/view.ts oddsInputOf builds it for Aave and Morpho). USD values and prices WAD. */
export interface OddsInput {
  debt: bigint;
  debtValue: bigint;
  pricesOk: boolean;
  liquidatable: boolean;
  /** The borrowed asset (a Keel vault's base asset; with several debts, the largest: the one named when volatility is missing). */
  baseAsset: `0x${string}`;
  /** Every borrowed asset with its USD value (WAD), when there may be several (an Aave account): each one's price moves count. */
  debts?: readonly { asset: `0x${string}`; value: bigint }[];
  collaterals: readonly { asset: `0x${string}`; amount: bigint; value: bigint; price: bigint; decimals: number; liquidationThreshold: bigint }[];
}

/**
 * The vault's predicted odds of liquidation within 1 and 7 days at its assets' realised volatility
 * (lib/analytics/liquidation-odds.ts), and the collateral to add to bring the 7-day odds under a chosen level.
 */
export function LiquidationOdds({ chain, vault }: { chain: ChainConfig; vault: OddsInput }) {
  const t = useTranslations("odds");
  const f = useFormat();
  const vols = useVolatility(chain);
  const [target, setTarget] = useState<number>(0.05);
  if (vault.debt === 0n || !vault.pricesOk || vault.liquidatable) return null;
  const symbolOf = (a: string) => assetSymbol(chain, a);
  const box = "rounded-md border border-slate-800 bg-slate-950/40 px-3 py-2 text-xs text-slate-300";
  if (vols.isPending) return <div className={box}>{t("estimating")}</div>;
  if (!vols.data) return <div className={box}>{t("unreadable")}</div>;
  const odds = oddsVaultFromLens(vault, vols.data.sigmas);
  if (!odds) {
    const borrowed = vault.debts ? vault.debts.filter((d) => d.value > 0n).map((d) => d.asset) : [vault.baseAsset];
    const missing = [...new Set([...borrowed, ...vault.collaterals.filter((c) => c.amount > 0n).map((c) => c.asset)])].filter(
      (a) => vols.data.sigmas[a.toLowerCase()] == null,
    );
    return (
      <div className={box} data-testid="odds-unavailable">
        {t("notEnough", { assets: missing.map(symbolOf).join(", ") })}
      </div>
    );
  }
  const week = liquidationOdds(odds, 7);
  const day = liquidationOdds(odds, 1);
  // Top up the collateral with the largest share of the vault.
  const held = vault.collaterals.filter((c) => c.amount > 0n);
  const main = held.reduce((a, b) => (b.value > a.value ? b : a), held[0]!);
  const mainIndex = odds.collaterals.findIndex((_, i) => held[i] === main);
  const addUsd = week > target ? collateralToReachOdds(odds, mainIndex, target, 7) : 0;
  const tone = week >= 0.1 ? "text-rose-300" : week >= 0.01 ? "text-orange-300" : "text-emerald-300";
  return (
    <div className={`${box} flex flex-wrap items-center justify-between gap-2`} data-testid="liquidation-odds">
      <span>
        {t.rich("chance", {
          odds: () => (
            <b className={`font-mono tabular-nums ${tone}`} data-testid="odds-7d">
              {f.odds(week)}
            </b>
          ),
          muted: (c) => <span className="text-slate-400">{c}</span>,
          day: () => <span data-testid="odds-1d">{f.odds(day)}</span>,
        })}
      </span>
      <span className="flex items-center gap-2">
        {addUsd > 0 ? (
          <span data-testid="odds-add">
            {t("add", {
              amount: f.token(unitsFor(addUsd, main.price, main.decimals), main.decimals, symbolOf(main.asset)),
              usd: f.usd(BigInt(Math.ceil(addUsd * 100)) * 10n ** 16n),
            })}
          </span>
        ) : (
          <span data-testid="odds-add">{t("already")}</span>
        )}
        <select
          aria-label={t("target")}
          value={target}
          onChange={(e) => setTarget(Number(e.target.value))}
          className="min-h-11 rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-xs md:min-h-0"
        >
          {ODDS_TARGETS.map((t) => (
            <option key={t} value={t}>
              {f.percent(BigInt(Math.round(t * 1000)) * 10n ** 15n, 0)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
