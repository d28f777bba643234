"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { decodeFunctionData, formatUnits, type Abi, type Address } from "viem";
import { useAccount } from "wagmi";
import { AmountField } from "@/components/amount-field";
import { aaveRouterCallAbi, morphoRouterCallAbi } from "@/contracts-abi";
import { useFormat } from "@/hooks/use-format";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { useProtocolLeverage, type ProtocolTarget } from "@/hooks/use-protocol-leverage";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { useTransactor } from "@/hooks/use-transactor";
import { parseAmount, parseLeverageText } from "@/lib/view/amount";
import { leverageOf, type LeveragePlan } from "@/lib/engine/leverage";
import {
  allGrants,
  grantAbi,
  isGranted,
  leverageTransactions,
  maxProtocolLeverage,
  oracleBoundBps,
  planProtocolClose,
  planProtocolLeverage,
  toVaultPosition,
  type LeverageGrant,
} from "@/lib/protocols/leverage";
import type { TxRequest as ProtocolTx } from "@/lib/protocols/types";
import { healthBand, liquidationPrice } from "@/lib/engine/risk";
import { INFINITE_HEALTH, valueDown } from "@/lib/engine/health";
import { WAD } from "@/lib/engine/math";
import type { ChainConfig } from "@/lib/config/chains";
import { BAND_STYLE } from "@/lib/view/vault-summary";
import { LeverageField, ModeTabs, SlippageSelect, usePlanProblem } from "./multiply-form";
import { MultiplyPreview, SwapDetails } from "./multiply-preview";
import { MultiplySteps } from "./multiply-steps";

const toHundredths = (wad: bigint) => Number((wad + 5n * 10n ** 15n) / 10n ** 16n);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface ProtocolMultiplyPanelProps {
  chain: ChainConfig;
  /** The Aave pair or the Morpho market to open, raise, lower or close. */
  target: ProtocolTarget;
}

/**
 * Multiply on an Aave v3 or Morpho Blue position: one transaction through the protocol's leverage router (flash loan +
 * swap + the protocol's own actions for the owner). Plans come from lib/protocols/leverage.ts (lib/engine/leverage.ts on the
 * position seen by lib/engine/risk.ts); the permissions the router needs are listed with their state, granted in order before
 * the router call, and each can be revoked. Every transaction goes through the one transactor (simulated first, effects
 * shown, reverts decoded). Mountable on any page that knows the position (the protocols' position page too).
 */
export function ProtocolMultiplyPanel({ chain, target }: ProtocolMultiplyPanelProps) {
  const t = useTranslations("multiply");
  const f = useFormat();
  const planProblem = usePlanProblem();
  const amountProblem = useAmountProblem();
  const { address } = useAccount();
  const send = useTransactor();
  const venue = useProtocolLeverage(chain, target, address);
  const data = venue.data;
  const protocolName = target.protocol === "aave-v3" ? t("aave") : t("morpho");
  const [depositText, setDepositText] = useState("");
  const [touched, setTouched] = useState(false);
  const [mode, setMode] = useState<"adjust" | "close">("adjust");
  const [slippageBps, setSlippageBps] = useState(50n);
  const [target100, setTarget] = useState<number | null>(null);
  const [leverageText, setLeverageText] = useState<string | null>(null);
  const [sending, setBusy] = useState(false);
  const flowKey = `multiply:${chain.id}:${JSON.stringify(target)}`;
  const flow = usePendingFlow(flowKey);
  const busy = sending || (flow !== undefined && flow.stage !== "interrupted");

  const position = data?.position;
  const pair = data?.pair;
  const tokenOf = (a: Address | undefined) =>
    a && position
      ? position.protocol === "morpho-blue"
        ? [position.state.collateralToken, position.state.loanToken].find((x) => same(x.address, a))
        : position.state.reserves.find((r) => same(r.token.address, a))?.token
      : undefined;
  const col = tokenOf(pair?.collateral);
  const debtToken = tokenOf(pair?.debt);
  const symbol = col?.symbol ?? "…";
  const decimals = col?.decimals ?? 18;
  const baseSymbol = debtToken?.symbol ?? "…";
  const baseDecimals = debtToken?.decimals ?? 18;

  const parsed = parseAmount(depositText, { decimals, symbol, balance: data?.balance }, f.unitsExact);
  const deposit = parsed.ok ? parsed.value : 0n;
  const depositEmpty = depositText.trim() === "";
  const vault = position && pair ? toVaultPosition(position, pair) : null;
  const hasDebt = Boolean(vault && vault.debt > 0n);
  const held = vault?.collaterals.find((c) => pair && same(c.asset, pair.collateral))?.amount ?? 0n;
  const isOpen = hasDebt || held > 0n;
  const depositOk = parsed.ok || (isOpen && depositEmpty);
  const inputs = data?.pool ? { pool: data.pool, slippageBps, flashFeeBps: data.flashFeeBps } : null;
  const current = vault
    ? leverageOf(
        deposit > 0n
          ? {
              ...vault,
              collaterals: vault.collaterals.map((c) => (pair && same(c.asset, pair.collateral) ? { ...c, amount: c.amount + deposit } : c)),
            }
          : vault,
      )
    : WAD;
  const currentHundredths = current > 100n * WAD ? 100 : toHundredths(current);
  const chosenHundredths = target100 ?? (isOpen ? currentHundredths : 200);
  const max = position && pair && inputs ? maxProtocolLeverage(position, pair, inputs, deposit) : WAD;
  const maxHundredths = Math.max(100, Number(max / 10n ** 16n));
  const leverageParsed = leverageText === null ? null : parseLeverageText(leverageText, Math.max(maxHundredths, currentHundredths));
  // What is typed wins once it parses within the maximum (which may have been read after the typing).
  const targetHundredths = leverageParsed?.ok ? leverageParsed.hundredths : chosenHundredths;
  const asked =
    mode === "close" || deposit > 0n || (isOpen && (target100 !== null || leverageParsed?.ok === true) && targetHundredths !== currentHundredths);
  const plan: LeveragePlan | null =
    position && pair && inputs && asked
      ? mode === "close"
        ? planProtocolClose(position, pair, inputs)
        : planProtocolLeverage(position, pair, inputs, deposit, (BigInt(targetHundredths) * WAD) / 100n)
      : null;
  const noChange = plan?.kind === "increase" && plan.flashAmount === 0n && deposit === 0n;
  const aboveMax = mode === "adjust" && asked && targetHundredths > maxHundredths && targetHundredths > currentHundredths;

  let built: { steps: ProtocolTx[]; grants: LeverageGrant[] } | null = null;
  let buildError: string | null = null;
  if (plan && !plan.problem && position && pair && data && !noChange) {
    try {
      built = leverageTransactions(position, pair, data.router, plan, slippageBps, data.grants);
    } catch (e) {
      buildError = (e as Error).message;
    }
  }

  const problem = !venue.router
    ? t("noRouterProtocol", { protocol: protocolName })
    : venue.error
      ? t("positionError", { error: venue.error.message.split("\n")[0] ?? "" })
      : data && !data.pool
        ? t("noPool", { base: baseSymbol, symbol })
        : mode === "close" && !hasDebt && isOpen
          ? t("nothingToClose", { base: baseSymbol })
          : !depositOk && (touched || !depositEmpty)
            ? parsed.ok
              ? null
              : amountProblem(parsed)
            : leverageParsed && !leverageParsed.ok
              ? null
              : aboveMax
                ? t("aboveMax", { max: f.leverage(max) })
                : plan?.problem
                  ? planProblem(plan.problem.kind, { impact: f.percentFloat(plan.priceImpact), leverage: f.leverage(current) })
                  : buildError;
  const canSubmit = Boolean(address) && !busy && !problem && plan !== null && built !== null && depositOk && !(leverageParsed && !leverageParsed.ok);

  const grantText = (g: LeverageGrant) => t("grant", { kind: g.kind, symbol: g.kind === "aaveCreditDelegation" ? baseSymbol : symbol });
  const routerAbi = (target.protocol === "aave-v3" ? aaveRouterCallAbi : morphoRouterCallAbi) as Abi;
  const request = (tx: ProtocolTx, label: string) => {
    const abi = same(tx.to, data!.router) ? routerAbi : (grantAbi as unknown as Abi);
    const { functionName, args } = decodeFunctionData({ abi, data: tx.data });
    return { label, chainId: chain.id, address: tx.to, abi, functionName, args: args ?? [] };
  };
  const routerLabel = () =>
    !plan
      ? ""
      : plan.kind === "increase"
        ? t("labelProtocolOpen", { protocol: protocolName, leverage: f.leverage(plan.leverage), symbol })
        : plan.kind === "decrease"
          ? t("labelProtocolLower", { protocol: protocolName, leverage: f.leverage(plan.leverage) })
          : t("labelProtocolClose", { protocol: protocolName, symbol, base: baseSymbol });

  async function submit() {
    setTouched(true);
    if (!canSubmit || !built) return;
    setBusy(true);
    try {
      const labels = [...built.grants.map((g) => t("stepGrant", { what: grantText(g) })), routerLabel()];
      // Each step carries the ones after it (`then`): the first simulation runs the grants AND the router call, so a
      // router revert is known (and named) before any permission is signed.
      const requests = built.steps.map((tx, i) => request(tx, labels[i]!));
      const chained = requests.reduceRight<ReturnType<typeof request> & { then?: unknown }>(
        (next, r, i) => (i === requests.length - 1 ? r : { ...r, then: next }),
        requests[requests.length - 1]!,
      );
      let step: (ReturnType<typeof request> & { then?: unknown }) | undefined = chained;
      while (step) {
        const r = await send(step as Parameters<typeof send>[0]);
        if (r.status !== "confirmed") return;
        step = step.then as typeof step | undefined;
      }
      setDepositText("");
      setTouched(false);
      setTarget(null);
      setMode("adjust");
    } finally {
      setBusy(false);
    }
  }

  async function revoke(g: LeverageGrant) {
    setBusy(true);
    try {
      await send(request(g.revoke, t("revokeLabel", { what: grantText(g) })));
    } finally {
      setBusy(false);
    }
  }

  // Figures: before from the same lib/engine/risk.ts functions as after (one function per number).
  const value = (wad: bigint) => (position?.protocol === "aave-v3" ? f.usd(wad) : f.token(wad, 18, baseSymbol));
  const health = (hf: bigint | undefined) => (hf === undefined ? "—" : f.healthFactor(hf));
  const nowLiq = vault && pair ? liquidationPrice(vault, pair.collateral) : 0n;
  const nowHealth = position?.healthFactor ?? INFINITE_HEALTH;
  const afterCollateral = plan?.after.collaterals.find((c) => pair && same(c.asset, pair.collateral))?.amount ?? 0n;
  const price = vault?.collaterals.find((c) => pair && same(c.asset, pair.collateral))?.price ?? 0n;
  const grants = position && pair && data ? allGrants(position, pair, data.router) : [];
  const steps = [
    ...(built?.grants ?? []).map((g) => ({ label: t("stepGrant", { what: grantText(g) }), done: false })),
    { label: t("stepRouter", { protocol: protocolName }), done: false },
  ];
  const action =
    mode === "close"
      ? t("closePosition")
      : !isOpen
        ? t("openLeverage", { leverage: f.leverage((BigInt(targetHundredths) * WAD) / 100n) })
        : plan?.kind === "decrease"
          ? t("lower")
          : t("multiply");

  return (
    <section
      className="rounded-xl border border-slate-800 bg-slate-900/40"
      data-testid="multiply-panel"
      data-protocol={target.protocol}
      aria-label={`${t("title")} · ${protocolName}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-800 px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-100">
            {t("title")} · {protocolName}
          </h2>
          <p className="text-xs text-slate-400">{t("introProtocol", { base: baseSymbol, symbol, protocol: protocolName })}</p>
        </div>
        {hasDebt && <ModeTabs mode={mode} onMode={setMode} />}
      </header>
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {venue.isPending && <p className="text-sm text-slate-400">{t("readingPosition")}</p>}
        {isOpen && vault && (
          <p className="text-xs text-slate-400" data-testid="mp-held">
            {t("openPositionNote", { collateral: f.token(held, decimals, symbol), debt: f.token(vault.debt, baseDecimals, baseSymbol) })}
          </p>
        )}
        {mode === "adjust" && (
          <>
            <AmountField
              id="multiply-deposit"
              label={isOpen ? t("addFromWallet", { symbol }) : t("deposit", { symbol })}
              symbol={symbol}
              value={depositText}
              onChange={(text) => {
                setDepositText(text);
                setTouched(true);
              }}
              onMax={data?.balance !== undefined ? () => setDepositText(formatUnits(data.balance!, decimals)) : undefined}
              maxLabel={data?.balance !== undefined ? t("maxWallet") : undefined}
              hint={t("wallet", { amount: data?.balance !== undefined ? f.token(data.balance, decimals, symbol) : "…" })}
              problem={touched && !depositOk ? (parsed.ok ? null : amountProblem(parsed)) : null}
            />
            <LeverageField
              target={targetHundredths}
              current={currentHundredths}
              max={maxHundredths}
              nowLabel={isOpen ? f.leverage(current) : null}
              maxLabel={f.leverage(max)}
              text={leverageText}
              parsed={leverageParsed}
              onTarget={setTarget}
              onText={setLeverageText}
            />
          </>
        )}
        <SlippageSelect value={slippageBps} onChange={setSlippageBps} />

        {plan && vault && (
          <MultiplyPreview
            rows={[
              { label: t("leverage"), testId: "mp-leverage", before: f.leverage(leverageOf(vault)), after: f.leverage(plan.leverage) },
              {
                label: t("collateralOf", { symbol }),
                testId: "mp-collateral",
                before: f.token(held, decimals, symbol),
                after: f.token(afterCollateral, decimals, symbol),
              },
              {
                label: t("debt"),
                testId: "mp-debt",
                before: f.token(vault.debt, baseDecimals, baseSymbol),
                after: f.token(plan.after.debt, baseDecimals, baseSymbol),
              },
              {
                label: t("health"),
                testId: "mp-health",
                before: hasDebt ? health(nowHealth) : "—",
                after: plan.after.debt === 0n ? "—" : health(plan.risk.healthFactor),
                afterClass: plan.after.debt === 0n ? "" : BAND_STYLE[healthBand(plan.risk.healthFactor)].text,
              },
              {
                label: t("liqPrice", { symbol }),
                testId: "mp-liq",
                before: nowLiq > 0n ? value(nowLiq) : "—",
                after: plan.liquidationPrice > 0n ? value(plan.liquidationPrice) : "—",
              },
            ]}
          />
        )}
        {plan && !noChange && (
          <SwapDetails
            plan={plan}
            col={(v) => f.token(v, decimals, symbol)}
            base={(v) => f.token(v, baseDecimals, baseSymbol)}
            backValue={plan.kind === "close" && price > 0n ? ` (${value(valueDown(plan.collateralBack, price, decimals))})` : ""}
            otherCollateral={false}
            extra={[[t("oracleBound"), t("oracleBoundLine", { pct: f.bps(oracleBoundBps(plan, slippageBps)), protocol: protocolName })]]}
          />
        )}

        {problem && (
          <p role="alert" data-testid="multiply-problem" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
            {problem}
          </p>
        )}
        {!problem && plan && plan.priceImpact > 0.01 && (
          <p role="alert" className="rounded-md border border-orange-700 bg-orange-950/40 px-3 py-2 text-sm text-orange-200">
            {t("bigImpact", { pct: f.percentFloat(plan.priceImpact) })}
          </p>
        )}

        <MultiplySteps steps={steps} flow={flow} flowKey={flowKey} />

        <button
          type="submit"
          disabled={!canSubmit}
          data-testid="submit-multiply"
          className="w-full rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {!address ? t("connect") : busy ? t("working") : action}
        </button>

        {address && grants.length > 0 && data && (
          <div className="space-y-2 border-t border-slate-800 pt-3" data-testid="multiply-grants">
            <h3 className="text-xs font-semibold text-slate-200">{t("permissions")}</h3>
            <p className="text-xs text-slate-400">{t("permissionsHint")}</p>
            <ul className="space-y-1 text-xs">
              {grants.map((g) => {
                const on = isGranted(g, data.grants);
                return (
                  <li key={g.kind} className="flex items-center justify-between gap-2" data-testid={`grant-${g.kind}`}>
                    <span className={on ? "text-amber-200" : "text-slate-400"}>
                      {grantText(g)} — {on ? t("granted") : t("notGranted")}
                    </span>
                    {on && (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void revoke(g)}
                        className="rounded border border-slate-600 px-2 py-0.5 text-slate-200 hover:border-rose-500 disabled:opacity-50"
                        data-testid={`revoke-${g.kind}`}
                      >
                        {t("revoke")}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </form>
    </section>
  );
}
