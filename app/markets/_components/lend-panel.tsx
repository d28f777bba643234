"use client";
import { useState } from "react";
import { useAccount } from "wagmi";
import { keelMarketCallAbi } from "@/contracts-abi";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useLenderPosition } from "@/hooks/use-markets";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { pendingFlows } from "@/lib/pending-flows";
import { parseAmount, type AmountLimits } from "@/lib/amount";
import { formatToken, formatUnitsFixed } from "@/lib/format";
import { lenderWithdrawCall, needsApproval, withdrawLimit } from "@/lib/markets";
import type { ChainConfig } from "@/lib/server/config";
import type { LensMarket } from "@/lib/vaults";

type Mode = "deposit" | "withdraw";

/**
 * Lend the market's base asset: deposit (approve first when the allowance is short, for the exact amount unless
 * unlimited is chosen) and withdraw, ERC-4626 on the market. Shows the wallet's supplied position and how much can be
 * withdrawn now.
 */
export function LendPanel({ chain, market, symbol }: { chain: ChainConfig; market: LensMarket; symbol: string }) {
  const { address } = useAccount();
  const position = useLenderPosition(chain, market.market, market.baseAsset, address);
  const approveAndSend = useApproveAndSend();
  const [chosenMode, setMode] = useState<Mode>("deposit");
  const [typed, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [chosenUnlimited, setUnlimited] = useState(false);
  // A flow in progress on this lender position owns the form (after navigation or reload too): locked, showing it.
  const flowKey = `lend:${chain.id}:${market.market.toLowerCase()}:${address?.toLowerCase() ?? ""}`;
  const flow = usePendingFlow(flowKey);
  const locked = flow !== undefined && flow.stage !== "interrupted";
  const form = locked ? (flow.form as { mode: Mode; text: string; unlimited: boolean }) : null;
  const mode = form?.mode ?? chosenMode;
  const text = form?.text ?? typed;
  const unlimited = form?.unlimited ?? chosenUnlimited;
  const busy = locked;

  const decimals = market.baseDecimals;
  const fmt = (v: bigint) => formatUnitsFixed(v, decimals, decimals);
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
            reason: limit!.limitedByLiquidity ? "the market's free liquidity limits withdrawals now" : "your supplied position",
          },
        };
  const parsed = limits ? parseAmount(text, limits, fmt) : null;
  const showProblem = parsed && !parsed.ok && (touched || text !== "");
  const amount = parsed?.ok ? parsed.value : null;
  const mustApprove = mode === "deposit" && pos && amount !== null && needsApproval(pos.allowance, amount);

  async function submit() {
    if (amount === null || !pos || !address) return;
    const sent = { mode, text, unlimited };
    const call = mode === "withdraw" ? lenderWithdrawCall(amount, pos) : null;
    const request =
      mode === "deposit"
        ? { functionName: "deposit", args: [amount, address], label: `Deposit ${fmt(amount)} ${symbol}` }
        : call!.functionName === "redeem"
          ? { functionName: "redeem", args: [call!.shares, address, address], label: `Withdraw all (${fmt(pos.supplied)} ${symbol})` }
          : { functionName: "withdraw", args: [amount, address, address], label: `Withdraw ${fmt(amount)} ${symbol}` };
    const pull =
      mode === "deposit"
        ? { token: market.baseAsset, symbol, decimals, spender: market.market, amount, allowance: pos.allowance, unlimited }
        : null;
    const r = await approveAndSend(
      pull,
      { ...request, chainId: chain.id, address: market.market, abi: keelMarketCallAbi },
      { key: flowKey, form: { ...sent } },
    );
    if (r.status === "confirmed") {
      setText((t) => (t === sent.text ? "" : t));
      setTouched(false);
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
      }}
      className={`flex-1 rounded-md px-3 py-1.5 text-sm font-medium ${mode === m ? "bg-slate-700 text-white" : "text-slate-400 hover:text-slate-200"}`}
    >
      {label}
    </button>
  );

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40 p-4" data-testid="lend-panel" aria-label={`Lend ${symbol}`}>
      <h3 className="mb-3 text-xs font-medium uppercase tracking-wide text-slate-400">Lend {symbol}</h3>
      {!address ? (
        <p className="text-sm text-slate-400">Connect a wallet to deposit {symbol} and earn the supply rate.</p>
      ) : (
        <div className="space-y-3">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-400">Your supplied</dt>
            <dd className="text-right tabular-nums" data-testid="lender-supplied">
              {pos ? formatToken(pos.supplied, decimals, symbol) : "…"}
            </dd>
            <dt className="text-slate-400">Withdrawable now</dt>
            <dd className="text-right tabular-nums" data-testid="lender-max-withdraw">
              {pos ? formatToken(pos.maxWithdraw, decimals, symbol) : "…"}
            </dd>
            <dt className="text-slate-400">Wallet</dt>
            <dd className="text-right tabular-nums" data-testid="lender-wallet">
              {pos ? formatToken(pos.walletBalance, decimals, symbol) : "…"}
            </dd>
          </dl>
          {limit?.limitedByLiquidity && (
            <p className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-xs text-amber-200" data-testid="liquidity-limited">
              Free liquidity limits your withdrawal: most of the market is lent out. The rest becomes withdrawable as borrowers repay or
              new lenders deposit.
            </p>
          )}
          {position.error && <p className="text-xs text-rose-300">Could not read your position: {position.error.message.split("\n")[0]}</p>}
          <div role="tablist" className="flex gap-1 rounded-lg bg-slate-800/60 p-1">
            {tab("deposit", "Deposit")}
            {tab("withdraw", "Withdraw")}
          </div>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
            className="space-y-2"
          >
            <label className="block text-xs text-slate-400" htmlFor={`amount-${market.market}`}>
              Amount to {mode}
            </label>
            <div className="flex gap-2">
              <input
                id={`amount-${market.market}`}
                data-testid="lend-amount"
                inputMode="decimal"
                autoComplete="off"
                placeholder="0.0"
                value={text}
                disabled={locked}
                onChange={(e) => {
                  setText(e.target.value);
                  setTouched(true);
                }}
                aria-invalid={Boolean(showProblem)}
                className={`min-w-0 flex-1 rounded-md border bg-slate-950 px-3 py-2 font-mono text-sm tabular-nums outline-none focus:border-sky-500 ${showProblem ? "border-rose-600" : "border-slate-700"}`}
              />
              <button
                type="button"
                disabled={!pos || locked}
                onClick={() => {
                  if (!pos) return;
                  setText(fmt(mode === "deposit" ? pos.walletBalance : pos.maxWithdraw).replaceAll(",", ""));
                  setTouched(true);
                }}
                className="rounded-md border border-slate-700 px-3 text-xs text-slate-300 hover:bg-slate-800 disabled:opacity-50"
              >
                Max
              </button>
            </div>
            <p className={`min-h-4 text-xs ${showProblem ? "text-rose-300" : "text-slate-400"}`} data-testid="lend-amount-message" role={showProblem ? "alert" : undefined}>
              {showProblem && parsed && !parsed.ok ? parsed.message : ""}
            </p>
            {mode === "deposit" && (
              <label className="flex items-center gap-2 text-xs text-slate-400">
                <input type="checkbox" checked={unlimited} disabled={locked} onChange={(e) => setUnlimited(e.target.checked)} className="accent-sky-500" />
                Approve an unlimited amount (otherwise exactly this deposit)
              </label>
            )}
            {mode === "deposit" && mustApprove && !locked && (
              <p className="text-xs text-slate-400" data-testid="approve-step">
                Two transactions, one click: allow the market to take {unlimited ? `any amount of ${symbol}` : `${fmt(amount!)} ${symbol}`}, then
                deposit.
              </p>
            )}
            {locked && (
              <p role="status" className="text-xs text-sky-200" data-testid="flow-pending">
                In progress — step {flow.current + 1} of {flow.steps.length}: {flow.steps[flow.current]}
                {flow.stage === "signing" ? " (waiting for your signature)" : flow.stage === "pending" ? " (sent, waiting for the chain)" : ""}.
              </p>
            )}
            {flow?.stage === "interrupted" && (
              <p role="alert" className="text-xs text-amber-200" data-testid="flow-interrupted">
                {flow.note}{" "}
                <button type="button" className="underline" onClick={() => pendingFlows().end(flowKey)}>
                  Dismiss
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
                ? "Check your wallet…"
                : amount === null
                  ? mode === "deposit"
                    ? "Deposit"
                    : "Withdraw"
                  : `${mustApprove ? "Approve & " : ""}${mode === "deposit" ? "Deposit" : "Withdraw"} ${fmt(amount)} ${symbol}`}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
