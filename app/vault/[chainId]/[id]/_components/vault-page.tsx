"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import Link from "next/link";
import { memo, useCallback, useDeferredValue } from "react";
import type { Address } from "viem";
import { useAccount } from "wagmi";
import { AmountFigure } from "@/components/amount-figure";
import { HealthBadge } from "@/components/health-badge";
import { LiquidationOdds } from "@/components/liquidation-odds-card";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { Deferred } from "@/components/chart-placeholder";
import { gatewayTokensFor } from "@/lib/crosschain/deployment";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useVault, useWalletTokens } from "@/hooks/use-vault";
import type { WalletToken } from "@/lib/read/wallet-tokens";
import { useReputation } from "@/hooks/use-reputation";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { multiplyFlowKey, vaultFlowKey } from "@/lib/tx/pending-flows";
import { assetSymbol, findAsset, type DeployedMarket } from "@/lib/config/deployment";
import { useFormat } from "@/hooks/use-format";
import { shortAddress } from "@/lib/view/format";
import { feedStatus, isPriced } from "@/lib/read/oracle";
import { baseLiquidationPrice, vaultRisk } from "@/lib/engine/risk";
import { INFINITE_HEALTH } from "@/lib/engine/health";
import type { ChainConfig } from "@/lib/config/chains";
import { summarizeVault, unpricedAssets } from "@/lib/view/vault-summary";
import type { SeededRead, VaultRead } from "@/lib/read/vaults";
import { toPosition } from "@/lib/protocols/keel/math";
import { resolveVaultRoute } from "@/lib/view/vault-route";
import { failingSinceLastSuccess } from "@/lib/read/query-state";
import { ActionPanel } from "./action-panel";
import { healthCurve } from "@/lib/analytics/vault-charts";
import { CompositionChart } from "./composition-chart";
import { HealthPriceChart } from "./health-price-chart";
import { useSafetyLevel } from "./use-safety-level";
import { DistanceFigure, LiquidationPriceFigure, PriceFigure, type LineFigures } from "@/components/no-liquidation-price";
import { sameAddress } from "@/lib/config/address";

// The panels below the forms (cross-chain, protection, automation, reputation): their code is in chunks of their own,
// loaded when a panel comes in (`Deferred` below: near the screen, linked, or once the page is idle), not with the page.
const CrossChainPanel = dynamic(() => import("./cross-chain-panel").then((m) => m.CrossChainPanel));
const ProtectionPanel = dynamic(() => import("./protection/protection-panel").then((m) => m.ProtectionPanel));
const VaultAutomation = dynamic(() => import("@/components/automation/vault-automation").then((m) => m.VaultAutomation));
const ReputationPanel = dynamic(() => import("./reputation-panel").then((m) => m.ReputationPanel));
const VaultPast = dynamic(() => import("./vault-past").then((m) => m.VaultPast));

// The Multiply panel is the owner's only (a connected wallet, which the server never has): its code loads with it.
const MultiplyPanel = dynamic(() => import("@/components/multiply/multiply-panel").then((m) => m.MultiplyPanel), { ssr: false });

function Problem({ children }: { children: React.ReactNode }) {
  const t = useTranslations("common");
  return (
    <div className="mx-auto mt-8 max-w-lg rounded-xl border border-slate-800 bg-slate-900/60 p-6 text-center md:mt-16 md:p-8">
      <p className="text-slate-300">{children}</p>
      <Link href="/" className="mt-4 inline-flex min-h-11 items-center text-sm text-sky-300 hover:underline">
        {t("backToVaults")}
      </Link>
    </div>
  );
}

export function VaultPage({
  chainIdParam,
  idParam,
  marketParam,
  initial,
}: {
  chainIdParam: string;
  idParam: string;
  marketParam?: string;
  /** The server's read of the vault when it rendered the page (none when the chain did not answer in time). */
  initial?: SeededRead<VaultRead> | undefined;
}) {
  const t = useTranslations("vault");
  const route = resolveVaultRoute(useKeelChains(), chainIdParam, idParam, marketParam);
  if (!route.ok) return <Problem>{route.code === "deploymentError" ? route.problem : t(route.code, route.values)}</Problem>;
  return (
    <VaultView
      key={`${route.chain.id}-${route.market}-${idParam}`}
      chain={route.chain}
      marketAddress={route.market}
      id={route.id}
      initial={initial}
    />
  );
}

function VaultView({
  chain,
  marketAddress,
  id,
  initial,
}: {
  chain: ChainConfig;
  marketAddress: Address;
  id: bigint;
  initial?: SeededRead<VaultRead> | undefined;
}) {
  const t = useTranslations("vault");
  const { address } = useAccount();
  const q = useVault(chain, marketAddress, id, initial);
  const deployed = chain.deployment!.markets.find((m) => m.address === marketAddress)!;
  const wallet = useWalletTokens(chain, marketAddress, [...deployed.collaterals, deployed.baseAsset], address);
  const safety = useSafetyLevel();
  const owned = (d: VaultRead | undefined) => Boolean(d && d.vault.owner !== "0x0000000000000000000000000000000000000000");
  // The owner's reputation bonus raises the borrow limit the forms and figures use, as it does the market's LTV check.
  const reputation = useReputation(chain, marketAddress, owned(q.data) ? q.data!.vault : undefined);
  // A block's new figures (and the wallet's, the bonus) are drawn in a background render that input interrupts and that
  // yields to the browser every few milliseconds: the whole page's re-render was one long task on a phone, on every
  // block. The body below is memoised, so the urgent render of a new answer stops here; the body follows at once.
  // The first answer, with nothing drawn before it, is drawn at once; so is every answer while one of this vault's
  // flows runs and as it ends (the transactor ends a flow once the reads have caught up): a form unlocked after a
  // transaction shows the vault the transaction left, never the one before it.
  const actionFlow = usePendingFlow(vaultFlowKey(chain.id, marketAddress, id));
  const multiplyFlow = usePendingFlow(multiplyFlowKey(chain.id, marketAddress, id));
  const flowing = [actionFlow, multiplyFlow].some((f) => f !== undefined && f.stage !== "interrupted");
  const settled = !useDeferredValue(flowing) && !flowing;
  const now = { data: q.data, wallet: wallet.data, ltvBonus: reputation.data?.bonusNow ?? 0n, staleSince: q.error ? q.dataUpdatedAt : null };
  const deferred = {
    data: useDeferredValue(now.data),
    wallet: useDeferredValue(now.wallet),
    ltvBonus: useDeferredValue(now.ltvBonus),
    // The stale flag with the figures it describes: a recovered read clears it in the same render as the new figures.
    staleSince: useDeferredValue(now.staleSince),
  };
  const shown = settled && deferred.data ? deferred : now;
  const data = shown.data;
  const { refetch } = q;
  const retry = useCallback(() => void refetch(), [refetch]);

  if (q.isPending && !failingSinceLastSuccess(q)) return <p className="text-sm text-slate-400">{t("reading", { id: id.toString() })}</p>;
  if (!data) {
    return <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="vaultData" updatedAt={0} hasData={false} onRetry={retry} />;
  }
  if (!owned(data)) return <Problem>{t("missing", { id: id.toString(), market: deployed.name })}</Problem>;
  return (
    <VaultBody
      chain={chain}
      deployed={deployed}
      marketAddress={marketAddress}
      id={id}
      data={data}
      wallet={shown.wallet}
      ltvBonus={shown.ltvBonus}
      address={address}
      safetyText={safety.text}
      safetyValue={safety.value}
      safetyValid={safety.valid}
      setSafety={safety.set}
      staleSince={shown.staleSince}
      onRetry={retry}
    />
  );
}

/** The vault's figures, forms and panels, drawn from one answer (memoised: see VaultView). */
const VaultBody = memo(function VaultBody({
  chain,
  deployed,
  marketAddress,
  id,
  data,
  wallet,
  ltvBonus,
  address,
  safetyText,
  safetyValue,
  safetyValid,
  setSafety,
  staleSince,
  onRetry,
}: {
  chain: ChainConfig;
  /** The vault's market in the chain's deployment. */
  deployed: DeployedMarket;
  marketAddress: Address;
  id: bigint;
  data: VaultRead;
  wallet: ReadonlyMap<string, WalletToken> | undefined;
  ltvBonus: bigint;
  address: Address | undefined;
  safetyText: string;
  safetyValue: bigint;
  safetyValid: boolean;
  setSafety: (text: string) => void;
  /** When the last answer came, if the latest read failed (the figures are stale); null when they are current. */
  staleSince: number | null;
  onRetry: () => void;
}) {
  const t = useTranslations("vault");
  const tc = useTranslations("common");
  const tf = useTranslations("feed");
  const f = useFormat();
  const { vault, market } = data;
  const stale = staleSince !== null;
  const position = { ...toPosition(vault, market), ltvBonus };
  const baseLiquidation = baseLiquidationPrice(position);
  const s = summarizeVault(vault, { price: position.basePrice, liquidationPrice: baseLiquidation });
  // With a bonus, the limit is the boosted one (lib/engine/risk.ts boostedLimit); without, the lens's figures are the same.
  const boosted = ltvBonus > 0n ? vaultRisk(position) : null;
  const unpriced = unpricedAssets(vault, market.baseFeed.status);
  const base = findAsset(chain.deployment, market.baseAsset);
  const baseSymbol = base?.symbol ?? "base";
  const symbolOf = (a: Address) => assetSymbol(chain, a);
  const isOwner = sameAddress(address, vault.owner);
  // The health shown (lib/view/vault-summary.ts healthShown): an unpriced collateral counts as zero, as the market counts it.
  const healthFigure = vault.debt > 0n && s.band !== "unpriced";
  const belowSafety = healthFigure && vault.healthFactor < safetyValue;
  // A debt and every price known: a collateral with no liquidation price has none (the others cover the debt whatever
  // its price), said as the position cards say it; without a debt or a price, "—".
  const measured = vault.debt > 0n && vault.pricesOk;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <Link href="/" className="inline-flex min-h-11 items-center text-xs text-slate-400 hover:text-sky-300 md:min-h-0">
            {tc("yourVaults")}
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
            {t("title", { id: id.toString() })}
            <span className="text-base font-normal text-slate-400">
              {deployed.name} · {chain.name}
            </span>
          </h1>
          <p className="mt-1 text-xs text-slate-400">
            {t("owner", { owner: shortAddress(vault.owner) })}
            {isOwner ? ` (${tc("you")})` : address ? ` — ${t("notYours")}` : ""}
          </p>
        </div>
        <div className="text-right" data-testid="vault-health">
          <HealthBadge band={s.band} healthFactor={s.healthFactor} partial={s.partial} size="lg" />
        </div>
      </div>

      {stale && <RpcErrorBanner chainName={chain.name} rpcUrl={chain.rpcUrl} what="vaultData" updatedAt={staleSince} hasData onRetry={onRetry} />}
      {unpriced.length > 0 && (
        <div role="alert" data-testid="oracle-paused" className="rounded-lg border border-amber-800 bg-amber-950/40 px-4 py-2 text-sm text-amber-200">
          {unpriced.map((u) => (
            <div key={u.asset}>
              {t.rich("unpriced", {
                asset: symbolOf(u.asset),
                status: tf(`${feedStatus(u.status).key}.label`).toLowerCase(),
                why: tf(`${feedStatus(u.status).key}.why`),
                b: (c) => <b>{c}</b>,
              })}
            </div>
          ))}
          <div>{vault.debt > 0n ? t("pausedBoth") : t("pausedBorrow")}</div>
        </div>
      )}
      {vault.liquidatable ? (
        <div role="alert" data-testid="vault-warning" className="rounded-lg border border-rose-700 bg-rose-950/50 px-4 py-2 text-sm text-rose-200">
          {t("liquidatable", { hf: f.healthFactor(vault.healthFactor) })}
        </div>
      ) : (
        belowSafety && (
          <div
            role="alert"
            data-testid="vault-warning"
            className="rounded-lg border border-orange-700 bg-orange-950/40 px-4 py-2 text-sm text-orange-200"
          >
            {t("belowSafety", { hf: f.healthFactor(vault.healthFactor), safety: f.healthFactor(safetyValue) })}
          </div>
        )
      )}

      <div className={`grid grid-cols-2 gap-3 md:grid-cols-6 ${stale ? "opacity-60" : ""}`} data-testid="vault-stats">
        <Stat
          label={t("health")}
          testId="stat-health"
          value={vault.debt > 0n && !healthFigure ? "—" : f.healthFactor(vault.healthFactor)}
          sub={s.partial && healthFigure ? t("unpricedNotCounted") : undefined}
        />
        <Stat label={t("debt")} testId="stat-debt" value={f.token(vault.debt, market.baseDecimals, baseSymbol)} sub={f.usd(vault.debtValue)} />
        <Stat
          label={t("collateral")}
          testId="stat-collateral"
          value={f.usd(vault.collateralValue)}
          sub={vault.collaterals.some((c) => c.amount > 0n && !isPriced(c)) ? t("unpricedNotCounted") : undefined}
        />
        <Stat
          label={t("canBorrow")}
          testId="stat-capacity"
          value={f.token(boosted?.borrowCapacity ?? vault.borrowCapacity, market.baseDecimals, baseSymbol)}
        />
        <Stat
          label={t("limitUsed")}
          testId="stat-limit-used"
          value={(boosted?.borrowLimitUsed ?? s.borrowLimitUsed) === INFINITE_HEALTH ? "—" : f.percent(boosted?.borrowLimitUsed ?? s.borrowLimitUsed)}
        />
        <Stat
          label={t("closest")}
          testId="stat-distance"
          value={s.band === "liquidatable" ? t("liquidatableNow") : s.minDistance === null ? "—" : f.percent(s.minDistance, 1)}
        />
      </div>

      {/* Odds whenever a health is given (the one rule: an unpriced collateral counts as zero, and the model leaves it out). */}
      <LiquidationOdds chain={chain} vault={{ ...vault, pricesOk: s.band !== "unpriced" }} />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="space-y-3">
          <ActionPanel
            chain={chain}
            vault={vault}
            market={market}
            position={position}
            wallet={wallet}
            safety={safetyValue}
            unpriced={unpriced}
            stale={stale}
          />
          <label className="flex items-center justify-between gap-3 rounded-lg border border-slate-800 bg-slate-900/40 px-4 py-2 text-sm">
            <span className="text-slate-300">
              {t("safety")} <span className="text-xs text-slate-400">— {t("safetyWhy")}</span>
            </span>
            <input
              aria-label={t("safetyLabel")}
              inputMode="decimal"
              data-testid="safety-input"
              value={safetyText}
              onChange={(e) => setSafety(e.target.value)}
              className={`min-h-11 w-20 shrink-0 rounded-md border bg-slate-950 px-2 py-1 text-right font-mono md:min-h-0 ${safetyValid ? "border-slate-700" : "border-rose-600"}`}
            />
          </label>
          {!safetyValid && <p className="text-xs text-rose-300">{t("safetyInvalid", { using: f.healthFactor(safetyValue) })}</p>}
          {isOwner && chain.deployment!.contracts.leverageRouter && (
            <MultiplyPanel key={`${vault.id}-${vault.debt === 0n}`} chain={chain} market={market} vault={vault} />
          )}
        </div>
        <div className="space-y-3">
          <div className="overflow-x-auto rounded-xl border border-slate-800" tabIndex={0} role="region" aria-label={t("collateral")}>
            <table className="w-full text-[13px] sm:text-sm" data-testid="vault-collaterals">
              <thead className="bg-slate-900 text-left text-xs uppercase tracking-normal text-slate-400 sm:tracking-wide">
                <tr>
                  <th className="py-2 pl-3 pr-1.5 md:px-4">{t("collateral")}</th>
                  <th className="px-1.5 py-2 text-right md:px-4">{t("amount")}</th>
                  <th className="hidden px-4 py-2 text-right md:table-cell lg:hidden 2xl:table-cell">{t("price")}</th>
                  <th className="px-1.5 py-2 text-right md:px-4">{t("liqPrice")}</th>
                  <th className="py-2 pl-1.5 pr-3 text-right md:px-4">{t("distance")}</th>
                </tr>
              </thead>
              <tbody>
                {s.collaterals.length === 0 && (
                  <tr>
                    <td colSpan={5} className="px-4 py-3 text-slate-400">
                      {t("noCollateral")}
                    </td>
                  </tr>
                )}
                {s.collaterals.map((c) => {
                  const info = market.collaterals.find((m) => m.info.asset === c.asset)?.info;
                  const line: LineFigures = { ...c, side: "collateral", asset: symbolOf(c.asset) };
                  return (
                    <tr key={c.asset} className="border-t border-slate-800" data-testid={`collateral-${symbolOf(c.asset)}`}>
                      <td className="py-2 pl-3 pr-1.5 md:px-4">
                        <div className="font-medium">{symbolOf(c.asset)}</div>
                        {info && (
                          <div className="text-xs text-slate-400">
                            {t("ltvLt", { ltv: f.percent(BigInt(info.ltv), 0), lt: f.percent(BigInt(info.liquidationThreshold), 0) })}
                          </div>
                        )}
                      </td>
                      <td className="px-1.5 py-2 text-right font-mono tabular-nums md:px-4" data-testid="amount">
                        <AmountFigure amount={c.amount} decimals={c.decimals} symbol={symbolOf(c.asset)} />
                        <div className="text-xs text-slate-400">{c.valueUsd !== null ? f.usd(c.valueUsd) : ""}</div>
                      </td>
                      <td className="hidden px-4 py-2 text-right font-mono tabular-nums md:table-cell lg:hidden 2xl:table-cell">
                        <PriceFigure line={line} />
                      </td>
                      <td className="px-1.5 py-2 text-right font-mono tabular-nums md:px-4" data-testid="liq-price">
                        <LiquidationPriceFigure line={line} measured={measured} />
                      </td>
                      <td className="py-2 pl-1.5 pr-3 text-right font-mono tabular-nums md:px-4" data-testid="distance">
                        <DistanceFigure line={line} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {/* Already liquidatable: a "rise of 0.0 % to" a price below today's would misread; the banner above says it. */}
          {s.baseDistance !== null && s.band !== "liquidatable" && (
            <p className="px-1 text-xs text-slate-400" data-testid="base-rise">
              {t("baseRise", { symbol: baseSymbol, distance: f.percent(s.baseDistance, 1), price: f.usd(baseLiquidation) })}
            </p>
          )}
          <HealthPriceChart
            held={market.collaterals
              .filter((c) => position.collaterals.some((p) => p.asset === c.info.asset && p.amount > 0n && p.price > 0n))
              .map((c) => ({ address: c.info.asset, symbol: symbolOf(c.info.asset) }))}
            curveFor={(a) => healthCurve(position, a)}
            hasDebt={position.debt > 0n}
            safety={safetyValue}
          />
        </div>
      </div>

      {/* Below the forms, each panel comes when a reader scrolls near it (components/chart-placeholder.tsx Deferred): its
          code, its reads (guard rules, automation snapshots, histories' logs) and their renders cost a phone 0.5–1 s of
          main thread that the first screen does not need. */}
      {/* A box only where the panel has something to show by configuration: an empty box that collapses when its panel
          renders nothing moves the panels below it, on screen on a desktop (layout shift 0.01–0.02). */}
      {gatewayTokensFor(chain, vault.market).length > 0 && (
        <Deferred id="crosschain">
          <CrossChainPanel chain={chain} vault={vault} isOwner={isOwner} />
        </Deferred>
      )}
      {chain.deployment?.contracts.guard && (
        <Deferred id="protection">
          <ProtectionPanel chain={chain} vault={vault} market={market} position={position} />
        </Deferred>
      )}
      {chain.deployment?.automation && (
        <Deferred id="automation">
          <VaultAutomation chainId={chain.id} market={vault.market} id={vault.id} owner={vault.owner} />
        </Deferred>
      )}
      {/* Below the forms: the panel appears when its reads answer, after the page is drawn; above them it pushed the forms
          down (layout shift 0.11 on a phone, and the largest paint moved to its text 6–8 s in). */}
      <Deferred id="reputation">
        <ReputationPanel chain={chain} market={marketAddress} vault={vault} isOwner={isOwner} />
      </Deferred>
      <Deferred id="history" placeholder="min-h-96">
        <VaultPast
          chain={chain}
          marketAddress={marketAddress}
          id={id}
          baseAsset={market.baseAsset}
          composition={<CompositionChart items={s.collaterals.map((c) => ({ symbol: symbolOf(c.asset), address: c.asset, value: c.value }))} />}
        />
      </Deferred>
    </div>
  );
});

function Stat({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-800 bg-slate-900/60 px-3 py-2.5">
      <div className="text-xs text-slate-400">{label}</div>
      <div className="mt-0.5 break-words font-mono text-sm tabular-nums text-slate-100" data-testid={testId}>
        {value}
      </div>
      {sub && <div className="text-xs text-slate-400">{sub}</div>}
    </div>
  );
}
