"use client";
import { keelLeverageRouterAbi } from "@/contracts-abi/abi/KeelLeverageRouter";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { parseEventLogs, type Address } from "viem";
import { useAccount } from "wagmi";
import { AmountField } from "@/components/amount-field";
import { AssetSelect } from "@/components/asset-select";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useFormat } from "@/hooks/use-format";
import { useWalletHint } from "@/hooks/use-wallet-hint";
import { useLeverageVenue } from "@/hooks/use-leverage-venue";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { multiplyFlowKey } from "@/lib/tx/pending-flows";
import { useAmountProblem, usePlanProblem } from "@/hooks/use-amount-problem";
import { useTransactor } from "@/hooks/use-transactor";
import { currentLeverageHundredths, maxLeverageDeposit, parseAmount, parseLeverageText, targetLeverage } from "@/lib/view/amount";
import { findAsset } from "@/lib/config/deployment";
import { shortAddress } from "@/lib/view/format";
import { leverageOf, maxLeverage, planClose, planLeverage, type LeverageContext, type LeveragePlan } from "@/lib/engine/leverage";
import { applyChange } from "@/lib/engine/risk";
import { valueDown } from "@/lib/engine/health";
import { WAD } from "@/lib/engine/math";
import type { ChainConfig } from "@/lib/config/chains";
import { BAND_STYLE, engineHealth, lensHealth } from "@/lib/view/vault-summary";
import type { LensMarket, LensVault } from "@/lib/read/vaults";
import { toPosition } from "@/lib/protocols/keel/math";
import { LeverageField, ModeTabs, SlippageSelect } from "./multiply-form";
import { MultiplyPreview, SwapDetails } from "./multiply-preview";
import { MultiplyProblem } from "./multiply-problem";
import { MultiplySteps } from "./multiply-steps";
import { sameAddress } from "@/lib/config/address";

const EMPTY_VAULT = { collaterals: [], debt: 0n, debtShares: 0n } as const;

export interface MultiplyPanelProps {
  chain: ChainConfig;
  market: LensMarket;
  /** The vault to adjust or close; absent to open a new leveraged vault. */
  vault?: LensVault;
  /** A new vault was opened (its id), e.g. to go to its page. */
  onOpened?(id: bigint): void;
}

/**
 * Multiply: a leveraged position in one transaction through KeelLeverageRouter (flash loan + swap + vault actions).
 * Opens a new vault, or raises, lowers or closes an existing one. Every figure comes from lib/engine/leverage.ts (lib/risk +
 * lib/amm on the pool's reserves), and each step — authorise the router, approve the deposit, the router call — goes
 * through the one transactor (simulate first, decoded errors, toasts).
 */
export function MultiplyPanel({ chain, market, vault, onOpened }: MultiplyPanelProps) {
  const t = useTranslations("multiply");
  const f = useFormat();
  const planProblem = usePlanProblem();
  const amountProblem = useAmountProblem();
  const { address } = useAccount();
  const send = useTransactor();
  const approveAndSend = useApproveAndSend();
  const router = chain.deployment!.contracts.leverageRouter!;
  const held = vault?.collaterals.filter((c) => c.amount > 0n) ?? [];
  const choices = vault && held.length > 0 ? held.map((c) => c.asset) : market.collaterals.map((c) => c.info.asset);
  const [collateral, setCollateral] = useState<Address>(
    held.length > 0 ? [...held].sort((a, b) => (b.value > a.value ? 1 : -1))[0]!.asset : choices[0]!,
  );
  const [depositText, setDepositText] = useState("");
  const [touched, setTouched] = useState(false);
  const [mode, setMode] = useState<"adjust" | "close">("adjust");
  const [slippageBps, setSlippageBps] = useState(50n);
  const [sending, setBusy] = useState(false);
  // The router flow in progress on this vault (or on a new one in this market) locks the panel, across navigation too.
  const flowKey = multiplyFlowKey(chain.id, market.market, vault?.id);
  const flow = usePendingFlow(flowKey);
  const locked = flow !== undefined && flow.stage !== "interrupted";
  const busy = sending || locked;

  const info = market.collaterals.find((c) => c.info.asset === collateral)?.info;
  const decimals = info?.decimals ?? 18;
  const symbol = findAsset(chain.deployment, collateral)?.symbol ?? shortAddress(collateral);
  const baseSymbol = findAsset(chain.deployment, market.baseAsset)?.symbol ?? "base";
  const venue = useLeverageVenue(chain, market.market, market.baseAsset, collateral, address);
  const walletBalance = venue.data?.balance;
  const walletHint = useWalletHint(walletBalance, decimals, symbol);
  const position = toPosition(vault ?? EMPTY_VAULT, market);
  const isOwner = !vault || sameAddress(address, vault.owner);

  const parsed = parseAmount(depositText, { decimals, symbol, balance: walletBalance }, f);
  const depositEmpty = depositText.trim() === "";
  const deposit = parsed.ok ? parsed.value : 0n;
  const depositOk = parsed.ok || (Boolean(vault) && depositEmpty);
  const start = deposit > 0n ? applyChange(position, { kind: "deposit", asset: collateral, amount: deposit }) : position;
  const current = leverageOf(start);
  const currentHundredths = currentLeverageHundredths(current);
  const [target, setTarget] = useState<number | null>(vault ? null : 200);
  const chosenHundredths = target ?? currentHundredths;
  // What the person is typing in the leverage box (null: show the target).
  const [leverageText, setLeverageText] = useState<string | null>(null);

  const pool = venue.data?.pool ?? null;
  const ctx: LeverageContext | null = pool ? { position, collateral, pool, flashFeeBps: market.flashFeeBps, slippageBps, cash: market.cash } : null;
  // Before a new vault's deposit, the maximum shown and the box's limit are a one-token deposit's, marked "≈".
  const basis = maxLeverageDeposit(deposit, decimals, !vault);
  const max = ctx ? maxLeverage(ctx, basis.amount) : WAD;
  const maxHundredths = Math.max(100, Number(max / 10n ** 16n));
  const leverageParsed =
    leverageText === null ? null : parseLeverageText(leverageText, Math.max(maxHundredths, currentHundredths), f.decimalSeparator);
  // What is typed wins once it parses within the maximum (which may have been read after the typing).
  const targetHundredths = leverageParsed?.ok ? leverageParsed.hundredths : chosenHundredths;
  // A trade only when someone asked for one: a deposit, a target chosen, or Close — never from the prefilled current
  // leverage (which would preview a swap of 0 for a rounding difference). A new vault needs its deposit first.
  // A leverage typed wrong ("9" above the maximum, "abc") asks for nothing: no preview of the last good target.
  const typedWrong = leverageParsed !== null && !leverageParsed.ok;
  const asked =
    mode === "close" ||
    (!typedWrong &&
      (deposit > 0n || (vault !== undefined && (target !== null || leverageParsed?.ok === true) && targetHundredths !== currentHundredths)));
  const plan: LeveragePlan | null =
    ctx && asked ? (mode === "close" ? planClose(ctx) : planLeverage(ctx, deposit, targetLeverage(targetHundredths, current))) : null;
  const noChange = plan?.kind === "increase" && plan.flashAmount === 0n && deposit === 0n;
  const aboveMax = mode === "adjust" && asked && targetHundredths > maxHundredths && targetHundredths > currentHundredths;
  // Every router action needs it, opening too: the market hands the new vault only to an owner that trusts the router.
  const needsOperator = venue.data !== undefined && !venue.data.routerAuthorised;
  const pulls = mode === "adjust" && deposit > 0n;
  const needsApproval = pulls && venue.data !== undefined && venue.data.allowance < deposit;

  const problem = !isOwner
    ? t("notOwner")
    : venue.error
      ? t("venueError", { error: venue.error.message.split("\n")[0] ?? "" })
      : venue.data && !pool
        ? t("noPool", { base: baseSymbol, symbol })
        : !depositOk && (touched || !depositEmpty)
          ? parsed.ok
            ? null
            : amountProblem(parsed)
          : typedWrong && mode === "adjust"
            ? null // shown under the leverage box
            : aboveMax
              ? t("aboveMax", { max: f.leverage(max) })
              : plan?.problem
                ? planProblem(plan.problem.kind, { impact: f.percentFloat(plan.priceImpact), leverage: f.leverage(leverageOf(start)) })
                : null;
  const canSubmit =
    Boolean(address) &&
    !busy &&
    !problem &&
    !(typedWrong && mode === "adjust") &&
    plan !== null &&
    depositOk &&
    !noChange &&
    (mode === "close" || !vault || targetHundredths !== currentHundredths || deposit > 0n);

  async function submit() {
    setTouched(true);
    if (!canSubmit || !plan || !address) return;
    setBusy(true);
    try {
      if (needsOperator) {
        const ok = await send({
          label: t("labelAuthorise", { market: chain.deployment!.markets.find((m) => m.address === market.market)?.name ?? market.market }),
          chainId: chain.id,
          address: market.market,
          abi: keelMarketAbi,
          functionName: "setOperator",
          args: [router, true],
        });
        if (ok.status !== "confirmed") return;
      }
      const common = {
        chainId: chain.id,
        address: router,
        abi: keelLeverageRouterAbi,
        ...(vault ? { vault: { market: market.market, id: vault.id } } : {}),
      };
      const request =
        plan.kind === "increase"
          ? {
              ...common,
              label: vault
                ? t("labelRaise", { id: String(vault.id), leverage: f.leverage(plan.leverage) })
                : t("labelOpen", { leverage: f.leverage(plan.leverage), symbol, amount: f.token(deposit, decimals, symbol) }),
              functionName: "increase",
              args: [market.market, vault?.id ?? 0n, collateral, deposit, plan.flashAmount, plan.minCollateralOut],
            }
          : plan.kind === "decrease"
            ? {
                ...common,
                label: t("labelLower", { id: String(vault!.id), leverage: f.leverage(plan.leverage) }),
                functionName: "decrease",
                args: [market.market, vault!.id, collateral, plan.collateralToSell, plan.repayAmount, plan.minBaseOut],
              }
            : {
                ...common,
                label: t("labelClose", { id: String(vault!.id) }),
                functionName: "close",
                args: [market.market, vault!.id, collateral, plan.maxCollateralIn],
              };
      const pull = pulls
        ? { token: collateral, symbol, decimals, spender: router, amount: deposit, allowance: venue.data?.allowance ?? 0n, unlimited: false }
        : null;
      const result = await approveAndSend(pull, request, { key: flowKey, form: { collateral, depositText, target: String(targetHundredths), mode } });
      if (result.status === "confirmed") {
        setDepositText("");
        setTouched(false);
        setTarget(null);
        if (!vault) {
          const opened = parseEventLogs({ abi: keelLeverageRouterAbi, eventName: "LeverageIncreased", logs: result.receipt.logs })[0];
          if (opened) onOpened?.(opened.args.id);
        }
      }
    } finally {
      setBusy(false);
    }
  }

  const afterCollateral = plan?.after.collaterals.find((c) => sameAddress(c.asset, collateral))?.amount ?? 0n;
  const nowCollateral = position.collaterals.find((c) => sameAddress(c.asset, collateral))?.amount ?? 0n;
  // Both columns by the one health rule (lib/view/vault-summary.ts healthShown), as the vault page's badge and preview.
  const hfAfter = plan ? engineHealth(plan.after, plan.risk) : undefined;
  const nowLiq = vault?.collaterals.find((c) => c.asset === collateral)?.liquidationPrice ?? 0n;
  const price = position.collaterals.find((c) => sameAddress(c.asset, collateral))?.price ?? 0n;
  const steps = [
    { label: t("stepAuthoriseKeel"), done: !needsOperator },
    ...(pulls ? [{ label: t("stepApprove", { amount: f.token(deposit, decimals, symbol) }), done: !needsApproval }] : []),
    { label: t("stepOne", { mode: mode === "close" ? "close" : vault ? "adjust" : "open" }), done: false },
  ];
  const action =
    mode === "close"
      ? t("closePosition")
      : !vault && !typedWrong
        ? t("openLeverage", { leverage: f.leverage(targetLeverage(targetHundredths, current)) })
        : plan?.kind === "decrease"
          ? t("lower")
          : t("multiply");

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="multiply-panel" aria-label={t("title")}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-800 px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-100">{t("title")}</h2>
          <p className="text-xs text-slate-400">{t("introKeel", { base: baseSymbol, symbol })}</p>
        </div>
        {vault && <ModeTabs mode={mode} onMode={setMode} />}
      </header>
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <AssetSelect
          label={mode === "close" ? t("sellToRepay") : t("collateralToMultiply")}
          ariaLabel={t("collateralAria")}
          value={collateral}
          assets={choices}
          chain={chain}
          onChange={(a) => {
            setCollateral(a);
            setDepositText("");
            setTarget(vault ? null : 200);
          }}
        />

        {mode === "adjust" && (
          <>
            <AmountField
              id="multiply-deposit"
              label={vault ? t("addFromWallet", { symbol }) : t("deposit", { symbol })}
              symbol={symbol}
              value={depositText}
              onChange={(text) => {
                setDepositText(text);
                setTouched(true);
              }}
              onMax={walletBalance !== undefined ? () => setDepositText(f.unitsInput(walletBalance, decimals)) : undefined}
              maxLabel={walletBalance !== undefined ? t("maxWallet") : undefined}
              hint={walletHint}
              problem={touched && !depositOk ? (parsed.ok ? null : amountProblem(parsed)) : null}
            />
            <LeverageField
              target={targetHundredths}
              current={currentHundredths}
              max={maxHundredths}
              nowLabel={vault ? f.leverage(current) : null}
              maxLabel={!ctx ? "…" : basis.indicative ? `≈ ${f.leverage(max)}` : f.leverage(max)}
              text={leverageText}
              parsed={leverageParsed}
              onTarget={setTarget}
              onText={setLeverageText}
            />
          </>
        )}

        <SlippageSelect value={slippageBps} onChange={setSlippageBps} />

        {venue.isPending && <p className="text-sm text-slate-400">{t("readingPool")}</p>}

        {plan && (
          <MultiplyPreview
            rows={[
              {
                label: t("leverage"),
                testId: "mp-leverage",
                before: vault ? f.leverage(leverageOf(position)) : "—",
                after: f.leverage(plan.leverage),
              },
              {
                label: t("collateralOf", { symbol }),
                testId: "mp-collateral",
                before: f.token(nowCollateral, decimals, symbol),
                after: f.token(afterCollateral, decimals, symbol),
              },
              {
                label: t("debt"),
                testId: "mp-debt",
                before: f.token(position.debt, market.baseDecimals, baseSymbol),
                after: f.token(plan.after.debt, market.baseDecimals, baseSymbol),
              },
              {
                label: t("health"),
                testId: "mp-health",
                before: vault ? f.orNone(lensHealth(vault).healthFactor, f.healthFactor) : "—",
                after: hfAfter === undefined ? "—" : f.orNone(hfAfter.healthFactor, f.healthFactor),
                afterClass: hfAfter === undefined || hfAfter.band === "unpriced" ? "" : BAND_STYLE[hfAfter.band].text,
              },
              {
                label: t("liqPrice", { symbol }),
                testId: "mp-liq",
                before: nowLiq > 0n ? f.usd(nowLiq) : "—",
                after: plan.liquidationPrice > 0n ? f.usd(plan.liquidationPrice) : "—",
              },
            ]}
          />
        )}

        {plan && !noChange && (
          <SwapDetails
            plan={plan}
            col={(v) => f.token(v, decimals, symbol)}
            base={(v) => f.token(v, market.baseDecimals, baseSymbol)}
            backValue={plan.kind === "close" && price > 0n ? ` (${f.usd(valueDown(plan.collateralBack, price, decimals))})` : ""}
            otherCollateral
          />
        )}

        <MultiplyProblem problem={problem} priceImpact={plan?.priceImpact} />

        <MultiplySteps steps={steps} flow={flow} flowKey={flowKey} />

        <button
          type="submit"
          disabled={!canSubmit}
          data-testid="submit-multiply"
          className="w-full rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {!address ? t("connect") : busy ? t("working") : action}
        </button>
      </form>
    </section>
  );
}
