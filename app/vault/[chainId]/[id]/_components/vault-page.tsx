"use client";
import Link from "next/link";
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { HealthBadge } from "@/components/health-badge";
import { LiquidationOdds } from "@/components/liquidation-odds";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useVault, useWalletTokens } from "@/hooks/use-vault";
import { useVaultHistory } from "@/hooks/use-vault-history";
import { findAsset } from "@/lib/deployment";
import { formatHealthFactor, formatPercent, formatToken, formatUsd, shortAddress } from "@/lib/format";
import { feedStatus } from "@/lib/oracle";
import { INFINITE_HEALTH, WAD } from "@/lib/risk";
import type { ChainConfig } from "@/lib/server/config";
import { summarizeVault, unpricedAssets } from "@/lib/vault-summary";
import { toPosition } from "@/lib/vaults";
import { resolveVaultRoute } from "@/lib/vault-route";
import { failingSinceLastSuccess } from "@/lib/query-state";
import { MultiplyPanel } from "@/components/multiply/multiply-panel";
import { ActionPanel } from "./action-panel";
import { CompositionChart } from "./composition-chart";
import { HealthPriceChart } from "./health-price-chart";
import { HistoryChart } from "./history-chart";
import { ProtectionPanel } from "./protection-panel";
import { Timeline } from "./timeline";
import { useSafetyLevel } from "./use-safety-level";

function Problem({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-800 bg-slate-900/60 p-8 text-center">
      <p className="text-slate-300">{children}</p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-300 hover:underline">
        ← Back to your vaults
      </Link>
    </div>
  );
}

export function VaultPage({ chainIdParam, idParam, marketParam }: { chainIdParam: string; idParam: string; marketParam?: string }) {
  const route = resolveVaultRoute(useKeelChains(), chainIdParam, idParam, marketParam);
  if (!route.ok) return <Problem>{route.problem}</Problem>;
  return <VaultView key={`${route.chain.id}-${route.market}-${idParam}`} chain={route.chain} marketAddress={route.market} id={route.id} />;
}

function VaultView({ chain, marketAddress, id }: { chain: ChainConfig; marketAddress: Address; id: bigint }) {
  const { address } = useAccount();
  const q = useVault(chain, marketAddress, id);
  const deployed = chain.deployment!.markets.find((m) => m.address === marketAddress)!;
  const wallet = useWalletTokens(chain, marketAddress, [...deployed.collaterals, deployed.baseAsset], address);
  const safety = useSafetyLevel();
  const exists = Boolean(q.data && q.data.vault.owner !== "0x0000000000000000000000000000000000000000");
  const history = useVaultHistory(chain, marketAddress, id, exists);

  if (q.isPending && !failingSinceLastSuccess(q)) return <p className="text-sm text-slate-400">Reading vault #{id.toString()}…</p>;
  if (!q.data) {
    return (
      <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="vault data" updatedAt={0} hasData={false} onRetry={() => void q.refetch()} />
    );
  }
  if (!exists) return <Problem>Vault #{id.toString()} does not exist in {deployed.name}.</Problem>;

  const { vault, market } = q.data;
  const position = toPosition(vault, market);
  const s = summarizeVault(vault);
  const unpriced = unpricedAssets(vault, market.baseFeed.status);
  const base = findAsset(chain.deployment, market.baseAsset);
  const baseSymbol = base?.symbol ?? "base";
  const symbolOf = (a: Address) => findAsset(chain.deployment, a)?.symbol ?? shortAddress(a);
  const isOwner = address?.toLowerCase() === vault.owner.toLowerCase();
  const belowSafety = vault.debt > 0n && vault.pricesOk && vault.healthFactor < safety.value;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <Link href="/" className="text-xs text-slate-400 hover:text-sky-300">
            ← Your vaults
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            Vault #{id.toString()}
            <span className="text-base font-normal text-slate-400">
              {deployed.name} · {chain.name}
            </span>
          </h1>
          <p className="mt-1 text-xs text-slate-500">
            Owner {shortAddress(vault.owner)}
            {isOwner ? " (you)" : address ? " — not your vault: you can deposit or repay for it, not borrow or withdraw" : ""}
          </p>
        </div>
        <div className="text-right" data-testid="vault-health">
          <HealthBadge band={s.band} healthFactor={s.healthFactor} size="lg" />
        </div>
      </div>

      {q.error && (
        <RpcErrorBanner
          chainName={chain.name}
          rpcUrl={chain.rpcUrl}
          what="vault data"
          updatedAt={q.dataUpdatedAt}
          hasData
          onRetry={() => void q.refetch()}
        />
      )}
      {unpriced.length > 0 && (
        <div role="alert" data-testid="oracle-paused" className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
          {unpriced.map((u) => (
            <div key={u.asset}>
              <b>{symbolOf(u.asset)}</b> price {feedStatus(u.status).label.toLowerCase()}: {feedStatus(u.status).why}.
            </div>
          ))}
          <div>
            Borrowing{vault.debt > 0n ? " and withdrawing are" : " is"} paused until it is fresh; deposits and repayments still work.
          </div>
        </div>
      )}
      {vault.liquidatable ? (
        <div role="alert" data-testid="vault-warning" className="rounded-lg border border-rose-700 bg-rose-950/50 px-4 py-2 text-sm text-rose-200">
          Health factor {formatHealthFactor(vault.healthFactor)} is below 1: this vault can be liquidated now. Repay debt or add
          collateral.
        </div>
      ) : (
        belowSafety && (
          <div role="alert" data-testid="vault-warning" className="rounded-lg border border-orange-700 bg-orange-950/40 px-4 py-2 text-sm text-orange-200">
            Health factor {formatHealthFactor(vault.healthFactor)} is below your safety level {formatHealthFactor(safety.value)}.
          </div>
        )
      )}

      <div className={`grid grid-cols-2 gap-3 md:grid-cols-6 ${q.error ? "opacity-60" : ""}`} data-testid="vault-stats">
        <Stat label="Health factor" testId="stat-health" value={vault.debt > 0n && !vault.pricesOk ? "—" : formatHealthFactor(vault.healthFactor)} />
        <Stat label="Debt" testId="stat-debt" value={formatToken(vault.debt, market.baseDecimals, baseSymbol)} sub={formatUsd(vault.debtValue)} />
        <Stat
          label="Collateral"
          testId="stat-collateral"
          value={formatUsd(vault.collateralValue)}
          sub={vault.collaterals.some((c) => c.amount > 0n && c.status !== 0) ? "unpriced assets not counted" : undefined}
        />
        <Stat label="Can borrow" testId="stat-capacity" value={formatToken(vault.borrowCapacity, market.baseDecimals, baseSymbol)} />
        <Stat label="Borrow limit used" testId="stat-limit-used" value={s.borrowLimitUsed === INFINITE_HEALTH ? "—" : formatPercent(s.borrowLimitUsed)} />
        <Stat label="Closest to liquidation" testId="stat-distance" value={s.minDistance === null ? "—" : formatPercent(s.minDistance, 1)} />
      </div>

      <LiquidationOdds chain={chain} vault={vault} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="space-y-3">
          <ActionPanel
            chain={chain}
            vault={vault}
            market={market}
            position={position}
            wallet={wallet.data}
            safety={safety.value}
            unpriced={unpriced}
            stale={Boolean(q.error)}
          />
          <label className="flex items-center justify-between gap-3 rounded-lg border border-slate-800 bg-slate-900/40 px-4 py-2 text-sm">
            <span className="text-slate-300">
              Safety level <span className="text-xs text-slate-500">— Max keeps the health factor at or above it; warnings below it</span>
            </span>
            <input
              aria-label="Safety health factor"
              data-testid="safety-input"
              value={safety.text}
              onChange={(e) => safety.set(e.target.value)}
              className={`w-20 rounded-md border bg-slate-950 px-2 py-1 text-right font-mono ${safety.valid ? "border-slate-700" : "border-rose-600"}`}
            />
          </label>
          {!safety.valid && <p className="text-xs text-rose-300">Enter a health factor from 1 to 100 (using {formatHealthFactor(safety.value)}).</p>}
          {isOwner && chain.deployment!.contracts.leverageRouter && (
            <MultiplyPanel key={`${vault.id}-${vault.debt === 0n}`} chain={chain} market={market} vault={vault} />
          )}
        </div>
        <div className="space-y-3">
          <div className="overflow-x-auto rounded-xl border border-slate-800">
            <table className="w-full text-sm" data-testid="vault-collaterals">
              <thead className="bg-slate-900 text-left text-xs uppercase tracking-wide text-slate-400">
                <tr>
                  <th className="px-4 py-2">Collateral</th>
                  <th className="px-4 py-2 text-right">Amount</th>
                  <th className="px-4 py-2 text-right">Price</th>
                  <th className="px-4 py-2 text-right">Liq. price</th>
                  <th className="px-4 py-2 text-right">Distance</th>
                </tr>
              </thead>
              <tbody>
                {s.collaterals.length === 0 && (
                  <tr>
                    <td colSpan={5} className="px-4 py-3 text-slate-500">
                      No collateral in this vault.
                    </td>
                  </tr>
                )}
                {s.collaterals.map((c) => {
                  const info = market.collaterals.find((m) => m.info.asset === c.asset)?.info;
                  return (
                    <tr key={c.asset} className="border-t border-slate-800" data-testid={`collateral-${symbolOf(c.asset)}`}>
                      <td className="px-4 py-2">
                        <div className="font-medium">{symbolOf(c.asset)}</div>
                        {info && (
                          <div className="text-xs text-slate-500">
                            LTV {formatPercent(BigInt(info.ltv), 0)} · LT {formatPercent(BigInt(info.liquidationThreshold), 0)}
                          </div>
                        )}
                      </td>
                      <td className="px-4 py-2 text-right font-mono tabular-nums" data-testid="amount">
                        {formatToken(c.amount, c.decimals, symbolOf(c.asset))}
                        <div className="text-xs text-slate-500">{c.status === 0 ? formatUsd(c.value) : ""}</div>
                      </td>
                      <td className="px-4 py-2 text-right font-mono tabular-nums">
                        {c.status === 0 ? formatUsd(c.price) : <span className="text-amber-300">{feedStatus(c.status).label}</span>}
                      </td>
                      <td className="px-4 py-2 text-right font-mono tabular-nums" data-testid="liq-price">
                        {c.liquidationPrice > 0n ? formatUsd(c.liquidationPrice) : "—"}
                      </td>
                      <td className="px-4 py-2 text-right font-mono tabular-nums" data-testid="distance">
                        {c.distance === null ? "—" : c.distance === WAD && c.liquidationPrice === 0n ? "—" : formatPercent(c.distance, 1)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <HealthPriceChart
            position={position}
            assets={market.collaterals.map((c) => ({ address: c.info.asset, symbol: symbolOf(c.info.asset) }))}
            safety={safety.value}
          />
        </div>
      </div>

      <ProtectionPanel chain={chain} vault={vault} market={market} position={position} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <HistoryChart history={history.data} loading={history.isFetching} error={history.error} />
        <CompositionChart items={s.collaterals.map((c) => ({ symbol: symbolOf(c.asset), value: c.value }))} />
      </div>
      <Timeline history={history.data} chainId={chain.id} market={marketAddress} id={id} deployment={chain.deployment!} baseAsset={market.baseAsset} />
    </div>
  );
}

function Stat({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 px-3 py-2.5">
      <div className="text-xs text-slate-400">{label}</div>
      <div className="mt-0.5 font-mono text-sm tabular-nums text-slate-100" data-testid={testId}>
        {value}
      </div>
      {sub && <div className="text-xs text-slate-500">{sub}</div>}
    </div>
  );
}
