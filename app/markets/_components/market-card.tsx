"use client";
import dynamic from "next/dynamic";
import { ChartPlaceholder } from "@/components/chart-placeholder";
import { useTranslations } from "next-intl";
import { memo, useCallback, useMemo, type ReactNode } from "react";
import { zeroAddress } from "viem";
import { FeedStatusBadge } from "@/components/feed-status-badge";
import { useFormat } from "@/hooks/use-format";
import { useNowSeconds } from "@/hooks/use-now";
import { shortAddress } from "@/lib/view/format";
import { feedStatus } from "@/lib/read/oracle";
import type { ChainConfig } from "@/lib/config/chains";
import { findMarket } from "@/lib/config/deployment";
import type { LensMarket } from "@/lib/read/vaults";
import { CollateralsTable } from "./collaterals-table";
import { LendPanel } from "./lend-panel";
import { PendingChanges } from "./pending-changes";
import { RateChart } from "./rate-chart";

// The history (the indexer's series, its table and drawing, the liquidations) loads after the page is interactive
// (components/chart-placeholder.tsx); the rate curve is drawn with the card.
const MarketHistory = dynamic(() => import("./market-history").then((m) => m.MarketHistory), { ssr: false, loading: () => <ChartPlaceholder /> });

function Stat({ label, testId, children, hint }: { label: string; testId: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-lg bg-slate-900/60 px-3 py-2">
      <div className="text-xs text-slate-400">{label}</div>
      <div className="mt-0.5 break-words font-mono text-base tabular-nums" data-testid={testId}>
        {children}
      </div>
      {hint && <div className="text-xs text-slate-400">{hint}</div>}
    </div>
  );
}

/** The base price's age, counting up: the one part of the card's head that changes every second. */
function FeedAge({ updatedAt }: { updatedAt: bigint }) {
  const t = useTranslations("market");
  const f = useFormat();
  const now = useNowSeconds();
  return <>{updatedAt > 0n ? t("ago", { age: f.age(now - Number(updatedAt)) }) : ""}</>;
}

/**
 * One market: its totals and rates, rate curve, collaterals, pending risk changes, and the lend form. Memoised, with
 * the ages that count up rendered by their own components: the card and its charts re-render when the market's
 * figures change, not every second (a recharts history chart, re-registering its every part on each render, once cost
 * /markets a tenth of a core at rest: docs/performance.md, thirty-first session).
 */
export const MarketCard = memo(function MarketCard({ chain, market, stale }: { chain: ChainConfig; market: LensMarket; stale: boolean }) {
  const t = useTranslations("market");
  const tf = useTranslations("feed");
  const f = useFormat();
  const assets = useMemo(() => new Map((chain.deployment?.assets ?? []).map((a) => [a.address.toLowerCase(), a])), [chain.deployment]);
  const symbolOf = useCallback((a: string) => assets.get(a.toLowerCase())?.symbol, [assets]);
  const assetOf = useCallback((a: string) => assets.get(a.toLowerCase()), [assets]);
  const symbol = symbolOf(market.baseAsset) ?? shortAddress(market.baseAsset);
  const dec = market.baseDecimals;
  const base = feedStatus(market.baseFeed.status);
  const amount = (v: bigint) => f.token(v, dec, symbol, 2);
  const deployed = findMarket(chain.deployment, market.market);
  const name = deployed?.name ?? shortAddress(market.market);
  return (
    <article
      className={`min-w-0 space-y-4 rounded-2xl border border-slate-800 bg-slate-950/40 p-3 sm:p-5 ${stale ? "opacity-60" : ""}`}
      data-testid={`market-${symbol}`}
      aria-label={name}
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">
            {name} <span className="text-sm font-normal text-slate-400">· {t("lend", { symbol })}</span>
          </h2>
          <p className="font-mono text-xs text-slate-400" title={market.market}>
            {shortAddress(market.market)} · {t("vaults", { count: Number(market.vaultCount), countText: f.number(Number(market.vaultCount), 0) })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="base-feed" data-status={base.key}>
          <span className="text-slate-400">{t("oracle", { symbol })}</span>
          <span className="font-mono tabular-nums" data-testid="price">
            {base.key === "ok" ? f.usd(market.baseFeed.price) : "—"}
          </span>
          <span className="text-xs text-slate-400" data-testid="age">
            <FeedAge updatedAt={market.baseFeed.updatedAt} />
          </span>
          <FeedStatusBadge status={market.baseFeed.status} />
        </div>
      </header>
      {base.key !== "ok" && (
        <p role="alert" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
          {t("basePaused", { symbol, why: tf(`${base.key}.why`) })}
        </p>
      )}
      {market.borrowPaused && (
        <p role="status" data-testid="borrow-paused" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
          Borrowing is paused by the risk admin (emergency switch). Repaying, depositing, withdrawing and liquidations keep working.
        </p>
      )}

      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label={t("supplied")} testId="supplied">
          {amount(market.totalSupplyAssets)}
        </Stat>
        <Stat label={t("borrowed")} testId="borrowed">
          {amount(market.totalBorrows)}
        </Stat>
        <Stat label={t("liquidity")} testId="liquidity">
          {amount(market.cash)}
        </Stat>
        <Stat label={t("utilization")} testId="utilization" hint={t("kink", { kink: f.percent(market.rateModel.kink, 0) })}>
          {f.percent(market.utilization)}
        </Stat>
        <Stat label={t("supplyApr")} testId="supply-apr">
          <span className="text-emerald-300">{f.apr(market.supplyRate)}</span>
        </Stat>
        <Stat label={t("borrowApr")} testId="borrow-apr">
          <span className="text-pink-300">{f.apr(market.borrowRate)}</span>
        </Stat>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          <RateChart market={market} />
        </div>
        <div className="min-w-0 lg:col-span-2">
          {deployed && <LendPanel chain={chain} market={market} lenderVault={deployed.lenderVault} symbol={symbol} />}
        </div>
      </div>

      <MarketHistory chainId={chain.id} market={market.market} baseDecimals={dec} symbol={symbol} assetOf={assetOf} />
      <CollateralsTable market={market} symbolOf={symbolOf} />
      <PendingChanges market={market} symbolOf={symbolOf} />

      <p className="text-xs text-slate-400">
        {t.rich("footer", {
          reserve: f.percent(market.reserveFactor, 0),
          fee: market.flashFeeBps.toString(),
          delay: f.age(Number(market.riskDelay)),
          admin: shortAddress(market.riskAdmin),
          mono: (c) => <span className="font-mono">{c}</span>,
        })}{" "}
        {t.rich(market.guardian !== zeroAddress ? "governanceGuardian" : "governance", {
          governor: shortAddress(market.governor),
          guardian: shortAddress(market.guardian),
          mono: (c) => <span className="font-mono">{c}</span>,
        })}
        {market.totalBadDebt > 0n && <> · {t("badDebt", { amount: amount(market.totalBadDebt) })}</>}
      </p>
    </article>
  );
});
