"use client";
import { useState } from "react";
import { formatUnits, type Address } from "viem";
import { useAccount } from "wagmi";
import { AmountField } from "@/components/amount-field";
import { AssetSelect } from "@/components/asset-select";
import { PreviewRow } from "@/components/preview-row";
import { keelMarketCallAbi } from "@/contracts-abi";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { pendingFlows } from "@/lib/pending-flows";
import type { WalletToken } from "@/hooks/use-vault";
import { parseAmount } from "@/lib/amount";
import { findAsset } from "@/lib/deployment";
import { formatHealthFactor, formatToken, formatUnitsFixed, formatUsd, shortAddress } from "@/lib/format";
import { feedStatus } from "@/lib/oracle";
import type { ChainConfig } from "@/lib/server/config";
import { actionLimits, previewAction, repayAllAllowance, REPAY_ALL_MARGIN_BPS, vaultActionCall, type VaultAction } from "@/lib/vault-actions";
import { BAND_STYLE } from "@/lib/vault-summary";
import { healthBand, type VaultPosition } from "@/lib/risk";
import type { LensMarket, LensVault } from "@/lib/vaults";

/** The form's values, recorded with a pending flow so the locked form shows what is being sent. */
interface ActionForm {
  action: VaultAction;
  asset: Address;
  text: string;
  repayAll: boolean;
  unlimited: boolean;
}

const ACTIONS: { key: VaultAction; label: string }[] = [
  { key: "deposit", label: "Deposit" },
  { key: "withdraw", label: "Withdraw" },
  { key: "borrow", label: "Borrow" },
  { key: "repay", label: "Repay" },
];

export interface ActionPanelProps {
  chain: ChainConfig;
  vault: LensVault;
  market: LensMarket;
  position: VaultPosition;
  wallet: Map<string, WalletToken> | undefined;
  /** Health factor Max keeps and below which the page warns (WAD). */
  safety: bigint;
  /** Assets without a usable price (borrowing, and withdrawing with debt, are paused). */
  unpriced: { asset: Address; status: number }[];
  /** The data shown may be out of date (RPC unreachable). */
  stale: boolean;
}

/** Deposit / Withdraw / Borrow / Repay with exact amounts, Max within the safety buffer, and a before → after preview. */
export function ActionPanel({ chain, vault, market, position, wallet, safety, unpriced, stale }: ActionPanelProps) {
  const { address } = useAccount();
  const approveAndSend = useApproveAndSend();
  const [chosenAction, setAction] = useState<VaultAction>("deposit");
  const collaterals = market.collaterals.map((c) => c.info.asset);
  const [chosenAsset, setAssetAddr] = useState<Address>(vault.collaterals.find((c) => c.amount > 0n)?.asset ?? collaterals[0]!);
  const [typed, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [chosenRepayAll, setRepayAll] = useState(false);
  const [chosenUnlimited, setUnlimited] = useState(false);
  // A flow in progress on this vault (started here, before a navigation, or before a reload) owns the form: it shows the
  // amount being sent, locked, until the flow ends.
  const flowKey = `vault:${chain.id}:${vault.market.toLowerCase()}:${vault.id}`;
  const flow = usePendingFlow(flowKey);
  const locked = flow !== undefined && flow.stage !== "interrupted";
  const form = locked ? (flow.form as unknown as ActionForm) : null;
  const action = form?.action ?? chosenAction;
  const assetAddr = form?.asset ?? chosenAsset;
  const text = form?.text ?? typed;
  const repayAll = form?.repayAll ?? chosenRepayAll;
  const unlimited = form?.unlimited ?? chosenUnlimited;
  const busy = locked;

  const base = findAsset(chain.deployment, market.baseAsset);
  const usesCollateral = action === "deposit" || action === "withdraw";
  const tokenAddr = usesCollateral ? assetAddr : market.baseAsset;
  const info = usesCollateral ? market.collaterals.find((c) => c.info.asset === assetAddr)?.info : undefined;
  const decimals = usesCollateral ? (info?.decimals ?? 18) : market.baseDecimals;
  const symbol = findAsset(chain.deployment, tokenAddr)?.symbol ?? shortAddress(tokenAddr);
  const token = wallet?.get(tokenAddr.toLowerCase());
  const isOwner = address !== undefined && address.toLowerCase() === vault.owner.toLowerCase();
  const fmt = (v: bigint) => formatUnitsFixed(v, decimals, decimals);

  const limits = actionLimits({
    action,
    position,
    asset: usesCollateral ? assetAddr : undefined,
    walletBalance: action === "deposit" || action === "repay" ? (token?.balance ?? 0n) : undefined,
    cash: market.cash,
    minHealth: safety,
  });
  const needsPrices = action === "borrow" || (action === "withdraw" && vault.debt > 0n);
  const paused = needsPrices && unpriced.length > 0;
  // While a price is missing the limits cannot be known (they read 0): the pause notice says why instead.
  const parsed = parseAmount(text, { decimals, symbol, balance: limits.balance, max: paused ? undefined : limits.max }, fmt);
  const amount = parsed.ok ? parsed.value : 0n;
  const preview = parsed.ok && !paused ? previewAction(position, action, amount, safety, usesCollateral ? assetAddr : undefined) : null;
  const ownerOnly = (action === "withdraw" || action === "borrow") && !isOwner;
  const block = preview?.beyondLtv
    ? "Not allowed: this would take the vault beyond its maximum loan-to-value (the chain refuses it)."
    : preview?.liquidatable && (action === "withdraw" || action === "borrow")
      ? "Not allowed: this would leave the vault liquidatable."
      : null;
  const warning =
    !block && preview?.belowWarning && (action === "withdraw" || action === "borrow")
      ? `Health factor after: ${formatHealthFactor(preview.risk.healthFactor)}, below your safety level ${formatHealthFactor(safety)}.`
      : null;
  const canSubmit = parsed.ok && !block && !paused && !ownerOnly && !busy && Boolean(address) && (!usesCollateral || Boolean(info));
  const sendsAll = action === "repay" && repayAll && parsed.ok && Boolean(limits.repayAll);
  const pulls = action === "deposit" || action === "repay";
  const pullAmount = sendsAll ? repayAllAllowance(vault.debt, token?.balance ?? 0n) : amount;
  const needsApproval = pulls && parsed.ok && token !== undefined && token.allowance < pullAmount;

  function choose(a: VaultAction) {
    setAction(a);
    setText("");
    setTouched(false);
    setRepayAll(false);
  }

  async function submit() {
    setTouched(true);
    if (!canSubmit || !address) return;
    const amountText = sendsAll ? `all debt (${formatToken(vault.debt, decimals, symbol)})` : formatToken(amount, decimals, symbol, decimals);
    const common = { chainId: chain.id, address: vault.market, abi: keelMarketCallAbi, vault: { market: vault.market, id: vault.id } };
    const verb = ACTIONS.find((a) => a.key === action)!.label;
    const request = {
      ...common,
      label: `${verb} ${amountText}`,
      ...vaultActionCall({ action, vaultId: vault.id, asset: assetAddr, amount, receiver: address, repayAll: sendsAll }),
    };
    const pull =
      pulls && token ? { token: tokenAddr, symbol, decimals, spender: vault.market, amount: pullAmount, allowance: token.allowance, unlimited } : null;
    const sent: ActionForm = { action, asset: assetAddr, text, repayAll, unlimited };
    const result = await approveAndSend(pull, request, { key: flowKey, form: { ...sent } });
    // Clear only what was sent: an amount typed since (the form is locked, so only after the flow) stays.
    if (result.status === "confirmed") {
      setText((t) => (t === sent.text ? "" : t));
      setTouched(false);
      setRepayAll(false);
    }
  }

  const hint =
    action === "deposit" || action === "repay"
      ? `Wallet: ${token ? formatToken(token.balance, decimals, symbol) : "…"}`
      : action === "withdraw"
        ? `In vault: ${formatToken(position.collaterals.find((c) => c.asset === assetAddr)?.amount ?? 0n, decimals, symbol)}`
        : `Market can lend: ${formatToken(market.cash, decimals, symbol)}`;
  const maxLabel = paused
    ? undefined
    : action === "withdraw" || action === "borrow"
      ? `Max keeps health ≥ ${formatHealthFactor(safety)}: ${formatToken(limits.suggested, decimals, symbol)}`
      : action === "repay" && limits.repayAll
        ? "Max repays all the debt"
        : undefined;

  // before (the lens, on-chain) → after (lib/risk)
  const hfBefore = vault.healthFactor;
  const hfAfter = preview?.risk.healthFactor;
  const liqAsset = usesCollateral ? assetAddr : (vault.collaterals.find((c) => c.amount > 0n)?.asset ?? assetAddr);
  const liqSymbol = findAsset(chain.deployment, liqAsset)?.symbol ?? shortAddress(liqAsset);
  const liqBefore = vault.collaterals.find((c) => c.asset === liqAsset)?.liquidationPrice ?? 0n;
  const liqAfter = preview?.liquidationPrices.get(liqAsset.toLowerCase());
  const baseSymbol = base?.symbol ?? "base";

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="action-panel">
      <div role="tablist" className="grid grid-cols-4 border-b border-slate-800 text-sm">
        {ACTIONS.map((a) => (
          <button
            key={a.key}
            role="tab"
            aria-selected={action === a.key}
            disabled={locked && action !== a.key}
            onClick={() => choose(a.key)}
            className={`px-3 py-2.5 font-medium ${action === a.key ? "border-b-2 border-sky-400 text-sky-300" : "text-slate-400 hover:text-slate-200"}`}
          >
            {a.label}
          </button>
        ))}
      </div>
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {locked && (
          <p role="status" data-testid="flow-pending" className="rounded-md border border-sky-800 bg-sky-950/40 px-3 py-2 text-sm text-sky-200">
            In progress — step {flow.current + 1} of {flow.steps.length}: {flow.steps[flow.current]}
            {flow.stage === "signing" ? " (waiting for your signature)" : flow.stage === "pending" ? " (sent, waiting for the chain)" : ""}. The
            amount is locked until it ends.
          </p>
        )}
        {flow?.stage === "interrupted" && (
          <div role="alert" data-testid="flow-interrupted" className="flex items-start justify-between gap-3 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
            <span>{flow.note}</span>
            <button type="button" className="shrink-0 underline" onClick={() => pendingFlows().end(flowKey)}>
              Dismiss
            </button>
          </div>
        )}
        <fieldset disabled={locked} className="contents">
        {usesCollateral && (
          <AssetSelect
            label="Collateral"
            ariaLabel="Collateral asset"
            value={assetAddr}
            assets={collaterals}
            deployment={chain.deployment}
            onChange={(a) => {
              setAssetAddr(a);
              setText("");
              setTouched(false);
            }}
          />
        )}
        <AmountField
          id={`amount-${action}`}
          label={`Amount to ${action}`}
          symbol={symbol}
          value={text}
          onChange={(t) => {
            setText(t);
            setTouched(true);
            setRepayAll(false);
          }}
          onMax={() => {
            setText(formatUnits(limits.suggested, decimals));
            setTouched(true);
            setRepayAll(Boolean(limits.repayAll));
          }}
          maxLabel={maxLabel}
          hint={hint}
          problem={touched && !parsed.ok ? parsed.message : null}
        />

        {paused && (
          <p role="alert" data-testid="action-paused" className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200">
            {action === "borrow" ? "Borrowing" : "Withdrawing"} is paused:{" "}
            {unpriced
              .map((u) => `${findAsset(chain.deployment, u.asset)?.symbol ?? shortAddress(u.asset)} — ${feedStatus(u.status).why}`)
              .join("; ")}
            . The chain refuses it until the price is fresh.
          </p>
        )}
        {ownerOnly && <p className="text-sm text-slate-400">Only the vault&apos;s owner can {action}.</p>}

        <table className="w-full text-sm" data-testid="preview">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 font-normal">Preview</th>
              <th className="py-1 text-right font-normal">Now</th>
              <th className="py-1 text-right font-normal">After</th>
            </tr>
          </thead>
          <tbody className="font-mono tabular-nums">
            <PreviewRow
              label="Health factor"
              testId="preview-health"
              before={vault.pricesOk || vault.debt === 0n ? formatHealthFactor(hfBefore) : "—"}
              after={hfAfter === undefined ? undefined : formatHealthFactor(hfAfter)}
              afterClass={hfAfter === undefined ? "" : BAND_STYLE[healthBand(hfAfter)].text}
            />
            <PreviewRow
              label={`Liquidation price ${liqSymbol}`}
              testId="preview-liq"
              before={liqBefore > 0n ? formatUsd(liqBefore) : "—"}
              after={liqAfter === undefined ? undefined : liqAfter > 0n ? formatUsd(liqAfter) : "—"}
            />
            <PreviewRow
              label="Debt"
              testId="preview-debt"
              before={formatToken(vault.debt, market.baseDecimals, baseSymbol)}
              after={preview ? formatToken(preview.after.debt, market.baseDecimals, baseSymbol) : undefined}
            />
            <PreviewRow
              label="Borrow capacity"
              testId="preview-capacity"
              before={formatToken(vault.borrowCapacity, market.baseDecimals, baseSymbol)}
              after={preview ? formatToken(preview.risk.borrowCapacity, market.baseDecimals, baseSymbol) : undefined}
            />
          </tbody>
        </table>

        {block && (
          <p role="alert" data-testid="action-block" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
            {block}
          </p>
        )}
        {warning && (
          <p role="alert" data-testid="action-warning" className="rounded-md border border-orange-700 bg-orange-950/40 px-3 py-2 text-sm text-orange-200">
            {warning}
          </p>
        )}
        </fieldset>
        {stale && <p className="text-xs text-amber-300">The figures above may be out of date: the chain is not answering.</p>}

        <div className="flex flex-wrap items-center justify-between gap-3">
          {pulls && needsApproval ? (
            <label className="flex items-center gap-2 text-xs text-slate-400" data-testid="approval-choice">
              <input type="checkbox" checked={unlimited} disabled={locked} onChange={(e) => setUnlimited(e.target.checked)} />
              {sendsAll
                ? `Approve unlimited (instead of the debt + ${Number(REPAY_ALL_MARGIN_BPS) / 100} % for interest until the repayment is mined; only the debt then is taken)`
                : "Approve unlimited (instead of exactly this amount)"}
            </label>
          ) : (
            <span />
          )}
          <button
            type="submit"
            disabled={!canSubmit}
            data-testid="submit-action"
            className="rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {busy ? "Working…" : `${needsApproval ? "Approve & " : ""}${ACTIONS.find((a) => a.key === action)!.label}${sendsAll ? " all" : ""}`}
          </button>
        </div>
      </form>
    </section>
  );
}
