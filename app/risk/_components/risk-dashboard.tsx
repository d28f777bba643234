"use client";
import { useTranslations } from "next-intl";
import { indexerOff, useIndexerReason } from "@/components/indexer-reason";
import dynamic from "next/dynamic";
import { memo, useCallback, useMemo, useState } from "react";
import type { Address } from "viem";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useRiskBook, type RiskBookSource } from "@/hooks/use-risk-book";
import { useVolatility } from "@/hooks/use-volatility";
import { useDrawn } from "@/hooks/use-drawn";
import { useChainDown } from "@/hooks/use-chain-down";
import { chainUnavailable } from "@/lib/config/chains";
import { RemoteCollateralNote } from "@/components/held-on-another-chain";
import { assetSymbol } from "@/lib/config/deployment";
import { BOOK_PAGE_SIZE, type RiskBook } from "@/lib/analytics/risk-book";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensMarket } from "@/lib/read/vaults";
import type { Volatility } from "@/lib/analytics/volatility";
import { vaultHref } from "@/lib/protocols/href";
import { bookTargetKey, type BookTarget } from "@/lib/protocols/book-target";
import { BookRiskView, ProtocolBookLoading, Stat } from "./book-risk-view";
import { Deferred } from "@/components/chart-placeholder";
import { PanelBoundary } from "@/components/panel-boundary";

/** A lower panel's box while its code loads (the height of its `Deferred` placeholder). */
const PanelLoading = () => <div className="min-h-40" aria-hidden />;

// The private pool's aggregate needs the note code (Poseidon and the Merkle tree, for the owner's own health): it loads
// with the book's second pass instead of with the page.
const PrivatePoolRisk = dynamic(() => import("@/components/privacy/private-pool-risk").then((m) => m.PrivatePoolRisk), {
  ssr: false,
  // While its code loads, its box keeps its height: empty, it would collapse and the table below would jump twice.
  loading: () => <PanelLoading />,
});

// The steward's panel sits below the book, its charts, the stress test and the odds: its code (the risk model's reads,
// their ABIs, a chart per collateral) loads when a reader scrolls near it, as its reads already did.
const StewardPanel = dynamic(() => import("./steward-panel").then((m) => m.StewardPanel), {
  ssr: false,
  loading: () => <PanelLoading />,
});

// An Aave pool's or a Morpho market's book (its readers, the protocols' ABIs and math) loads when one is picked: the page
// opens on a Keel market.
const ProtocolRisk = dynamic(() => import("./protocol-risk").then((m) => m.ProtocolRisk), {
  ssr: false,
  loading: () => <ProtocolBookLoading />,
});

/**
 * The protocol's risk, market by market: every vault from the indexer's compact book (or the chain's lens pages when
 * the indexer cannot serve it), stress-tested live in the browser.
 */
export function RiskDashboard() {
  const t = useTranslations("risk");
  const chains = useKeelChains();
  // Keel's markets, then the chain's Aave pool and its Morpho markets (their books read from the protocols' events).
  const options: RiskOption[] = chains.flatMap((chain): RiskOption[] => {
    if (chainUnavailable(chain)) return [];
    const d = chain.deployment!;
    const targets: { target: BookTarget; name: string }[] = [
      ...(d.aaveV3 ? [{ target: { protocol: "aave-v3" } as const, name: "Aave v3" }] : []),
      ...(d.morphoBlue?.markets ?? []).map((m) => ({ target: { protocol: "morpho-blue", marketId: m.id } as const, name: `Morpho ${m.name}` })),
    ];
    return [
      ...d.markets.map((m): RiskOption => ({ kind: "keel", chain, name: m.name, market: m.address, value: `${chain.id}:${m.address}` })),
      ...targets.map(({ target, name }): RiskOption => ({ kind: "protocol", chain, name, target, value: `${chain.id}:${bookTargetKey(target)}` })),
    ];
  });
  const [selected, setSelected] = useState<string | null>(null);
  const current = options.find((o) => o.value === selected) ?? options[0];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-400">{t("intro")}</p>
        </div>
        {options.length > 0 && (
          <label className="flex min-w-0 max-w-full items-center gap-2 text-sm text-slate-300">
            {t("market")}
            <select
              data-testid="risk-market-select"
              value={current?.value}
              onChange={(e) => setSelected(e.target.value)}
              className="min-w-0 max-w-full rounded-md border border-slate-700 bg-slate-900 px-2 py-1.5 text-sm"
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.name} · {o.chain.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {current?.kind === "keel" ? (
        <MarketRisk key={current.value} chain={current.chain} market={current.market} />
      ) : current ? (
        <PanelBoundary key={current.value}>
          <ProtocolRisk chain={current.chain} target={current.target} />
        </PanelBoundary>
      ) : (
        <p className="rounded-lg border border-rose-800 bg-rose-950/40 p-4 text-sm text-rose-200">
          {t("noMarket", { reasons: chains.map((c) => `${c.name}: ${chainUnavailable(c) ?? t("noMarkets")}`).join("; ") })}
        </p>
      )}
    </div>
  );
}

/** One entry of the book picker: a Keel market, or an Aave pool / Morpho market. */
type RiskOption = { chain: ChainConfig; name: string; value: string } & (
  { kind: "keel"; market: Address } | { kind: "protocol"; target: BookTarget }
);

function MarketRisk({ chain, market }: { chain: ChainConfig; market: Address }) {
  const t = useTranslations("risk");
  const q = useRiskBook(chain, market);
  const vols = useVolatility(chain);
  // The book (first and at each refresh) and the volatilities are drawn in a background render (hooks/use-drawn.ts):
  // mounting the whole view was one long task on a phone. Until the first book is drawn, the loading line stays.
  const { drawn: data, catchingUp } = useDrawn(q.data);
  const { drawn: volsData, catchingUp: volsCatchingUp } = useDrawn(vols.data);
  const { refetch } = q;
  const retry = useCallback(() => void refetch(), [refetch]);
  // The book refreshes every 30 s; the chain's block poll says within seconds that the RPC stopped answering, and the
  // book is read again as soon as it answers.
  const down = useChainDown(chain.id, retry);
  if (q.isPending || catchingUp)
    return (
      <p className="text-sm text-slate-400" data-testid="risk-loading">
        {t("loading")}
      </p>
    );
  if (!data) return <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={0} hasData={false} onRetry={retry} />;
  return (
    <>
      {(q.error || down) && (
        <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={q.dataUpdatedAt} hasData onRetry={retry} />
      )}
      <MarketRiskView
        chain={chain}
        view={data.market}
        book={data.book}
        loadMs={data.loadMs}
        source={data.source}
        sigmas={volsData?.sigmas}
        volsPending={vols.isPending || volsCatchingUp}
        byAsset={volsData?.byAsset}
      />
    </>
  );
}

const MarketRiskView = memo(function MarketRiskView({
  chain,
  view,
  book,
  loadMs,
  source,
  sigmas,
  byAsset,
  volsPending,
}: {
  chain: ChainConfig;
  view: LensMarket;
  book: RiskBook;
  loadMs: number;
  source: RiskBookSource;
  sigmas: Record<string, number | null> | undefined;
  byAsset: Record<string, Volatility | null> | undefined;
  volsPending: boolean;
}) {
  const t = useTranslations("risk");
  const reason = useIndexerReason();
  const f = useFormat();
  const symbolOf = useCallback((a: string) => assetSymbol(chain, a), [chain]);
  const baseSymbol = symbolOf(view.baseAsset);
  // Stable across renders: the odds recompute only when the book or the volatilities do. Every vault owes the base asset.
  const debtSigma = useCallback((s: Record<string, number | null>) => s[view.baseAsset.toLowerCase()] ?? null, [view.baseAsset]);
  const hrefOf = useCallback((b: RiskBook, i: number) => vaultHref(chain.id, b.market, BigInt(b.ids[i]!)), [chain.id]);
  const labelOf = useCallback((b: RiskBook, i: number) => `#${b.ids[i]}`, []);
  const withDebt = useMemo(() => book.debtValue.reduce((a, d) => a + (d > 0 ? 1 : 0), 0), [book]);
  const liquidatableNow = useMemo(() => book.liquidatableNow.reduce((a, b) => a + b, 0), [book]);
  const debtAssets = useMemo(() => (withDebt > 0 ? [view.baseAsset] : []), [withDebt, view.baseAsset]);
  const unpriced = book.priceOk.some((ok) => !ok) || !book.baseOk;
  return (
    <BookRiskView
      book={book}
      symbolOf={symbolOf}
      debtAssets={debtAssets}
      debtSigma={debtSigma}
      sigmas={sigmas}
      byAsset={byAsset}
      volsPending={volsPending}
      debtUnit={{ decimals: view.baseDecimals, symbol: baseSymbol }}
      hrefOf={hrefOf}
      labelOf={labelOf}
      notices={
        <>
          <RemoteCollateralNote chain={chain} assets={book.assets} value={book.value} />
          {unpriced && (
            <div role="alert" className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
              {t("unpriced", {
                assets: [...book.assets.filter((_, j) => !book.priceOk[j]), ...(book.baseOk ? [] : [view.baseAsset])].map(symbolOf).join(", "),
              })}
            </div>
          )}
          {source.kind === "rpc" &&
            // An app run without an indexer is a setting, not a fault: said plainly, not as a warning.
            (indexerOff(source.why) ? (
              <p role="status" className="text-xs text-slate-400" data-testid="risk-fallback" data-detail={source.detail}>
                {t("fromChain")}
              </p>
            ) : (
              <div
                role="status"
                className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200"
                data-testid="risk-fallback"
                data-detail={source.detail}
              >
                {t("fallback", { reason: reason(source.why) })}
              </div>
            ))}
        </>
      }
      stats={
        <>
          <Stat
            label={t("stat.vaults")}
            testId="total-vaults"
            value={f.number(book.n, 0)}
            sub={t("stat.withDebt", { count: f.number(withDebt, 0) })}
          />
          <Stat label={t("stat.liquidatableNow")} testId="total-liquidatable" value={f.number(liquidatableNow, 0)} alarm={liquidatableNow > 0} />
          <Stat label={t("stat.collateralValue")} testId="total-collateral" value={f.usd(book.totals.collateralValue)} />
          <Stat
            label={t("stat.debt")}
            testId="total-debt"
            value={f.usd(book.totals.debtValue)}
            sub={f.token(view.totalBorrows, view.baseDecimals, baseSymbol, 0)}
          />
          <Stat label={t("stat.supplied")} testId="total-supplied" value={f.token(view.totalSupplyAssets, view.baseDecimals, baseSymbol, 0)} />
          <Stat label={t("stat.utilization")} testId="total-utilization" value={f.percent(view.utilization)} />
          <Stat label={t("stat.reserves")} testId="total-reserves" value={f.token(view.totalReserves, view.baseDecimals, baseSymbol, 2)} />
          <Stat
            label={t("stat.badDebt")}
            testId="total-bad-debt"
            value={f.token(view.totalBadDebt, view.baseDecimals, baseSymbol, 2)}
            alarm={view.totalBadDebt > 0n}
          />
        </>
      }
      loadLine={
        <p className="-mt-3 text-xs text-slate-400" data-testid="risk-load" data-source={source.kind} data-load-ms={Math.round(loadMs)}>
          {loadLine(t, f, book.n, source, loadMs)}
        </p>
      }
      after={
        <>
          <Deferred id="steward" placeholder="min-h-40" margin="800px">
            <StewardPanel chain={chain} view={view} />
          </Deferred>
          {/* In the second pass, below the odds, and only when a reader scrolls near it (its reads, Poseidon and the tree
              need not hold up the first screen): appearing there, it moves nothing already on screen (CLS). */}
          {chain.deployment?.privatePool && (
            <Deferred id="private-pool" placeholder="min-h-40">
              <PrivatePoolRisk />
            </Deferred>
          )}
        </>
      }
    />
  );
});

/**
 * /risk's load line: where the book came from, how many vaults and how long it took; for a book from the indexer, the
 * vaults the indexer has not reached as a sentence of its own. A count goes in twice: the number a message's plural
 * chooses by, and the text shown (lib/view/format.ts; a message's own `#` would build an Intl.NumberFormat,
 * lib/view/messages.test.ts).
 */
function loadLine(
  t: ReturnType<typeof useTranslations<"risk">>,
  f: ReturnType<typeof useFormat>,
  vaults: number,
  source: RiskBookSource,
  loadMs: number,
): string {
  const count = { count: vaults, countText: f.number(vaults, 0), seconds: f.number(loadMs / 1000, 2) };
  if (source.kind === "rpc") {
    const pages = Math.ceil(vaults / BOOK_PAGE_SIZE) || 1;
    return t("loadRpc", { ...count, pages, pagesText: f.number(pages, 0) });
  }
  const load = t("loadIndexer", { ...count, block: source.block.toString() });
  if (source.notIndexed <= 0) return load;
  return t("loadAndBehind", { load, behind: t("notIndexed", { count: source.notIndexed, countText: f.number(source.notIndexed, 0) }) });
}
