"use client";
import { useTranslations } from "next-intl";
import { memo, useEffect, useRef } from "react";
import { useNearViewport } from "@/components/chart-placeholder";
import { useFormat } from "@/hooks/use-format";
import { useRiskSteward, useStewardChanges, type StewardChangeRow, type StewardCollateralRow } from "@/hooks/use-risk-steward";
import { DEFAULT_POLICY, horizonSeconds } from "@/lib/risk-model/model";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensMarket } from "@/lib/read/vaults";
import { StewardChart } from "./steward-chart";
import { sameAddress } from "@/lib/config/address";

const toWad = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n;

/**
 * The risk steward on /risk, for the selected market: per collateral its parameters now, the risk model's
 * recommendation and its inputs (lib/risk-model), what the steward would propose next and when it may, its pending and
 * past changes with the inputs recorded on-chain, and volatility against the threshold over time.
 */
export const StewardPanel = memo(function StewardPanel({ chain, view }: { chain: ChainConfig; view: LensMarket }) {
  const t = useTranslations("riskSteward");
  // Read when the panel comes within a screen of view: it sits below the book, its charts and the stress test.
  const [box, near] = useNearViewport<HTMLElement>("800px");
  const q = useRiskSteward(chain, near);
  const status = useStewardChanges(chain, near);
  const f = useFormat();
  const rows = q.data?.collaterals.filter((c) => sameAddress(c.inputs.market, view.market)) ?? [];
  const changes = status.data?.changes ?? [];
  const pendingIds = status.data?.pendingIds ?? [];
  // The inputs are read once a minute, the changes on every block: when a change is proposed, executed or cancelled,
  // read the inputs again too (the parameters in force, the steward's next step and when it may act).
  const statusKey = status.data ? `${pendingIds.join(",")}|${changes.map((c) => `${c.changeId}:${c.executedAt}`).join(",")}` : "";
  const { refetch } = q;
  const read = q.data !== undefined; // a refetch would start the read even while it is held back (`enabled` false)
  const seenKey = useRef(statusKey);
  useEffect(() => {
    const before = seenKey.current;
    seenKey.current = statusKey;
    if (before !== "" && before !== statusKey && read) void refetch();
  }, [statusKey, read, refetch]);
  return (
    <section
      ref={box}
      className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm"
      aria-labelledby="steward-title"
      data-testid="steward-panel"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="steward-title" className="text-sm font-medium uppercase tracking-wide text-slate-400">
          {t("title")}
        </h2>
        {q.data && (
          <span className="text-xs text-slate-400" data-testid="steward-rules">
            {q.data.steward
              ? t("rules", {
                  step: f.percent(q.data.maxStep, 0),
                  interval: f.age(Number(q.data.minInterval)),
                  target: f.odds(DEFAULT_POLICY.insolvencyTarget),
                })
              : t("noSteward")}
          </span>
        )}
      </div>
      {q.isPending && <p className="mt-3 text-slate-400">{t("loading")}</p>}
      {/* The model's read, and the changes' read (without it every change would be missing, not failing). */}
      {[q, status].map(
        (r, i) =>
          r.error &&
          !r.data && (
            <p key={i} role="alert" className="mt-3 text-rose-300">
              {t("error", { message: r.error.message.split("\n")[0] ?? "" })}
            </p>
          ),
      )}
      <div className="mt-3 grid gap-4 xl:grid-cols-2">
        {rows.map((c) => (
          <StewardCollateral
            key={c.inputs.asset}
            c={{
              ...c,
              changes: changes.filter((ch) => sameAddress(ch.market, c.inputs.market) && sameAddress(ch.asset, c.inputs.asset)),
              ownerPending: view.pendingChanges.some(
                (p) =>
                  p.kind === 0 &&
                  sameAddress(p.market, c.inputs.market) &&
                  sameAddress(p.asset, c.inputs.asset) &&
                  !changes.some((ch) => ch.changeId === p.id),
              ),
            }}
            now={status.data?.now ?? q.data!.now}
            pendingIds={pendingIds}
          />
        ))}
      </div>
      <p className="mt-3 text-xs text-slate-400">{t("method")}</p>
    </section>
  );
});

function StewardCollateral({ c, now, pendingIds }: { c: StewardCollateralRow & { ownerPending: boolean }; now: number; pendingIds: bigint[] }) {
  const t = useTranslations("riskSteward");
  const f = useFormat();
  const x = c.inputs;
  const r = c.recommendation;
  const pctNum = (n: number, fraction = 1) => f.percent(toWad(n), fraction);
  // One change per collateral at a time: while one of the steward's (or the owner's) is pending, there is no next step.
  const waiting = pendingIds.some((id) => c.changes.some((ch) => ch.changeId === id && ch.executedAt === 0n)) || c.ownerPending;
  const status = (ch: StewardChangeRow) =>
    ch.executedAt > 0n
      ? t("executed", { at: f.utc(ch.executedAt) })
      : pendingIds.includes(ch.changeId)
        ? now > Number(ch.expiresAt)
          ? t("expired")
          : now >= Number(ch.executableAt)
            ? t("executable")
            : t("waiting", { at: f.utc(ch.executableAt) })
        : now > Number(ch.expiresAt)
          ? t("expired")
          : t("cancelled");
  return (
    <article className="rounded-lg border border-slate-800 bg-slate-950/40 p-3" data-testid={`steward-${x.symbol}`}>
      <h3 className="font-medium text-slate-100">{x.symbol}</h3>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-xs">
          <thead className="text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-2 font-normal">
                <span className="sr-only">{t("parameter")}</span>
              </th>
              <th scope="col" className="py-1 pr-2 font-normal">
                {t("ltv")}
              </th>
              <th scope="col" className="py-1 pr-2 font-normal">
                {t("threshold")}
              </th>
              <th scope="col" className="py-1 font-normal">
                {t("maxDiscount")}
              </th>
            </tr>
          </thead>
          <tbody className="font-mono tabular-nums text-slate-200">
            <tr data-testid={`steward-current-${x.symbol}`}>
              <th scope="row" className="py-1 pr-2 font-sans font-normal text-slate-400">
                {t("current")}
              </th>
              <td className="py-1 pr-2">{f.percent(x.current.ltv, 1)}</td>
              <td className="py-1 pr-2">{f.percent(x.current.liquidationThreshold, 1)}</td>
              <td className="py-1">{f.percent(x.current.maxDiscount, 1)}</td>
            </tr>
            <tr data-testid={`steward-recommended-${x.symbol}`}>
              <th scope="row" className="py-1 pr-2 font-sans font-normal text-slate-400">
                {t("recommended")}
              </th>
              {r ? (
                <>
                  <td className="py-1 pr-2">{f.percent(r.ltv, 1)}</td>
                  <td className="py-1 pr-2">{f.percent(r.liquidationThreshold, 1)}</td>
                  <td className="py-1">{f.percent(r.maxDiscount, 1)}</td>
                </>
              ) : (
                <td colSpan={3} className="py-1 font-sans text-amber-200">
                  {Number.isNaN(x.sigma) ? t("noHistory") : Number.isNaN(x.priceImpact) ? t("noPool") : t("noRecommendation")}
                </td>
              )}
            </tr>
            {waiting ? (
              <tr data-testid={`steward-next-${x.symbol}`}>
                <th scope="row" className="py-1 pr-2 font-sans font-normal text-slate-400">
                  {t("nextStep")}
                </th>
                <td colSpan={3} className="py-1 font-sans text-slate-400">
                  {t("pendingFirst")}
                </td>
              </tr>
            ) : (
              c.next && (
                <tr data-testid={`steward-next-${x.symbol}`}>
                  <th scope="row" className="py-1 pr-2 font-sans font-normal text-slate-400">
                    {t("nextStep")}
                  </th>
                  <td className="py-1 pr-2">{f.percent(c.next.ltv, 1)}</td>
                  <td className="py-1 pr-2">{f.percent(c.next.liquidationThreshold, 1)}</td>
                  <td className="py-1 font-sans text-slate-400">
                    {Number(c.nextActionAt) > now ? t("notBefore", { at: f.utc(c.nextActionAt) }) : c.next.safer ? t("saferWait") : t("fullWait")}
                  </td>
                </tr>
              )
            )}
          </tbody>
        </table>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs" data-testid={`steward-inputs-${x.symbol}`}>
        <dt className="text-slate-400">{t("volatility")}</dt>
        <dd className="font-mono text-slate-200">{Number.isNaN(x.sigma) ? "—" : pctNum(x.sigma)}</dd>
        <dt className="text-slate-400">{t("liquidationTime")}</dt>
        <dd className="font-mono text-slate-200">
          {t("liquidationTimeValue", {
            time: f.age(x.liquidationSeconds),
            heartbeat: f.age(x.heartbeat),
            positions: x.positions,
            positionsText: f.number(x.positions, 0),
            horizon: f.age(horizonSeconds(x)),
          })}
        </dd>
        <dt className="text-slate-400">{t("poolCost")}</dt>
        <dd className="font-mono text-slate-200">{Number.isNaN(x.priceImpact) ? "—" : pctNum(x.priceImpact)}</dd>
        <dt className="text-slate-400">{t("insolvencyOdds")}</dt>
        <dd className="font-mono text-slate-200">{r ? pctNum(r.insolvencyOdds, 3) : "—"}</dd>
      </dl>
      <div className="mt-3">
        <StewardChart c={c} />
      </div>
      <h4 className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-400">{t("changes")}</h4>
      {c.changes.length === 0 ? (
        <p className="mt-1 text-xs text-slate-400">{t("noChanges")}</p>
      ) : (
        <div className="mt-1 overflow-x-auto">
          <table className="w-full text-left text-xs" data-testid={`steward-changes-${x.symbol}`}>
            <thead className="text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-2 font-normal">
                  {t("proposed")}
                </th>
                <th scope="col" className="py-1 pr-2 font-normal">
                  {t("move")}
                </th>
                <th scope="col" className="py-1 pr-2 font-normal">
                  {t("inputs")}
                </th>
                <th scope="col" className="py-1 font-normal">
                  {t("status")}
                </th>
              </tr>
            </thead>
            <tbody className="text-slate-200">
              {[...c.changes].reverse().map((ch) => (
                <tr key={String(ch.changeId)} className="border-t border-slate-800">
                  <td className="py-1 pr-2">{f.utc(ch.proposedAt)}</td>
                  <td className="py-1 pr-2 font-mono">
                    {t("moveValue", {
                      fromLtv: f.percent(ch.fromLtv, 1),
                      toLtv: f.percent(ch.toLtv, 1),
                      fromLt: f.percent(ch.fromLt, 1),
                      toLt: f.percent(ch.toLt, 1),
                    })}
                  </td>
                  <td className="py-1 pr-2 font-mono">
                    {t("inputsValue", {
                      sigma: f.percent(ch.inputs.volatility, 1),
                      time: f.age(Number(ch.inputs.liquidationSeconds)),
                      cost: f.percent(ch.inputs.priceImpact, 1),
                    })}
                  </td>
                  <td className="py-1">{status(ch)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
