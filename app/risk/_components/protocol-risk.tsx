"use client";
import { useTranslations } from "next-intl";
import { memo, useCallback, useMemo } from "react";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { indexerOff, useIndexerReason } from "@/components/indexer-reason";
import { useFormat } from "@/hooks/use-format";
import { useProtocolBook } from "@/hooks/use-protocol-book";
import { useVolatility } from "@/hooks/use-volatility";
import { useDrawn } from "@/hooks/use-drawn";
import { useChainDown } from "@/hooks/use-chain-down";
import { StartBlockUnknownError } from "@/lib/protocols/registry";
import { assetSymbol } from "@/lib/config/deployment";
import type { ChainConfig } from "@/lib/config/chains";
import type { IndexerProblem } from "@/lib/server/indexer";
import { shortAddress } from "@/lib/view/format";
import type { ProtocolBook } from "@/lib/protocols/book";
import type { BookTarget } from "@/lib/protocols/book-target";
import { positionHref } from "@/lib/protocols/href";
import type { RiskBook } from "@/lib/analytics/risk-book";
import { bookDebtSigma } from "@/lib/analytics/stress";
import type { Volatility } from "@/lib/analytics/volatility";
import { BookRiskView, ProtocolBookLoading, Stat } from "./book-risk-view";

/** The Aave pool's or a Morpho market's book, read from the protocol (lib/protocols/book.ts), in the same risk view. */
export function ProtocolRisk({ chain, target }: { chain: ChainConfig; target: BookTarget }) {
  const t = useTranslations("risk");
  const q = useProtocolBook(chain, target);
  const vols = useVolatility(chain);
  // Drawn in background renders, as a Keel market's book (risk-dashboard.tsx MarketRisk).
  const { drawn: data, catchingUp } = useDrawn(q.data);
  const { drawn: volsData, catchingUp: volsCatchingUp } = useDrawn(vols.data);
  const { refetch } = q;
  const retry = useCallback(() => void refetch(), [refetch]);
  // The book refreshes every 30 s; the chain's block poll says within seconds that the RPC stopped answering, and the
  // book is read again as soon as it answers.
  const down = useChainDown(chain.id, retry);
  if (q.isPending || catchingUp) return <ProtocolBookLoading />;
  if (!data)
    return (
      <div className="space-y-2">
        <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={0} hasData={false} onRetry={retry} />
        {q.error instanceof StartBlockUnknownError ? (
          <p className="text-xs text-slate-400" data-testid="risk-error-detail">
            {t("protocol.startBlockUnknown", { key: q.error.protocol === "aave-v3" ? "aaveV3.startBlock" : "morphoBlue.startBlock" })}
          </p>
        ) : (
          q.error && (
            <p className="text-xs text-slate-400" data-testid="risk-error-detail">
              {q.error.message.split("\n")[0]}
            </p>
          )
        )}
      </div>
    );
  return (
    <>
      {(q.error || down) && (
        <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="marketVaults" updatedAt={q.dataUpdatedAt} hasData onRetry={retry} />
      )}
      <ProtocolRiskView
        chain={chain}
        data={data}
        sigmas={volsData?.sigmas}
        byAsset={volsData?.byAsset}
        volsPending={vols.isPending || volsCatchingUp}
      />
    </>
  );
}

const ProtocolRiskView = memo(function ProtocolRiskView({
  chain,
  data,
  sigmas,
  byAsset,
  volsPending,
}: {
  chain: ChainConfig;
  data: ProtocolBook & { loadMs: number; indexerWhy?: string | undefined; indexerWhyCode?: IndexerProblem | undefined };
  sigmas: Record<string, number | null> | undefined;
  byAsset: Record<string, Volatility | null> | undefined;
  volsPending: boolean;
}) {
  const t = useTranslations("risk");
  const reason = useIndexerReason();
  const f = useFormat();
  const { book, positions } = data;
  // Symbols as the protocol names its tokens (collaterals, and every debt asset of the book).
  const symbols = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of data.columns) m.set(c.address.toLowerCase(), c.symbol);
    for (const p of positions) for (const x of [...p.collaterals, ...p.debts]) m.set(x.token.address.toLowerCase(), x.token.symbol);
    return m;
  }, [data.columns, positions]);
  const symbolOf = useCallback((a: string) => symbols.get(a.toLowerCase()) ?? assetSymbol(chain, a), [symbols, chain]);
  const debtSigma = useCallback(
    (s: Record<string, number | null>) => Float64Array.from({ length: book.n }, (_, i) => bookDebtSigma(data.debts[i] ?? [], s) ?? NaN),
    [data.debts, book],
  );
  const debtAssets = useMemo(() => [...new Set(data.debts.flat().map((d) => d.asset))], [data.debts]);
  // From the row's owner (the book's rows are its positions: one pool or market, one owner each), so a row of the
  // previous book, still shown while a refreshed one's figures are computed, links to its own position.
  const target = positions[0];
  const hrefOf = useCallback((b: RiskBook, i: number) => positionHref({ ...target!, owner: b.owners[i]! }), [target]);
  const labelOf = useCallback((b: RiskBook, i: number) => shortAddress(b.owners[i]!), []);
  const withDebt = useMemo(() => book.debtValue.reduce((a, d) => a + (d > 0 ? 1 : 0), 0), [book]);
  const liquidatableNow = useMemo(() => book.liquidatableNow.reduce((a, b) => a + b, 0), [book]);
  return (
    <BookRiskView
      book={book}
      symbolOf={symbolOf}
      debtAssets={debtAssets}
      debtSigma={debtSigma}
      sigmas={sigmas}
      byAsset={byAsset}
      volsPending={volsPending}
      debtUnit={data.debtUnit}
      hrefOf={hrefOf}
      labelOf={labelOf}
      rowLabel={t("protocol.position")}
      notices={null}
      stats={
        <>
          <Stat
            label={t("protocol.positions")}
            testId="total-vaults"
            value={f.number(book.n, 0)}
            sub={t("stat.withDebt", { count: f.number(withDebt, 0) })}
          />
          <Stat label={t("stat.liquidatableNow")} testId="total-liquidatable" value={f.number(liquidatableNow, 0)} alarm={liquidatableNow > 0} />
          <Stat label={t("stat.collateralValue")} testId="total-collateral" value={f.usd(book.totals.collateralValue)} />
          <Stat label={t("stat.debt")} testId="total-debt" value={f.usd(book.totals.debtValue)} />
        </>
      }
      loadLine={
        <p
          className="-mt-3 text-xs text-slate-400"
          data-testid="risk-load"
          data-source={data.indexed ? "indexer" : "events"}
          data-load-ms={Math.round(data.loadMs)}
          data-log-pages={data.paging.pages}
          data-calls={data.calls}
        >
          {t(data.indexed ? "protocol.loadIndexed" : "protocol.load", {
            count: f.number(book.n, 0),
            accounts: f.number(data.accounts, 0),
            indexed: f.number(data.indexed?.accounts ?? 0, 0),
            through: (data.indexed?.throughBlock ?? 0n).toString(),
            from: data.paging.fromBlock.toString(),
            to: data.paging.toBlock.toString(),
            pages: f.number(data.paging.pages, 0),
            calls: f.number(data.calls, 0),
            seconds: f.number(data.loadMs / 1000, 2),
          })}
          {indexerOff(data.indexerWhyCode) ? null : data.indexerWhy ? (
            <span className="block">{t("protocol.noIndexer", { why: reason(data.indexerWhyCode, data.indexerWhy) })}</span>
          ) : null}
        </p>
      }
    />
  );
});
