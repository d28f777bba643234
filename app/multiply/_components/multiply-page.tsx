"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MultiplyPanel } from "@/components/multiply/multiply-panel";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useMarkets } from "@/hooks/use-markets";
import { vaultHref } from "@/app/_components/vault-card";
import { findAsset } from "@/lib/deployment";
import { formatApr, formatPercent, formatToken } from "@/lib/format";

/** Open a leveraged position: pick a chain and market, then the Multiply panel for a new vault. */
export function MultiplyPage() {
  const router = useRouter();
  const all = useMarkets();
  const chains = all.filter((c) => c.chain.deployment?.contracts.leverageRouter && !c.unavailable);
  const [selected, setSelected] = useState<string | null>(null);
  const options = chains.flatMap((c) => (c.markets ?? []).map((m) => ({ key: `${c.chain.id}:${m.market}`, chain: c.chain, market: m })));
  const current = options.find((o) => o.key === selected) ?? options[0];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Multiply</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-400">
          A leveraged long in one signature: deposit collateral, choose the leverage, and Keel&apos;s router flash-borrows the market&apos;s
          asset, buys more collateral, deposits it and borrows to repay the loan — all in one transaction, refused by the chain if it
          would end beyond the maximum loan-to-value. Adjust or close it later from the vault&apos;s page.
        </p>
      </div>

      {chains.length === 0 && (
        <p className="rounded-lg border border-slate-800 bg-slate-900/60 p-6 text-sm text-slate-300">
          No configured chain has Keel&apos;s leverage router deployed (it needs a swap venue). Lending and borrowing work from the{" "}
          <Link href="/" className="text-sky-300 hover:underline">
            dashboard
          </Link>
          .
        </p>
      )}
      {chains.map((c) =>
        c.error ? (
          <RpcErrorBanner
            key={c.chain.id}
            chainName={c.chain.name}
            rpcUrl={c.chain.rpcUrl}
            what="market data"
            updatedAt={c.updatedAt}
            hasData={Boolean(c.markets)}
            onRetry={c.refetch}
          />
        ) : null,
      )}
      {chains.some((c) => c.isPending) && options.length === 0 && <p className="text-sm text-slate-400">Reading the markets…</p>}

      {current && (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="space-y-3">
            <label className="block space-y-1 text-xs text-slate-400">
              <span>Market (what you borrow to buy more collateral)</span>
              <select
                aria-label="Multiply market"
                value={current.key}
                onChange={(e) => setSelected(e.target.value)}
                className="block w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
              >
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.market.name} · {o.chain.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm">
              <dl className="grid grid-cols-2 gap-y-2">
                <dt className="text-slate-400">Borrow rate</dt>
                <dd className="text-right font-mono tabular-nums">{formatApr(current.market.borrowRate)}</dd>
                <dt className="text-slate-400">Available to borrow</dt>
                <dd className="text-right font-mono tabular-nums">
                  {formatToken(current.market.cash, current.market.baseDecimals, findAsset(current.chain.deployment, current.market.baseAsset)?.symbol ?? "")}
                </dd>
                <dt className="text-slate-400">Flash-loan fee</dt>
                <dd className="text-right font-mono tabular-nums">{(Number(current.market.flashFeeBps) / 100).toFixed(2)} %</dd>
                {current.market.collaterals.map((c) => (
                  <div key={c.info.asset} className="contents">
                    <dt className="text-slate-400">{findAsset(current.chain.deployment, c.info.asset)?.symbol} max LTV / liq. threshold</dt>
                    <dd className="text-right font-mono tabular-nums">
                      {formatPercent(BigInt(c.info.ltv), 0)} / {formatPercent(BigInt(c.info.liquidationThreshold), 0)}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            <p className="text-xs text-slate-500">
              Leverage = collateral value ÷ (collateral value − debt). The maximum is set by the collateral&apos;s LTV at your slippage
              bound, the pool&apos;s depth and what the market can lend.
            </p>
          </div>
          <MultiplyPanel
            key={current.key}
            chain={current.chain}
            market={current.market}
            onOpened={(id) => router.push(vaultHref(current.chain.id, current.market.market, id))}
          />
        </div>
      )}
    </div>
  );
}
