"use client";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/hooks/use-error-text";
import Link from "next/link";
import type { ComponentType } from "react";
import type { Address, Hex } from "viem";
import { useAccount } from "wagmi";
import { HealthBadge } from "@/components/health-badge";
import { LiquidationOdds } from "@/components/liquidation-odds-card";
import { ProtocolBadge } from "@/components/protocol-badge";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { shortAddress } from "@/lib/view/format";
import { positionHealthCurve } from "@/lib/protocols/preview";
import type { ProtocolId } from "@/lib/protocols/types";
import { adapterOf, oddsInputOf, usdPerValueUnit } from "@/lib/protocols/view";
import { borrowLimitUsed } from "@/lib/engine/risk";
import { INFINITE_HEALTH } from "@/lib/engine/health";
import { PositionLines } from "@/app/_components/position-card";
import { CompositionChart } from "@/app/vault/[chainId]/[id]/_components/composition-chart";
import { HealthPriceChart } from "@/app/vault/[chainId]/[id]/_components/health-price-chart";
import { useSafetyLevel } from "@/app/vault/[chainId]/[id]/_components/use-safety-level";
import { POSITION_PANELS, type PositionPanelProps } from "./panels";
import { PositionActions } from "./position-actions";
import { PositionHistory } from "./position-history";
import { useProtocolPosition } from "./use-protocol-position";
import { sameAddress } from "@/lib/config/address";

/**
 * `/position/<chainId>/aave-v3/<account>` and `/position/<chainId>/morpho-blue/<marketId>/<account>`: an Aave or Morpho
 * position with what the Keel vault page has — actions with before → after previews, health against price,
 * composition, liquidation odds — from one view-model; read-only unless the connected wallet is the account.
 */
export function PositionPage({
  chainId,
  protocol,
  marketId,
  account,
  panels = POSITION_PANELS,
}: {
  chainId: number;
  protocol: ProtocolId;
  marketId?: Hex;
  account: Address;
  panels?: ComponentType<PositionPanelProps>[];
}) {
  const t = useTranslations("position");
  const tv = useTranslations("vaultCard");
  const errorText = useErrorText();
  const f = useFormat();
  const chain = useKeelChains().find((c) => c.id === chainId)!;
  const { address } = useAccount();
  const { chainPositions: c, view, read } = useProtocolPosition(chainId, protocol, marketId, account);
  const safety = useSafetyLevel();
  const canAct = sameAddress(address, account);

  if (!c || (!read && c.isPending)) return <p className="text-sm text-slate-400">{t("reading")}</p>;
  if (!view) {
    return (
      <div className="space-y-3">
        {c.error && (
          <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="vaultData" updatedAt={c.updatedAt} hasData={false} onRetry={c.refetch} />
        )}
        {!c.error && <p className="text-sm text-slate-400">{t("missing")}</p>}
      </div>
    );
  }
  const p = view.position;
  const unitUsd = usdPerValueUnit(p, read!.usdPerToken);
  const liq = adapterOf(p).liquidationPrices(p);
  const used = view.debtUsd !== null && view.borrowLimitUsd !== null ? borrowLimitUsed(view.debtUsd, view.borrowLimitUsd) : null;
  const held = view.collaterals
    .filter((x) => x.amount > 0n && x.priceUsd !== null)
    .map((x) => ({ address: x.token.address, symbol: x.token.symbol }));

  return (
    <div className="space-y-6" data-testid="position-page" data-protocol={protocol}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <Link href={canAct ? "/" : `/?watch=${account}`} className="text-sm text-slate-400 hover:text-sky-300">
            ← {t("back")}
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            {view.name}
            <ProtocolBadge protocol={view.protocol} />
          </h1>
          <p className="mt-1 break-all text-sm text-slate-400">
            {chain.name} · {t("owner", { owner: shortAddress(account) })}
            {p.protocol === "aave-v3" && p.eModeCategory ? ` · ${t("eMode", { id: p.eModeCategory })}` : ""}
            {p.protocol === "aave-v3" && p.isolated ? ` · ${t("isolated")}` : ""}
          </p>
        </div>
        <HealthBadge band={view.band} healthFactor={view.healthFactor} partial={view.partial} size="lg" />
      </div>
      {!canAct && (
        <p className="rounded-lg border border-sky-800 bg-sky-950/40 px-4 py-2 text-sm text-sky-100" data-testid="read-only">
          {address ? t("notYours") : t("watching")}
        </p>
      )}
      {c.error && (
        <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="vaultData" updatedAt={c.updatedAt} hasData onRetry={c.refetch} />
      )}
      {read!.problems.map((x) => (
        <p key={x.message} className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
          {errorText(x)}
        </p>
      ))}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={tv("collateralValue")} value={view.collateralUsd === null ? "—" : f.usd(view.collateralUsd)} testId="position-collateral" />
        <Stat label={tv("debt")} value={view.debtUsd === null ? "—" : f.usd(view.debtUsd)} testId="position-debt" />
        <Stat label={tv("limitUsed")} value={used === null || used === INFINITE_HEALTH ? "—" : f.percent(used)} testId="position-limit-used" />
        <Stat label={t("healthFactor")} value={f.healthFactor(view.healthFactor)} testId="position-health" />
      </div>

      {view.debts.length > 0 && <LiquidationOdds chain={chain} vault={oddsInputOf(view)} />}

      <div className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="position-assets">
        <PositionLines view={view} chain={chain} />
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        {canAct ? (
          <PositionActions
            chain={chain}
            view={view}
            feeds={read!.feedStatus}
            usdPerToken={read!.usdPerToken}
            stale={Boolean(c.error)}
            safety={safety.value}
          />
        ) : (
          <section
            className="self-start rounded-xl border border-slate-800 bg-slate-900/40 p-5 text-sm text-slate-400"
            data-testid="actions-read-only"
          >
            {t("actionsNeedOwner")}
          </section>
        )}
        <div className="space-y-6">
          <HealthPriceChart
            held={held}
            hasDebt={view.debts.length > 0}
            safety={safety.value}
            curveFor={(a) => {
              const lp = liq.collaterals.find((x) => sameAddress(x.token.address, a))?.price ?? null;
              return unitUsd === null ? null : positionHealthCurve(p, a, lp, unitUsd);
            }}
          />
        </div>
      </div>

      {panels.map((Panel, i) => (
        <Panel key={i} chain={chain} view={view} canAct={canAct} />
      ))}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <PositionHistory chain={chain} view={view} />
        <CompositionChart
          items={view.collaterals.flatMap((x) =>
            x.valueUsd === null ? [] : [{ symbol: x.token.symbol, address: x.token.address, value: x.valueUsd }],
          )}
        />
      </div>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 px-4 py-3">
      <div className="text-xs uppercase tracking-wide text-slate-400">{label}</div>
      <div className="mt-1 break-words font-mono text-lg tabular-nums text-slate-100" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}
