"use client";
import { keelLenderVaultAbi } from "@/contracts-abi/abi/KeelLenderVault";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAccount } from "wagmi";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useFormat } from "@/hooks/use-format";
import { useLenderPosition } from "@/hooks/use-markets";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { pendingFlows } from "@/lib/tx/pending-flows";
import { parseAmount, type AmountLimits } from "@/lib/view/amount";
import { lenderWithdrawCall, needsApproval, withdrawLimit } from "@/lib/read/markets";
import { ratesAfterCash } from "@/lib/engine/rates";
import { PreviewRow } from "@/components/preview-row";
import type { ChainConfig } from "@/lib/config/chains";
import type { DeployedMarket } from "@/lib/config/deployment";
import type { LensMarket } from "@/lib/read/vaults";
import { onTabListKeyDown } from "@/components/tab-keys";

type Mode = "deposit" | "withdraw";

/**
 * Lend the market's base asset through its lender vault (KeelLenderVault, ERC-4626 over the market's supply): deposit
 * (approve the vault first when the allowance is short, for the exact amount unless unlimited is chosen) and withdraw.
 * Shows the wallet's supplied position and how much can be withdrawn now.
 */
export function LendPanel({
  chain,
  market,
  lenderVault,
  symbol,
}: {
  chain: ChainConfig;
  market: LensMarket;
  lenderVault: DeployedMarket["lenderVault"];
  symbol: string;
}) {
  const t = useTranslations("lend");
  const tc = useTranslations("common");
  const ta = useTranslations("actions");
  const f = useFormat();
  const amountProblem = useAmountProblem();
  const { address } = useAccount();
  const position = useLenderPosition(chain, lenderVault, market.baseAsset, address);
  const approveAndSend = useApproveAndSend();
  const [chosenMode, setMode] = useState<Mode>("deposit");
  const [typed, setText] = useState("");
  // Max pressed (and the amount not edited since): a withdrawal of everything redeems every share.
  const [maxed, setMaxed] = useState(false);
  const [touched, setTouched] = useState(false);
  const [chosenUnlimited, setUnlimited] = useState(false);
  // A flow in progress on this lender position owns the form (after navigation or reload too): locked, showing it.
  const flowKey = `lend:${chain.id}:${market.market.toLowerCase()}:${address?.toLowerCase() ?? ""}`;
  const flow = usePendingFlow(flowKey);
  const locked = flow !== undefined && flow.stage !== "interrupted";
  const form = locked ? (flow.form as { mode: Mode; text: string; unlimited: boolean; maxed?: boolean }) : null;
  const mode = form?.mode ?? chosenMode;
  const text = form?.text ?? typed;
  const unlimited = form?.unlimited ?? chosenUnlimited;
  const everything = mode === "withdraw" && (form?.maxed ?? maxed);
  const busy = locked;

  const decimals = market.baseDecimals;
  // An amount exactly, in the reader's language, alone and with its symbol.
  const shown = (v: bigint) => `${f.unitsExact(v, decimals)} ${symbol}`;
  const pos = position.data;
  const limit = pos ? withdrawLimit(pos.supplied, pos.maxWithdraw) : null;

  const limits: AmountLimits | null = !pos
    ? null
    : mode === "deposit"
      ? { decimals, symbol, balance: pos.walletBalance }
      : {
          decimals,
          symbol,
          max: {
            value: pos.maxWithdraw,
            reason: limit!.limitedByLiquidity ? t("reasonLiquidity") : t("reasonPosition"),
          },
        };
  const parsed = limits ? parseAmount(text, limits, f) : null;
  const showProblem = parsed && !parsed.ok && (touched || text !== "");
  const amount = parsed?.ok ? parsed.value : null;
  const mustApprove = mode === "deposit" && pos && amount !== null && needsApproval(pos.allowance, amount);
  // The withdrawal redeems every share (Max, or the whole position typed): the button says so, with the position's value.
  const redeemsAll = mode === "withdraw" && pos && amount !== null && lenderWithdrawCall(amount, pos, everything).functionName === "redeem";
  // Before → after at this block: the lender's supply, and the market's utilisation and supply APR once the cash moves
  // (lib/engine/rates.ts, the market's own model; interest accrues from the next block on).
  const after =
    pos && amount !== null
      ? {
          ...ratesAfterCash(market, mode === "deposit" ? amount : -amount),
          supplied: mode === "deposit" ? pos.supplied + amount : redeemsAll || amount >= pos.supplied ? 0n : pos.supplied - amount,
        }
      : null;

  async function submit() {
    if (amount === null || !pos || !address) return;
    const sent = { mode, text, unlimited, maxed: everything };
    const call = mode === "withdraw" ? lenderWithdrawCall(amount, pos, everything) : null;
    const request =
      mode === "deposit"
        ? { functionName: "deposit", args: [amount, address], label: ta("labelDeposit", { amount: shown(amount) }) }
        : call!.functionName === "redeem"
          ? { functionName: "redeem", args: [call!.shares, address, address], label: t("labelWithdrawAll", { amount: shown(pos.supplied) }) }
          : { functionName: "withdraw", args: [amount, address, address], label: ta("labelWithdraw", { amount: shown(amount) }) };
    const pull =
      mode === "deposit" ? { token: market.baseAsset, symbol, decimals, spender: lenderVault, amount, allowance: pos.allowance, unlimited } : null;
    const r = await approveAndSend(
      pull,
      { ...request, chainId: chain.id, address: lenderVault, abi: keelLenderVaultAbi },
      { key: flowKey, form: { ...sent } },
    );
    if (r.status === "confirmed") {
      setText((t) => (t === sent.text ? "" : t));
      setTouched(false);
      setMaxed(false);
    }
  }

  const tab = (m: Mode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === m}
      disabled={locked && mode !== m}
      onClick={() => {
        setMode(m);
        setText("");
        setTouched(false);
        setMaxed(false);
      }}
      className={`flex-1 rounded-md px-3 py-1.5 text-sm font-medium ${mode === m ? "bg-slate-700 text-white" : "text-slate-400 hover:text-slate-200"}`}
    >
      {label}
    </button>
  );

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="lend-panel" aria-label={t("title", { symbol })}>
      <h3 className="mb-3 text-xs font-medium uppercase tracking-wide text-slate-400">{t("title", { symbol })}</h3>
      {!address ? (
        <p className="text-sm text-slate-400">{t("connect", { symbol })}</p>
      ) : (
        <div className="space-y-3">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-400">{t("supplied")}</dt>
            <dd className="text-right tabular-nums" data-testid="lender-supplied">
              {pos ? f.token(pos.supplied, decimals, symbol) : "…"}
            </dd>
            {/* The two limits an amount is checked against, never rounded up (typing what is shown is always accepted). */}
            <dt className="text-slate-400">{t("withdrawable")}</dt>
            <dd className="text-right tabular-nums" data-testid="lender-max-withdraw">
              {pos ? f.tokenDown(pos.maxWithdraw, decimals, symbol) : "…"}
            </dd>
            <dt className="text-slate-400">{t("wallet")}</dt>
            <dd className="text-right tabular-nums" data-testid="lender-wallet">
              {pos ? f.tokenDown(pos.walletBalance, decimals, symbol) : "…"}
            </dd>
          </dl>
          {limit?.limitedByLiquidity && (
            <p className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200" data-testid="liquidity-limited">
              {t("liquidityLimited")}
            </p>
          )}
          {position.error && <p className="text-xs text-rose-300">{t("readError", { why: position.error.message.split("\n")[0]! })}</p>}
          <div role="tablist" aria-label={t("title", { symbol })} className="flex gap-1 rounded-lg bg-slate-800/60 p-1" onKeyDown={onTabListKeyDown}>
            {tab("deposit", ta("deposit"))}
            {tab("withdraw", ta("withdraw"))}
          </div>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
            className="space-y-2"
          >
            <label className="block text-xs text-slate-400" htmlFor={`amount-${market.market}`}>
              {t("amountTo", { mode })}
            </label>
            <div className="flex gap-2">
              <input
                id={`amount-${market.market}`}
                data-testid="lend-amount"
                inputMode="decimal"
                autoComplete="off"
                placeholder={f.decimalText("0.0")}
                value={text}
                disabled={locked}
                onChange={(e) => {
                  setText(e.target.value);
                  setTouched(true);
                  setMaxed(false);
                }}
                aria-invalid={Boolean(showProblem)}
                className={`min-w-0 flex-1 rounded-md border bg-slate-950 px-3 py-2 font-mono text-sm tabular-nums outline-none focus:border-sky-500 ${showProblem ? "border-rose-600" : "border-slate-700"}`}
              />
              <button
                type="button"
                // Nothing to deposit or withdraw: Max would only fill 0 and a problem.
                disabled={!pos || locked || (mode === "deposit" ? pos.walletBalance : pos.maxWithdraw) === 0n}
                onClick={() => {
                  if (!pos) return;
                  setText(f.unitsInput(mode === "deposit" ? pos.walletBalance : pos.maxWithdraw, decimals));
                  setTouched(true);
                  setMaxed(true);
                }}
                className="rounded-md border border-slate-700 px-3 text-xs text-slate-300 hover:bg-slate-800 disabled:opacity-50"
              >
                {tc("max")}
              </button>
            </div>
            <p
              className={`min-h-4 text-xs ${showProblem ? "text-rose-300" : "text-slate-400"}`}
              data-testid="lend-amount-message"
              role={showProblem ? "alert" : undefined}
            >
              {showProblem && parsed && !parsed.ok ? amountProblem(parsed) : ""}
            </p>
            {pos && (
              <table className="w-full font-mono text-sm tabular-nums" data-testid="lend-preview">
                <caption className="sr-only">{t("previewCaption")}</caption>
                <tbody>
                  <PreviewRow
                    testId="lend-preview-supplied"
                    label={t("supplied")}
                    before={f.token(pos.supplied, decimals, symbol)}
                    {...(after ? { after: f.token(after.supplied, decimals, symbol) } : {})}
                  />
                  <PreviewRow
                    testId="lend-preview-apr"
                    label={t("supplyApr")}
                    before={f.apr(market.supplyRate)}
                    {...(after ? { after: f.apr(after.supplyRate) } : {})}
                  />
                  <PreviewRow
                    testId="lend-preview-utilization"
                    label={t("utilization")}
                    before={f.percent(market.utilization)}
                    {...(after ? { after: f.percent(after.utilization) } : {})}
                  />
                </tbody>
              </table>
            )}
            {mode === "deposit" && (
              <label className="flex items-center gap-2 text-xs text-slate-400">
                <input
                  type="checkbox"
                  checked={unlimited}
                  disabled={locked}
                  onChange={(e) => setUnlimited(e.target.checked)}
                  className="accent-sky-500"
                />
                {t("approveUnlimited")}
              </label>
            )}
            {mode === "deposit" && mustApprove && !locked && (
              <p className="text-xs text-slate-400" data-testid="approve-step">
                {t("twoSteps", { unlimited: unlimited ? "yes" : "no", symbol, amount: shown(amount!) })}
              </p>
            )}
            {locked && (
              <p role="status" className="text-xs text-sky-200" data-testid="flow-pending">
                {ta("inProgress", { step: flow.current + 1, steps: flow.steps.length, label: flow.steps[flow.current] ?? "", stage: flow.stage })}
              </p>
            )}
            {flow?.stage === "interrupted" && (
              <p role="alert" className="text-xs text-amber-200" data-testid="flow-interrupted">
                {flow.note}{" "}
                <button type="button" className="underline" onClick={() => pendingFlows().end(flowKey)}>
                  {tc("dismiss")}
                </button>
              </p>
            )}
            <button
              type="submit"
              data-testid="lend-submit"
              disabled={amount === null || busy}
              className="w-full rounded-md bg-sky-600 px-3 py-2 text-sm font-medium text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
            >
              {busy
                ? t("checkWallet")
                : amount === null
                  ? ta(mode)
                  : mustApprove
                    ? t("approveAndDeposit", { amount: shown(amount) })
                    : redeemsAll
                      ? t("labelWithdrawAll", { amount: shown(pos!.supplied) })
                      : ta(mode === "deposit" ? "labelDeposit" : "labelWithdraw", { amount: shown(amount) })}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
