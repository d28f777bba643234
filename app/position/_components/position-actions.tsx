"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { decodeFunctionData, erc20Abi, type Address } from "viem";
import { useAccount, useConfig, useReadContracts } from "wagmi";

import { AmountField } from "@/components/amount-field";
import { onTabListKeyDown } from "@/components/tab-keys";
import { PreviewRow } from "@/components/preview-row";
import { useAmountProblem, useMaxAtSafety } from "@/hooks/use-amount-problem";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useErrorText } from "@/hooks/use-error-text";
import { useFormat } from "@/hooks/use-format";
import { useWalletHint } from "@/hooks/use-wallet-hint";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { parseAmount } from "@/lib/view/amount";
import { feedStatus } from "@/lib/read/oracle";
import { aaveMessage } from "@/lib/protocols/aave-v3/errors";
import { borrowBlocker, reserveIndex, supplied } from "@/lib/protocols/aave-v3/math";
import { revertReason } from "@/lib/protocols/errors";
import { morphoBorrowRate } from "@/lib/protocols/morpho-blue/read";
import { maxWithinHealth, positionAfter, type PositionAction } from "@/lib/protocols/preview";
import type { PositionToken, TxRequest as ProtocolTx } from "@/lib/protocols/types";
import { adapterOf, positionView, type PositionView } from "@/lib/protocols/view";
import { healthBand } from "@/lib/engine/risk";
import type { ChainConfig } from "@/lib/config/chains";
import { BAND_STYLE } from "@/lib/view/vault-summary";
import { chainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

const ACTIONS: PositionAction[] = ["supply", "withdraw", "borrow", "repay"];
/** Gas over the estimate's margin for a protocol call (its interest accrual when mined a block later: docs/protocols.md). */
const PROTOCOL_EXTRA_GAS = 100_000n;

/** The tokens an action can use on this position. */
function assetsFor(view: PositionView, action: PositionAction): PositionToken[] {
  const p = view.position;
  if (p.protocol === "morpho-blue") return action === "supply" || action === "withdraw" ? [p.state.collateralToken] : [p.state.loanToken];
  const s = p.state;
  if (action === "supply") return s.reserves.filter((r) => r.isActive && r.usageAsCollateralEnabled).map((r) => r.token);
  if (action === "withdraw") return s.reserves.filter((_, i) => s.user[i]!.scaledATokenBalance > 0n).map((r) => r.token);
  if (action === "borrow") return s.reserves.filter((r) => r.isActive && r.borrowingEnabled).map((r) => r.token);
  return s.reserves.filter((_, i) => s.user[i]!.scaledVariableDebt > 0n).map((r) => r.token);
}

/**
 * Why the protocol (or Keel's guard on prices) refuses `action` on `asset` before any amount is typed — a paused or
 * frozen reserve, Aave's borrow rules, a stale price — in one sentence; undefined when it may go ahead.
 */
function refusal(
  view: PositionView,
  action: PositionAction,
  asset: Address,
  feeds: Record<string, number>,
  stale: (symbol: string, why: string) => string,
  why: (k: string) => string,
  /** An Aave error name in the reader's language (lib/protocols/aave-v3/errors.ts aaveMessage, through hooks/use-error-text). */
  aave: (name: string) => string,
): string | undefined {
  const p = view.position;
  if (action === "borrow" || action === "withdraw") {
    const involved = [
      ...view.collaterals.map((c) => c.token),
      ...view.debts.map((d) => d.token),
      ...assetsFor(view, action).filter((t) => sameAddress(t.address, asset)),
    ];
    const bad = involved.find((t) => (feeds[t.address.toLowerCase()] ?? 0) !== 0);
    if (bad && (action === "borrow" || view.debts.length > 0)) return stale(bad.symbol, why(feedStatus(feeds[bad.address.toLowerCase()]!).key));
  }
  if (p.protocol !== "aave-v3") return undefined;
  const r = p.state.reserves[reserveIndex(p.state, asset)]!;
  if (!r.isActive) return aave("RESERVE_INACTIVE");
  if (r.isPaused) return aave("RESERVE_PAUSED");
  if (r.isFrozen && (action === "supply" || action === "borrow")) return aave("RESERVE_FROZEN");
  if (action === "borrow") {
    const b = borrowBlocker(p.state, asset);
    if (b) return aave(b);
  }
  return undefined;
}

/**
 * Supply / Withdraw / Borrow / Repay on an Aave or Morpho position: exact amounts, Max as the protocol's own limit
 * (lib/protocols/<name>/math), a before → after preview from the same math, exact approvals, and every transaction
 * through the one transactor (simulated first: a revert is shown in the protocol's words and nothing is sent).
 */
export function PositionActions({
  chain,
  view,
  feeds,
  usdPerToken,
  stale,
  safety,
}: {
  chain: ChainConfig;
  view: PositionView;
  /** KeelOracle's status per token (0 ok): a borrow or withdraw is not sent against a price that is not fresh. */
  feeds: Record<string, number>;
  usdPerToken: Record<string, bigint>;
  stale: boolean;
  /** The reader's safety level (WAD): a borrow or withdrawal that ends under it is sent only after a warning. */
  safety: bigint;
}) {
  const t = useTranslations("positionActions");
  const ta = useTranslations("actions");
  const maxAtSafety = useMaxAtSafety();
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const tfeed = useTranslations("feed");
  const f = useFormat();
  const config = useConfig();
  const amountProblem = useAmountProblem();
  const { address } = useAccount();
  const approveAndSend = useApproveAndSend();
  const p = view.position;
  const adapter = adapterOf(p);
  const [action, setAction] = useState<PositionAction>("supply");
  const options = assetsFor(view, action);
  const [chosen, setChosen] = useState<Address | null>(null);
  const token = options.find((o) => chosen && sameAddress(o.address, chosen)) ?? options[0];
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [all, setAll] = useState(false);
  const [maxed, setMaxed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const flowKey = `position:${view.key}:${view.owner.toLowerCase()}`;
  const flow = usePendingFlow(flowKey);
  const locked = flow !== undefined && flow.stage !== "interrupted";
  const spender = p.protocol === "aave-v3" ? p.state.pool : p.state.morpho;
  const pulls = action === "supply" || action === "repay";
  const wallet = useReadContracts({
    contracts: token
      ? [
          { chainId: chain.id, address: token.address, abi: erc20Abi, functionName: "balanceOf", args: [view.owner] },
          { chainId: chain.id, address: token.address, abi: erc20Abi, functionName: "allowance", args: [view.owner, spender] },
        ]
      : [],
    query: { enabled: Boolean(token) && pulls },
  });
  const balance = wallet.data?.[0]?.result as bigint | undefined;
  const allowance = wallet.data?.[1]?.result as bigint | undefined;
  const walletHint = useWalletHint(balance, token?.decimals ?? 18, token?.symbol ?? "");

  function choose(a: PositionAction) {
    setAction(a);
    setChosen(null);
    setText("");
    setTouched(false);
    setAll(false);
    setMaxed(false);
    setProblem(null);
  }

  if (!token) {
    return (
      <section className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="action-panel">
        <Tabs action={action} onChoose={(a) => choose(a)} label={ta("tabs")} />
        <p className="p-5 text-sm text-slate-400" data-testid="action-nothing">
          {t(`nothing.${action}`)}
        </p>
      </section>
    );
  }

  const asset = token.address;
  const symbol = token.symbol;
  const decimals = token.decimals;
  const debtNow = view.debts.find((d) => sameAddress(d.token.address, asset))?.amount ?? 0n;
  const suppliedNow = p.protocol === "aave-v3" ? supplied(p.state, reserveIndex(p.state, asset)) : p.state.position.collateral;
  const refused = refusal(
    view,
    action,
    asset,
    feeds,
    (s, why) => t("stalePrice", { asset: s, why }),
    (k) => tfeed(`${k}.why`),
    (name) => errorText(aaveMessage(name)),
  );
  const max =
    action === "withdraw"
      ? { value: adapter.maxWithdraw(p, asset), reason: t("maxWithdraw") }
      : action === "borrow"
        ? { value: adapter.maxBorrow(p, asset), reason: t("maxBorrow") }
        : action === "repay"
          ? { value: debtNow, reason: t("maxRepay") }
          : undefined;
  // Max keeps the reader's safety level, as on a Keel vault (it once borrowed to Morpho's LLTV: health 1.00, one tick
  // from liquidation); the protocol's own limit, in the hint, can still be typed, with the warning below.
  const suggested = (action === "borrow" || action === "withdraw") && max ? safeMax(p, action, asset, max.value, safety) : undefined;
  const parsed = parseAmount(text, { decimals, symbol, ...(pulls && balance !== undefined ? { balance } : {}), ...(max ? { max } : {}) }, f);
  const amount = parsed.ok ? parsed.value : 0n;
  const after = parsed.ok && !refused ? positionView(positionAfter(p, action, asset, amount), usdPerToken) : null;
  // Max borrows or withdraws to the protocol's limit: on Morpho (liquidation at the LLTV) that is health 1.00, one price
  // tick from liquidation. Under the reader's safety level, as on a Keel vault, the preview says so before the wallet opens.
  const belowSafety = after !== null && (action === "borrow" || action === "withdraw") && after.debts.length > 0 && after.healthFactor < safety;
  const isOwner = sameAddress(address, view.owner);
  const canSubmit = parsed.ok && !refused && isOwner && !locked && (!pulls || balance !== undefined);

  async function submit() {
    setTouched(true);
    if (!canSubmit) return;
    let position = p;
    try {
      if (action === "repay" && all && position.protocol === "morpho-blue") {
        const client = chainReader(config, chain.id);
        if (client) position = { ...position, state: await morphoBorrowRate(client as never, position.state) };
      }
    } catch {
      // the rate is read again at the next attempt; without it a full repay cannot size its approval
    }
    let txs: ProtocolTx[];
    try {
      txs =
        action === "supply"
          ? adapter.supply(position, asset, amount)
          : action === "withdraw"
            ? adapter.withdraw(position, asset, all ? "max" : amount)
            : action === "borrow"
              ? adapter.borrow(position, asset, amount)
              : adapter.repay(position, asset, all ? "max" : amount);
    } catch (e) {
      setProblem(e instanceof Error ? errorText(e) : String(e));
      return;
    }
    setProblem(null);
    const abi = adapter.abi;
    const main = txs[txs.length - 1]!;
    const call = decodeFunctionData({ abi, data: main.data });
    const approval = txs.length > 1 ? decodeFunctionData({ abi: erc20Abi, data: txs[0]!.data }) : null;
    const pullAmount = approval ? (approval.args[1] as bigint) : 0n;
    const shown = all ? t("allOf", { symbol }) : f.token(amount, decimals, symbol, decimals);
    const label = t(`label.${action}`, { amount: shown, protocol: view.name });
    const result = await approveAndSend(
      approval ? { token: asset, symbol, decimals, spender, amount: pullAmount, allowance: allowance ?? 0n, unlimited: false } : null,
      {
        label,
        chainId: chain.id,
        address: main.to,
        abi,
        functionName: call.functionName,
        args: call.args ?? [],
        extraGas: PROTOCOL_EXTRA_GAS,
        describeRevert: (e) => (revertReason(e) !== undefined ? errorText(adapter.explainError(e)) : undefined),
      },
      { key: flowKey, form: { action, asset, text, all } },
    );
    if (result.status === "confirmed") {
      setText("");
      setTouched(false);
      setAll(false);
    }
  }

  const hint = pulls
    ? walletHint
    : action === "withdraw"
      ? t("supplied", { amount: f.tokenDown(suppliedNow, decimals, symbol) })
      : // The protocol's limit, named as such: Max beside it keeps the reader's safety level and may fill less.
        t("canBorrow", { amount: f.tokenDown(max?.value ?? 0n, decimals, symbol), protocol: view.name });
  const maxLabel =
    action === "repay"
      ? t("maxRepaysAll")
      : action === "withdraw" || action === "borrow"
        ? ta("maxKeeps", { safety: f.healthFactor(safety), amount: f.tokenDown(suggested ?? 0n, decimals, symbol) })
        : undefined;
  // Nothing within the safety level while the protocol still allows more: said under the box once Max is pressed (it
  // fills 0), in place of "Enter an amount above zero", as on a vault.
  const atSafety = maxAtSafety({ maxed, suggested, max: max?.value, safety, health: view.healthFactor, decimals, symbol });
  const onMax = () => {
    const v =
      action === "supply"
        ? (balance ?? 0n)
        : action === "repay"
          ? balance !== undefined && balance < debtNow
            ? balance
            : debtNow
          : (suggested ?? 0n);
    setText(f.unitsInput(v, decimals));
    setTouched(true);
    setMaxed(true);
    setAll(action === "repay" ? v === debtNow : action === "withdraw" ? v === suppliedNow : false);
  };
  const liqToken =
    view.collaterals.find((c) => sameAddress(c.token.address, asset))?.token ?? view.collaterals[0]?.token ?? after?.collaterals[0]?.token;
  const liqOf = (v: PositionView | null) =>
    liqToken ? v?.collaterals.find((c) => sameAddress(c.token.address, liqToken.address))?.liquidationPriceUsd : undefined;
  const submitLabel = all ? ta("all", { action: t(action) }) : t(action);
  const needsApproval = pulls && parsed.ok && allowance !== undefined && allowance < amount;

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="action-panel">
      <Tabs action={action} onChoose={choose} label={ta("tabs")} disabled={locked} />
      <form
        id="position-action-form"
        role="tabpanel"
        aria-labelledby={`position-tab-${action}`}
        className="space-y-4 p-4 md:p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {locked && (
          <p role="status" data-testid="flow-pending" className="rounded-md border border-sky-800 bg-sky-950/40 px-3 py-2 text-sm text-sky-200">
            {ta("inProgress", { step: flow.current + 1, steps: flow.steps.length, label: flow.steps[flow.current] ?? "", stage: flow.stage })}
          </p>
        )}
        <fieldset disabled={locked} className="contents">
          {options.length > 1 && (
            <label className="block space-y-1 text-xs text-slate-400">
              <span>{t("asset")}</span>
              <select
                value={asset}
                data-testid="position-asset"
                onChange={(e) => {
                  setChosen(e.target.value as Address);
                  setText("");
                  setTouched(false);
                  setAll(false);
                  setMaxed(false);
                }}
                className="block min-h-11 w-full rounded-md border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 md:min-h-0"
              >
                {options.map((o) => (
                  <option key={o.address} value={o.address}>
                    {o.symbol}
                  </option>
                ))}
              </select>
            </label>
          )}
          <AmountField
            id={`position-amount-${action}`}
            label={ta("amountTo", { action: t(action).toLowerCase() })}
            symbol={symbol}
            value={text}
            onChange={(x) => {
              setText(x);
              setTouched(true);
              setAll(false);
              setMaxed(false);
            }}
            onMax={onMax}
            maxLabel={maxLabel}
            hint={hint}
            problem={touched && !parsed.ok ? (atSafety ?? amountProblem(parsed)) : null}
          />
          {action === "repay" && all && (
            <p className="text-xs text-slate-400" data-testid="repay-all-note">
              {t("repayAllApproval", { protocol: view.name })}
            </p>
          )}
          {refused && (
            <p role="alert" data-testid="action-refused" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
              {refused}
            </p>
          )}
          {!isOwner && <p className="text-sm text-slate-400">{t("ownerOnly")}</p>}
          <table className="w-full text-sm" data-testid="preview">
            <thead className="text-left text-xs text-slate-400">
              <tr>
                <th className="py-1 font-normal">{ta("preview")}</th>
                <th className="py-1 pl-3 text-right font-normal">{ta("now")}</th>
                <th className="py-1 pl-3 text-right font-normal">{ta("after")}</th>
              </tr>
            </thead>
            <tbody className="font-mono tabular-nums">
              <PreviewRow
                label={ta("health")}
                testId="preview-health"
                before={f.healthFactor(view.healthFactor)}
                after={after ? f.healthFactor(after.healthFactor) : undefined}
                afterClass={after ? BAND_STYLE[healthBand(after.healthFactor)].text : ""}
              />
              {liqToken && (
                <PreviewRow
                  label={ta("liqPrice", { asset: liqToken.symbol })}
                  testId="preview-liq"
                  before={f.usdOrNone(liqOf(view))}
                  after={after ? f.usdOrNone(liqOf(after)) : undefined}
                />
              )}
              <PreviewRow
                label={t("collateral")}
                testId="preview-collateral"
                before={f.usdOrNone(view.collateralUsd)}
                after={after ? f.usdOrNone(after.collateralUsd) : undefined}
              />
              <PreviewRow
                label={ta("debt")}
                testId="preview-debt"
                before={f.usdOrNone(view.debtUsd)}
                after={after ? f.usdOrNone(after.debtUsd) : undefined}
              />
            </tbody>
          </table>
          {problem && (
            <p role="alert" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200" data-testid="action-problem">
              {problem}
            </p>
          )}
        </fieldset>
        {belowSafety && (
          <p
            role="status"
            className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200"
            data-testid="action-below-safety"
          >
            {ta("belowSafety", { hf: f.healthFactor(after!.healthFactor), safety: f.healthFactor(safety) })}
          </p>
        )}
        {stale && <p className="text-xs text-amber-300">{ta("stale")}</p>}
        <div className="flex flex-wrap items-center justify-end gap-3">
          <button
            type="submit"
            disabled={!canSubmit}
            data-testid="submit-action"
            className="min-h-11 w-full rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50 sm:w-auto md:min-h-0"
          >
            {locked ? tc("working") : needsApproval ? ta("approveAnd", { action: submitLabel }) : submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}

function Tabs({
  action,
  onChoose,
  label,
  disabled = false,
}: {
  action: PositionAction;
  onChoose(a: PositionAction): void;
  label: string;
  disabled?: boolean;
}) {
  const t = useTranslations("positionActions");

  return (
    <div role="tablist" aria-label={label} className="grid grid-cols-4 border-b border-slate-800 text-sm" onKeyDown={onTabListKeyDown}>
      {ACTIONS.map((a) => (
        <button
          key={a}
          type="button"
          role="tab"
          id={`position-tab-${a}`}
          aria-selected={action === a}
          aria-controls="position-action-form"
          tabIndex={action === a ? 0 : -1}
          disabled={disabled && action !== a}
          onClick={() => onChoose(a)}
          className={`min-h-11 px-1 py-2.5 font-medium leading-tight sm:px-3 ${action === a ? "border-b-2 border-sky-400 text-sky-300" : "text-slate-400 hover:text-slate-200"}`}
        >
          {t(a)}
        </button>
      ))}
    </div>
  );
}

/**
 * lib/protocols/preview.ts `maxWithinHealth` for a position read (a new object each block), kept per read: a bisection
 * of the protocol's booking, not redone on every keystroke.
 */
const safeMaxes = new WeakMap<object, Map<string, bigint>>();
function safeMax(p: Parameters<typeof maxWithinHealth>[0], action: "borrow" | "withdraw", asset: Address, limit: bigint, safety: bigint): bigint {
  let kept = safeMaxes.get(p);
  if (!kept) safeMaxes.set(p, (kept = new Map()));
  const key = `${action}:${asset}:${limit}:${safety}`;
  let v = kept.get(key);
  if (v === undefined) kept.set(key, (v = maxWithinHealth(p, action, asset, limit, safety)));
  return v;
}
