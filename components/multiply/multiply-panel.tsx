"use client";
import { useState } from "react";
import { formatUnits, parseEventLogs, type Address } from "viem";
import { useAccount } from "wagmi";
import { AmountField } from "@/components/amount-field";
import { AssetSelect } from "@/components/asset-select";
import { PreviewRow } from "@/components/preview-row";
import { keelMarketCallAbi, keelRouterCallAbi } from "@/contracts-abi";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useLeverageVenue } from "@/hooks/use-leverage-venue";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { useTransactor } from "@/hooks/use-transactor";
import { parseAmount, parseLeverageText } from "@/lib/amount";
import { pendingFlows } from "@/lib/pending-flows";
import { findAsset } from "@/lib/deployment";
import { formatHealthFactor, formatLeverage, formatToken, formatUnitsFixed, formatUsd, shortAddress } from "@/lib/format";
import { leverageOf, maxLeverage, planClose, planLeverage, type LeverageContext, type LeveragePlan } from "@/lib/leverage";
import { applyChange, healthBand, valueDown, WAD } from "@/lib/risk";
import type { ChainConfig } from "@/lib/server/config";
import { BAND_STYLE } from "@/lib/vault-summary";
import { toPosition, type LensMarket, type LensVault } from "@/lib/vaults";

const SLIPPAGE_CHOICES = [10n, 50n, 100n, 300n];
const EMPTY_VAULT = { collaterals: [], debt: 0n, debtShares: 0n } as const;
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
/** WAD → hundredths, rounded to nearest: a 3.00× position reads 300 (not 299 from 2.9999…×). */
const toHundredths = (wad: bigint) => Number((wad + 5n * 10n ** 15n) / 10n ** 16n);

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
 * Opens a new vault, or raises, lowers or closes an existing one. Every figure comes from lib/leverage.ts (lib/risk +
 * lib/amm on the pool's reserves), and each step — authorise the router, approve the deposit, the router call — goes
 * through the one transactor (simulate first, decoded errors, toasts).
 */
export function MultiplyPanel({ chain, market, vault, onOpened }: MultiplyPanelProps) {
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
  const flowKey = `multiply:${chain.id}:${market.market.toLowerCase()}:${vault?.id ?? "new"}`;
  const flow = usePendingFlow(flowKey);
  const locked = flow !== undefined && flow.stage !== "interrupted";
  const busy = sending || locked;

  const info = market.collaterals.find((c) => c.info.asset === collateral)?.info;
  const decimals = info?.decimals ?? 18;
  const symbol = findAsset(chain.deployment, collateral)?.symbol ?? shortAddress(collateral);
  const baseSymbol = findAsset(chain.deployment, market.baseAsset)?.symbol ?? "base";
  const venue = useLeverageVenue(chain, market.market, market.baseAsset, collateral, address);
  const position = toPosition(vault ?? EMPTY_VAULT, market);
  const isOwner = !vault || (address !== undefined && address.toLowerCase() === vault.owner.toLowerCase());

  const parsed = parseAmount(depositText, { decimals, symbol, balance: venue.data?.balance }, (v) => formatUnitsFixed(v, decimals, decimals));
  const depositEmpty = depositText.trim() === "";
  const deposit = parsed.ok ? parsed.value : 0n;
  const depositOk = parsed.ok || (Boolean(vault) && depositEmpty);
  const start = deposit > 0n ? applyChange(position, { kind: "deposit", asset: collateral, amount: deposit }) : position;
  const current = leverageOf(start);
  const currentHundredths = current > 100n * WAD ? 100 : toHundredths(current);
  const [target, setTarget] = useState<number | null>(vault ? null : 200);
  const targetHundredths = target ?? currentHundredths;
  // What the person is typing in the leverage box (null: show the target).
  const [leverageText, setLeverageText] = useState<string | null>(null);

  const pool = venue.data?.pool ?? null;
  const ctx: LeverageContext | null = pool
    ? { position, collateral, pool, flashFeeBps: market.flashFeeBps, slippageBps, cash: market.cash }
    : null;
  const max = ctx ? maxLeverage(ctx, deposit) : WAD;
  const maxHundredths = Math.max(100, Number(max / 10n ** 16n));
  const leverageParsed = leverageText === null ? null : parseLeverageText(leverageText, Math.max(maxHundredths, currentHundredths));
  // A trade only when someone asked for one: a deposit, a target chosen, or Close — never from the prefilled current
  // leverage (which would preview a swap of 0 for a rounding difference). A new vault needs its deposit first.
  const asked = mode === "close" || deposit > 0n || (vault !== undefined && target !== null && target !== currentHundredths);
  const plan: LeveragePlan | null =
    ctx && asked ? (mode === "close" ? planClose(ctx) : planLeverage(ctx, deposit, (BigInt(targetHundredths) * WAD) / 100n)) : null;
  const noChange = plan?.kind === "increase" && plan.flashAmount === 0n && deposit === 0n;
  const aboveMax = mode === "adjust" && asked && targetHundredths > maxHundredths && targetHundredths > currentHundredths;
  // Every router action needs it, opening too: the market hands the new vault only to an owner that trusts the router.
  const needsOperator = venue.data !== undefined && !venue.data.routerAuthorised;
  const pulls = mode === "adjust" && deposit > 0n;
  const needsApproval = pulls && venue.data !== undefined && venue.data.allowance < deposit;

  const problem = !isOwner
    ? "Only the vault's owner can multiply, lower or close it."
    : venue.error
      ? `Cannot read the swap venue: ${venue.error.message.split("\n")[0]}`
      : venue.data && !pool
        ? `There is no ${baseSymbol}/${symbol} pool on this chain's swap venue: Multiply is unavailable for this collateral.`
        : !depositOk && (touched || !depositEmpty)
          ? parsed.ok
            ? null
            : parsed.message
          : leverageParsed && !leverageParsed.ok
            ? null // shown under the leverage box
            : aboveMax
            ? `The most this position can take is ${formatLeverage(max)} (loan-to-value at your slippage bound, pool depth and the market's cash).`
            : (plan?.problem?.message ?? null);
  const canSubmit =
    Boolean(address) &&
    !busy &&
    !problem &&
    !(leverageParsed && !leverageParsed.ok && mode === "adjust") &&
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
          label: `Authorise the leverage router on ${chain.deployment!.markets.find((m) => m.address === market.market)?.name ?? "this market"}`,
          chainId: chain.id,
          address: market.market,
          abi: keelMarketCallAbi,
          functionName: "setOperator",
          args: [router, true],
        });
        if (ok.status !== "confirmed") return;
      }
      const common = { chainId: chain.id, address: router, abi: keelRouterCallAbi, ...(vault ? { vault: { market: market.market, id: vault.id } } : {}) };
      const request =
        plan.kind === "increase"
          ? {
              ...common,
              label: vault
                ? `Multiply vault #${vault.id} to ${formatLeverage(plan.leverage)}`
                : `Open ${formatLeverage(plan.leverage)} ${symbol} with ${formatToken(deposit, decimals, symbol)}`,
              functionName: "increase",
              args: [market.market, vault?.id ?? 0n, collateral, deposit, plan.flashAmount, plan.minCollateralOut],
            }
          : plan.kind === "decrease"
            ? {
                ...common,
                label: `Lower vault #${vault!.id} to ${formatLeverage(plan.leverage)}`,
                functionName: "decrease",
                args: [market.market, vault!.id, collateral, plan.collateralToSell, plan.repayAmount, plan.minBaseOut],
              }
            : {
                ...common,
                label: `Close vault #${vault!.id}`,
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
          const opened = parseEventLogs({ abi: keelRouterCallAbi, eventName: "LeverageIncreased", logs: result.receipt.logs })[0];
          if (opened) onOpened?.(opened.args.id);
        }
      }
    } finally {
      setBusy(false);
    }
  }

  const afterCollateral = plan?.after.collaterals.find((c) => c.asset.toLowerCase() === collateral.toLowerCase())?.amount ?? 0n;
  const nowCollateral = position.collaterals.find((c) => c.asset.toLowerCase() === collateral.toLowerCase())?.amount ?? 0n;
  const hfAfter = plan?.risk.healthFactor;
  const nowLiq = vault?.collaterals.find((c) => c.asset === collateral)?.liquidationPrice ?? 0n;
  const price = position.collaterals.find((c) => c.asset.toLowerCase() === collateral.toLowerCase())?.price ?? 0n;
  const steps = [
    { label: "Authorise the leverage router as your operator on this market", done: !needsOperator },
    ...(pulls ? [{ label: `Approve ${formatToken(deposit, decimals, symbol)} to the router`, done: !needsApproval }] : []),
    { label: mode === "close" ? "Close: one transaction" : vault ? "Adjust: one transaction" : "Open: one transaction", done: false },
  ];
  const action = mode === "close" ? "Close position" : !vault ? `Open ${formatLeverage((BigInt(targetHundredths) * WAD) / 100n)}` : plan?.kind === "decrease" ? "Lower leverage" : "Multiply";

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="multiply-panel" aria-label="Multiply">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-800 px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-100">Multiply</h2>
          <p className="text-xs text-slate-400">
            Flash-borrow {baseSymbol}, buy {symbol}, deposit, borrow — one transaction through the leverage router.
          </p>
        </div>
        {vault && (
          <div role="tablist" className="flex rounded-lg border border-slate-700 text-xs">
            {(["adjust", "close"] as const).map((m) => (
              <button
                key={m}
                role="tab"
                type="button"
                aria-selected={mode === m}
                onClick={() => setMode(m)}
                className={`px-3 py-1.5 ${mode === m ? "bg-slate-800 text-sky-300" : "text-slate-400 hover:text-slate-200"}`}
              >
                {m === "adjust" ? "Adjust" : "Close"}
              </button>
            ))}
          </div>
        )}
      </header>
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <AssetSelect
          label={mode === "close" ? "Sell to repay the debt" : "Collateral to multiply"}
          ariaLabel="Multiply collateral"
          value={collateral}
          assets={choices}
          deployment={chain.deployment}
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
              label={vault ? `Add ${symbol} from your wallet (optional)` : `Deposit ${symbol}`}
              symbol={symbol}
              value={depositText}
              onChange={(t) => {
                setDepositText(t);
                setTouched(true);
              }}
              onMax={venue.data ? () => setDepositText(formatUnits(venue.data!.balance, decimals)) : undefined}
              maxLabel={venue.data ? "Max: your wallet balance" : undefined}
              hint={`Wallet: ${venue.data ? formatToken(venue.data.balance, decimals, symbol) : "…"}`}
              problem={touched && !depositOk ? (parsed.ok ? null : parsed.message) : null}
            />
            <div className="space-y-1">
              <div className="flex items-center justify-between text-xs text-slate-400">
                <label htmlFor="multiply-leverage">Target leverage</label>
                <span>
                  {vault && <>now {formatLeverage(current)} · </>}max {formatLeverage(max)}
                </span>
              </div>
              <div className="flex items-center gap-3">
                <input
                  id="multiply-leverage"
                  data-testid="leverage-slider"
                  type="range"
                  min={100}
                  max={Math.max(maxHundredths, currentHundredths)}
                  step={1}
                  value={Math.min(targetHundredths, Math.max(maxHundredths, currentHundredths))}
                  onChange={(e) => {
                    setTarget(Number(e.target.value));
                    setLeverageText(null);
                  }}
                  className="w-full accent-sky-400"
                />
                <input
                  aria-label="Target leverage (×)"
                  data-testid="leverage-input"
                  inputMode="decimal"
                  value={leverageText ?? (targetHundredths / 100).toFixed(2)}
                  aria-invalid={Boolean(leverageParsed && !leverageParsed.ok)}
                  aria-describedby="multiply-leverage-problem"
                  onChange={(e) => {
                    setLeverageText(e.target.value);
                    const p = parseLeverageText(e.target.value, Math.max(maxHundredths, currentHundredths));
                    if (p.ok) setTarget(p.hundredths);
                  }}
                  onBlur={() => {
                    if (leverageParsed?.ok !== false) setLeverageText(null);
                  }}
                  className={`w-20 rounded-md border bg-slate-950 px-2 py-1 text-right font-mono text-sm ${leverageParsed && !leverageParsed.ok ? "border-rose-600" : "border-slate-700"}`}
                />
              </div>
              <p id="multiply-leverage-problem" role={leverageParsed && !leverageParsed.ok ? "alert" : undefined} className="min-h-4 text-xs text-rose-300" data-testid="leverage-problem">
                {leverageParsed && !leverageParsed.ok ? leverageParsed.message : ""}
              </p>
            </div>
          </>
        )}

        <label className="flex items-center justify-between gap-3 text-xs text-slate-400">
          <span>Slippage bound — the swap reverts beyond it</span>
          <select
            aria-label="Slippage bound"
            value={String(slippageBps)}
            onChange={(e) => setSlippageBps(BigInt(e.target.value))}
            className="rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100"
          >
            {SLIPPAGE_CHOICES.map((b) => (
              <option key={String(b)} value={String(b)}>
                {(Number(b) / 100).toFixed(1)} %
              </option>
            ))}
          </select>
        </label>

        {venue.isPending && <p className="text-sm text-slate-400">Reading the pool…</p>}

        {plan && (
          <table className="w-full text-sm" data-testid="multiply-preview">
            <thead className="text-left text-xs text-slate-400">
              <tr>
                <th className="py-1 font-normal">Position</th>
                <th className="py-1 text-right font-normal">Now</th>
                <th className="py-1 text-right font-normal">After</th>
              </tr>
            </thead>
            <tbody className="font-mono tabular-nums">
              <PreviewRow label="Leverage" testId="mp-leverage" before={formatLeverage(leverageOf(position))} after={formatLeverage(plan.leverage)} />
              <PreviewRow
                label={`Collateral ${symbol}`}
                testId="mp-collateral"
                before={formatToken(nowCollateral, decimals, symbol)}
                after={formatToken(afterCollateral, decimals, symbol)}
              />
              <PreviewRow
                label="Debt"
                testId="mp-debt"
                before={formatToken(position.debt, market.baseDecimals, baseSymbol)}
                after={formatToken(plan.after.debt, market.baseDecimals, baseSymbol)}
              />
              <PreviewRow
                label="Health factor"
                testId="mp-health"
                before={vault ? formatHealthFactor(vault.healthFactor) : "—"}
                after={hfAfter === undefined ? "—" : formatHealthFactor(hfAfter)}
                afterClass={hfAfter === undefined ? "" : BAND_STYLE[healthBand(hfAfter)].text}
              />
              <PreviewRow
                label={`Liquidation price ${symbol}`}
                testId="mp-liq"
                before={nowLiq > 0n ? formatUsd(nowLiq) : "—"}
                after={plan.liquidationPrice > 0n ? formatUsd(plan.liquidationPrice) : "—"}
              />
            </tbody>
          </table>
        )}

        {plan && !noChange && <SwapDetails plan={plan} symbol={symbol} decimals={decimals} baseSymbol={baseSymbol} baseDecimals={market.baseDecimals} price={price} />}

        {problem && (
          <p role="alert" data-testid="multiply-problem" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
            {problem}
          </p>
        )}
        {!problem && plan && plan.priceImpact > 0.01 && (
          <p role="alert" className="rounded-md border border-orange-700 bg-orange-950/40 px-3 py-2 text-sm text-orange-200">
            Price impact {pct(plan.priceImpact)}: a large trade for this pool. Smaller steps cost less.
          </p>
        )}

        {locked && (
          <p role="status" data-testid="flow-pending" className="rounded-md border border-sky-800 bg-sky-950/40 px-3 py-2 text-sm text-sky-200">
            In progress — step {flow.current + 1} of {flow.steps.length}: {flow.steps[flow.current]}
            {flow.stage === "signing" ? " (waiting for your signature)" : flow.stage === "pending" ? " (sent, waiting for the chain)" : ""}.
          </p>
        )}
        {flow?.stage === "interrupted" && (
          <p role="alert" data-testid="flow-interrupted" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
            {flow.note}{" "}
            <button type="button" className="underline" onClick={() => pendingFlows().end(flowKey)}>
              Dismiss
            </button>
          </p>
        )}
        <ol className="space-y-1 text-xs text-slate-400" data-testid="multiply-steps">
          {steps.map((s, i) => (
            <li key={s.label} className={s.done ? "text-emerald-300" : ""}>
              {i + 1}. {s.label}
              {s.done ? " ✓" : ""}
            </li>
          ))}
        </ol>

        <button
          type="submit"
          disabled={!canSubmit}
          data-testid="submit-multiply"
          className="w-full rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {!address ? "Connect a wallet" : busy ? "Working…" : action}
        </button>
      </form>
    </section>
  );
}

function SwapDetails({
  plan,
  symbol,
  decimals,
  baseSymbol,
  baseDecimals,
  price,
}: {
  plan: LeveragePlan;
  symbol: string;
  decimals: number;
  baseSymbol: string;
  baseDecimals: number;
  price: bigint;
}) {
  const col = (v: bigint) => formatToken(v, decimals, symbol);
  const base = (v: bigint) => formatToken(v, baseDecimals, baseSymbol);
  const lines: [string, string][] =
    plan.kind === "increase"
      ? [
          ["Swap", `${base(plan.flashAmount)} → ≈ ${col(plan.expectedOut)}`],
          ["Slippage bound", `at least ${col(plan.minCollateralOut)}`],
          ["Fees", `swap ${base(plan.swapFee)} · flash loan ${base(plan.flashFee)}`],
        ]
      : plan.kind === "decrease"
        ? [
            ["Swap", `${col(plan.collateralToSell)} → ≈ ${base(plan.expectedBaseOut)}`],
            ["Slippage bound", `at least ${base(plan.minBaseOut)}`],
            ["Fees", `swap ${col(plan.swapFee)} · flash loan ${base(plan.flashFee)}`],
          ]
        : [
            ["Repay", `${base(plan.debt)} with a flash loan`],
            ["Swap", `≈ ${col(plan.expectedCollateralIn)} → ${base(plan.debt + plan.flashFee)}`],
            ["Slippage bound", `at most ${col(plan.maxCollateralIn)}`],
            ["You receive", `≈ ${col(plan.collateralBack)}${price > 0n ? ` (${formatUsd(valueDown(plan.collateralBack, price, decimals))})` : ""} and any other collateral`],
            ["Fees", `swap ${col(plan.swapFee)} · flash loan ${base(plan.flashFee)}`],
          ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-800 bg-slate-950/50 px-3 py-2 text-xs" data-testid="multiply-swap">
      {lines.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd className="text-right font-mono tabular-nums text-slate-200">{v}</dd>
        </div>
      ))}
      <dt className="text-slate-400">Price impact</dt>
      <dd className="text-right font-mono tabular-nums text-slate-200" data-testid="mp-impact">
        {pct(plan.priceImpact)}
      </dd>
    </dl>
  );
}
