"use client";
import type { ReactNode } from "react";
import { zeroAddress } from "viem";
import { FeedStatusBadge } from "@/components/feed-status-badge";
import { formatAge, formatApr, formatPercent, formatToken, formatUsd, shortAddress } from "@/lib/format";
import { feedStatus } from "@/lib/oracle";
import type { ChainConfig } from "@/lib/server/config";
import type { LensMarket } from "@/lib/vaults";
import { CollateralsTable } from "./collaterals-table";
import { LendPanel } from "./lend-panel";
import { PendingChanges } from "./pending-changes";
import { MarketHistory } from "./market-history";
import { RateChart } from "./rate-chart";

function Stat({ label, testId, children, hint }: { label: string; testId: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-lg bg-slate-900/60 px-3 py-2">
      <div className="text-xs text-slate-400">{label}</div>
      <div className="mt-0.5 font-mono text-base tabular-nums" data-testid={testId}>
        {children}
      </div>
      {hint && <div className="text-xs text-slate-500">{hint}</div>}
    </div>
  );
}

/** One market: its totals and rates, rate curve, collaterals, pending risk changes, and the lend form. */
export function MarketCard({ chain, market, now, stale }: { chain: ChainConfig; market: LensMarket; now: number; stale: boolean }) {
  const assets = new Map((chain.deployment?.assets ?? []).map((a) => [a.address.toLowerCase(), a]));
  const symbolOf = (a: string) => assets.get(a.toLowerCase())?.symbol;
  const symbol = symbolOf(market.baseAsset) ?? shortAddress(market.baseAsset);
  const dec = market.baseDecimals;
  const base = feedStatus(market.baseFeed.status);
  const amount = (v: bigint) => formatToken(v, dec, symbol, 2);
  return (
    <article
      className={`space-y-4 rounded-2xl border border-slate-800 bg-slate-950/40 p-5 ${stale ? "opacity-60" : ""}`}
      data-testid={`market-${symbol}`}
      aria-label={market.name}
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">
            {market.name} <span className="text-sm font-normal text-slate-400">· lend {symbol}</span>
          </h2>
          <p className="font-mono text-xs text-slate-500" title={market.market}>
            {shortAddress(market.market)} · {market.vaultCount.toString()} vaults
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm" data-testid="base-feed" data-status={base.key}>
          <span className="text-slate-400">{symbol} oracle</span>
          <span className="font-mono tabular-nums" data-testid="price">
            {base.key === "ok" ? formatUsd(market.baseFeed.price) : "—"}
          </span>
          <span className="text-xs text-slate-400" data-testid="age">
            {market.baseFeed.updatedAt > 0n ? `${formatAge(now - Number(market.baseFeed.updatedAt))} ago` : ""}
          </span>
          <FeedStatusBadge status={market.baseFeed.status} />
        </div>
      </header>
      {base.key !== "ok" && (
        <p role="alert" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
          The {symbol} price is unavailable ({base.why}): borrowing and withdrawals against it are paused until it recovers.
        </p>
      )}
      {market.borrowPaused && (
        <p role="status" data-testid="borrow-paused" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
          Borrowing is paused by the risk admin (emergency switch). Repaying, depositing, withdrawing and liquidations keep working.
        </p>
      )}

      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Supplied" testId="supplied">
          {amount(market.totalSupplyAssets)}
        </Stat>
        <Stat label="Borrowed" testId="borrowed">
          {amount(market.totalBorrows)}
        </Stat>
        <Stat label="Free liquidity" testId="liquidity">
          {amount(market.cash)}
        </Stat>
        <Stat label="Utilization" testId="utilization" hint={`kink ${formatPercent(market.rateModel.kink, 0)}`}>
          {formatPercent(market.utilization)}
        </Stat>
        <Stat label="Supply APR" testId="supply-apr">
          <span className="text-emerald-300">{formatApr(market.supplyRate)}</span>
        </Stat>
        <Stat label="Borrow APR" testId="borrow-apr">
          <span className="text-pink-300">{formatApr(market.borrowRate)}</span>
        </Stat>
      </div>

      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <RateChart market={market} />
        </div>
        <div className="lg:col-span-2">
          <LendPanel chain={chain} market={market} symbol={symbol} />
        </div>
      </div>

      <MarketHistory chainId={chain.id} market={market.market} baseDecimals={dec} symbol={symbol} symbolOf={symbolOf} />
      <CollateralsTable market={market} symbolOf={symbolOf} now={now} />
      <PendingChanges market={market} symbolOf={symbolOf} now={now} />

      <p className="text-xs text-slate-500">
        Reserve factor {formatPercent(market.reserveFactor, 0)} · flash-loan fee {market.flashFeeBps.toString()} bps · risk delay{" "}
        {formatAge(Number(market.riskDelay))} · risk admin <span className="font-mono" title={market.riskAdmin}>{shortAddress(market.riskAdmin)}</span>{" "}
        (governed by <span className="font-mono" title={market.governor}>{shortAddress(market.governor)}</span>
        {market.guardian !== zeroAddress && (
          <>
            , guardian <span className="font-mono" title={market.guardian}>{shortAddress(market.guardian)}</span>
          </>
        )}
        )
        {market.totalBadDebt > 0n && <> · bad debt written off {amount(market.totalBadDebt)}</>}
      </p>
    </article>
  );
}
