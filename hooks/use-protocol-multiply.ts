"use client";
import { morphoLeverageRouterAbi } from "@/contracts-abi/abi/MorphoLeverageRouter";
import { aaveLeverageRouterAbi } from "@/contracts-abi/abi/AaveLeverageRouter";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { decodeFunctionData, type Abi, type Address } from "viem";
import { useAccount } from "wagmi";
import { useAmountProblem, usePlanProblem } from "@/hooks/use-amount-problem";
import { useErrorText } from "@/hooks/use-error-text";
import { useFormat } from "@/hooks/use-format";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { useProtocolLeverage, type ProtocolTarget } from "@/hooks/use-protocol-leverage";
import { useTransactor, type AnyTxRequest } from "@/hooks/use-transactor";
import type { ChainConfig } from "@/lib/config/chains";
import { leverageOf, type LeveragePlan } from "@/lib/engine/leverage";
import { WAD } from "@/lib/engine/math";
import {
  allGrants,
  grantAbi,
  isGranted,
  leverageTransactions,
  maxProtocolLeverage,
  planProtocolClose,
  planProtocolLeverage,
  toVaultPosition,
  type LeverageGrant,
} from "@/lib/protocols/leverage";
import type { TxRequest as ProtocolTx } from "@/lib/protocols/types";
import { currentLeverageHundredths, maxLeverageDeposit, parseAmount, parseLeverageText, targetLeverage } from "@/lib/view/amount";
import { sameAddress } from "@/lib/config/address";

/**
 * Multiply on an Aave v3 or Morpho Blue position, as the panel shows it: the form's state, the plan
 * (lib/protocols/leverage.ts over lib/engine/leverage.ts), the one problem to name, the transactions with their grants,
 * and `submit` / `revoke` through the one transactor. components/multiply/protocol-multiply-panel.tsx renders it.
 */
export function useProtocolMultiply(chain: ChainConfig, target: ProtocolTarget) {
  const t = useTranslations("multiply");
  const errorText = useErrorText();
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
        ? [position.state.collateralToken, position.state.loanToken].find((x) => sameAddress(x.address, a))
        : position.state.reserves.find((r) => sameAddress(r.token.address, a))?.token
      : undefined;
  const col = tokenOf(pair?.collateral);
  const debtToken = tokenOf(pair?.debt);
  const symbol = col?.symbol ?? "…";
  const decimals = col?.decimals ?? 18;
  const baseSymbol = debtToken?.symbol ?? "…";
  const baseDecimals = debtToken?.decimals ?? 18;

  const parsed = parseAmount(depositText, { decimals, symbol, balance: data?.balance }, f);
  const deposit = parsed.ok ? parsed.value : 0n;
  const depositEmpty = depositText.trim() === "";
  const vault = position && pair ? toVaultPosition(position, pair) : null;
  // An Aave account's other debts, folded into the pair's debt at today's prices (lib/protocols/leverage.ts toVaultPosition):
  // right for health now and after the trade, but their value moves with their own prices, which a liquidation price of
  // the collateral alone cannot follow.
  const otherDebts = (position && pair ? position.debts.filter((d) => d.amount > 0n && !sameAddress(d.token.address, pair.debt)) : []).map((d) =>
    f.token(d.amount, d.token.decimals, d.token.symbol),
  );
  const ownDebt = position && pair ? (position.debts.find((d) => sameAddress(d.token.address, pair.debt))?.amount ?? 0n) : 0n;
  const folded = vault ? vault.debt - ownDebt : 0n;
  const hasDebt = Boolean(vault && vault.debt > 0n);
  const held = vault?.collaterals.find((c) => pair && sameAddress(c.asset, pair.collateral))?.amount ?? 0n;
  const isOpen = hasDebt || held > 0n;
  const depositOk = parsed.ok || (isOpen && depositEmpty);
  const inputs = data?.pool ? { pool: data.pool, slippageBps, flashFeeBps: data.flashFeeBps } : null;
  const current = vault
    ? leverageOf(
        deposit > 0n
          ? {
              ...vault,
              collaterals: vault.collaterals.map((c) => (pair && sameAddress(c.asset, pair.collateral) ? { ...c, amount: c.amount + deposit } : c)),
            }
          : vault,
      )
    : WAD;
  const currentHundredths = currentLeverageHundredths(current);
  const chosenHundredths = target100 ?? (isOpen ? currentHundredths : 200);
  // Before a new position's deposit, the maximum shown and the box's limit are a one-token deposit's, marked "≈".
  const basis = maxLeverageDeposit(deposit, decimals, !isOpen);
  const max = position && pair && inputs ? maxProtocolLeverage(position, pair, inputs, basis.amount) : WAD;
  const maxHundredths = Math.max(100, Number(max / 10n ** 16n));
  const leverageParsed =
    leverageText === null ? null : parseLeverageText(leverageText, Math.max(maxHundredths, currentHundredths), f.decimalSeparator);
  // What is typed wins once it parses within the maximum (which may have been read after the typing).
  const targetHundredths = leverageParsed?.ok ? leverageParsed.hundredths : chosenHundredths;
  // A leverage typed wrong ("9" above the maximum, "abc") asks for nothing: no preview of the last good target.
  const typedWrong = leverageParsed !== null && !leverageParsed.ok;
  // A deposit typed wrong ("abc", "0", above the balance) too: a plan without it beside it would describe another trade.
  const depositWrong = !depositEmpty && !parsed.ok;
  const asked =
    mode === "close" ||
    (!typedWrong &&
      !depositWrong &&
      (deposit > 0n || (isOpen && (target100 !== null || leverageParsed?.ok === true) && targetHundredths !== currentHundredths)));
  const plan: LeveragePlan | null =
    position && pair && inputs && asked
      ? mode === "close"
        ? planProtocolClose(position, pair, inputs)
        : planProtocolLeverage(position, pair, inputs, deposit, targetLeverage(targetHundredths, current))
      : null;
  const noChange = plan?.kind === "increase" && plan.flashAmount === 0n && deposit === 0n;
  // Lowering leverage repays the pair's own debt only (the router repays at most what is owed of it): a plan that needs
  // to repay into the folded other debts would leave them with less collateral behind them.
  const repaysOthers = plan !== null && mode === "adjust" && plan.kind === "decrease" && plan.after.debt < folded;
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

  const depositProblem = !depositOk && !parsed.ok ? amountProblem(parsed) : null;
  const problem = !venue.router
    ? t("noRouterProtocol", { protocol: protocolName })
    : venue.error
      ? t("positionError", { error: errorText(venue.error).split("\n")[0] ?? "" })
      : data && !data.pool
        ? t("noPool", { base: baseSymbol, symbol })
        : mode === "close" && ownDebt === 0n && isOpen
          ? t("nothingToClose", { base: baseSymbol })
          : !depositOk && (touched || !depositEmpty)
            ? depositProblem
            : typedWrong && mode === "adjust"
              ? null // shown under the leverage box
              : aboveMax
                ? t("aboveMax", { max: f.leverage(max) })
                : plan?.problem
                  ? planProblem(plan.problem.kind, { impact: f.percentFloat(plan.priceImpact), leverage: f.leverage(current) })
                  : repaysOthers
                    ? t("repaysOtherDebts", {
                        own: f.token(ownDebt, baseDecimals, baseSymbol),
                        debts: otherDebts.join(", "),
                      })
                    : buildError;
  const canSubmit = Boolean(address) && !busy && !problem && plan !== null && built !== null && depositOk && !(typedWrong && mode === "adjust");

  const grantText = (g: LeverageGrant) => t("grant", { kind: g.kind, symbol: g.kind === "aaveCreditDelegation" ? baseSymbol : symbol });
  const routerAbi: Abi = target.protocol === "aave-v3" ? aaveLeverageRouterAbi : morphoLeverageRouterAbi;
  /** A built transaction (calldata) as the transactor's request: decoded through the ABI it was encoded with. */
  const request = (tx: ProtocolTx, label: string): AnyTxRequest => {
    const abi: Abi = sameAddress(tx.to, data!.router) ? routerAbi : grantAbi;
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
      const chained = requests.reduceRight<AnyTxRequest>((next, r, i) => (i === requests.length - 1 ? r : { ...r, then: next }), requests.at(-1)!);
      let step: AnyTxRequest | undefined = chained;
      while (step) {
        const r = await send(step);
        if (r.status !== "confirmed") return;
        step = step.then;
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

  const grants = position && pair && data ? allGrants(position, pair, data.router).map((g) => ({ grant: g, on: isGranted(g, data.grants) })) : [];
  const steps = [
    ...(built?.grants ?? []).map((g) => ({ label: t("stepGrant", { what: grantText(g) }), done: false })),
    { label: t("stepRouter", { protocol: protocolName }), done: false },
  ];
  const action =
    mode === "close"
      ? t("closePosition")
      : !isOpen && !typedWrong
        ? t("openLeverage", { leverage: f.leverage(targetLeverage(targetHundredths, current)) })
        : plan?.kind === "decrease"
          ? t("lower")
          : t("multiply");

  return {
    address,
    venue,
    data,
    protocolName,
    pair,
    position,
    vault,
    symbol,
    decimals,
    baseSymbol,
    baseDecimals,
    held,
    isOpen,
    hasDebt,
    /** The pair's own debt, and the other debts folded into it (Aave, as shown), with their amount in the pair's debt asset. */
    ownDebt,
    /** The plan would repay more than the pair's own debt (into the account's other debts): refused, and not previewed. */
    repaysOthers,
    otherDebts,
    folded,
    form: {
      mode,
      setMode,
      depositText,
      setDepositText: (text: string) => {
        setDepositText(text);
        setTouched(true);
      },
      fillDeposit: setDepositText,
      depositProblem: touched ? depositProblem : null,
      slippageBps,
      setSlippageBps,
      leverage: {
        target: targetHundredths,
        current: currentHundredths,
        max: maxHundredths,
        nowLabel: isOpen ? f.leverage(current) : null,
        maxLabel: !(position && pair && inputs) ? "…" : basis.indicative ? `≈ ${f.leverage(max)}` : f.leverage(max),
        text: leverageText,
        parsed: leverageParsed,
        onTarget: setTarget,
        onText: setLeverageText,
      },
    },
    plan,
    noChange,
    problem,
    canSubmit,
    busy,
    action,
    steps,
    grants,
    grantText,
    flow,
    flowKey,
    submit,
    revoke,
  };
}

/** What useProtocolMultiply gives the panel. */
export type ProtocolMultiply = ReturnType<typeof useProtocolMultiply>;
