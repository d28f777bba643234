"use client";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type Address } from "viem";
import { useAccount } from "wagmi";
import { AmountField } from "@/components/amount-field";
import { onTabListKeyDown } from "@/components/tab-keys";
import { AssetSelect } from "@/components/asset-select";
import { PreviewRow } from "@/components/preview-row";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { usePendingFlow } from "@/hooks/use-pending-flow";
import { pendingFlows, vaultFlowKey } from "@/lib/tx/pending-flows";
import type { WalletToken } from "@/lib/read/wallet-tokens";
import { parseAmount } from "@/lib/view/amount";
import { assetSymbol, findAsset } from "@/lib/config/deployment";
import { useAmountProblem, useMaxAtSafety } from "@/hooks/use-amount-problem";
import { useFormat } from "@/hooks/use-format";
import { useWalletHint } from "@/hooks/use-wallet-hint";
import { feedStatus, isPriced } from "@/lib/read/oracle";
import type { ChainConfig } from "@/lib/config/chains";
import { actionLimits, previewAction, type VaultAction } from "@/lib/view/vault-actions";
import { repayAllAllowance, REPAY_ALL_MARGIN_BPS, vaultActionCall } from "@/lib/protocols/keel/actions";
import { BAND_STYLE, engineHealth, lensHealth, type HealthShown } from "@/lib/view/vault-summary";
import type { VaultPosition } from "@/lib/engine/risk";
import type { LensMarket, LensVault } from "@/lib/read/vaults";
import { sameAddress } from "@/lib/config/address";

/** The form's values, recorded with a pending flow so the locked form shows what is being sent. */
interface ActionForm {
  action: VaultAction;
  asset: Address;
  text: string;
  repayAll: boolean;
  unlimited: boolean;
}

const ACTIONS: VaultAction[] = ["deposit", "withdraw", "borrow", "repay"];

export interface ActionPanelProps {
  chain: ChainConfig;
  vault: LensVault;
  market: LensMarket;
  position: VaultPosition;
  wallet: ReadonlyMap<string, WalletToken> | undefined;
  /** Health factor Max keeps and below which the page warns (WAD). */
  safety: bigint;
  /** Assets without a usable price (borrowing, and withdrawing with debt, are paused). */
  unpriced: { asset: Address; status: number }[];
  /** The data shown may be out of date (RPC unreachable). */
  stale: boolean;
}

/** Deposit / Withdraw / Borrow / Repay with exact amounts, Max within the safety buffer, and a before → after preview. */
export function ActionPanel({ chain, vault, market, position, wallet, safety, unpriced, stale }: ActionPanelProps) {
  const t = useTranslations("actions");
  const maxAtSafety = useMaxAtSafety();
  const tl = useTranslations("limits");
  const tf = useTranslations("feed");
  const tc = useTranslations("common");
  const tCard = useTranslations("vaultCard"); // "none": no liquidation price although debt and prices are known, as the cards say
  const f = useFormat();
  const amountProblem = useAmountProblem();
  const { address } = useAccount();
  const approveAndSend = useApproveAndSend();
  const [chosenAction, setAction] = useState<VaultAction>("deposit");
  const collaterals = market.collaterals.map((c) => c.info.asset);
  const [chosenAsset, setAssetAddr] = useState<Address>(vault.collaterals.find((c) => c.amount > 0n)?.asset ?? collaterals[0]!);
  const [typed, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [chosenRepayAll, setRepayAll] = useState(false);
  const [chosenUnlimited, setUnlimited] = useState(false);
  // The amount is Max's (cleared by typing or another action): an empty Max says why.
  const [maxed, setMaxed] = useState(false);
  // A flow in progress on this vault (started here, before a navigation, or before a reload) owns the form: it shows the
  // amount being sent, locked, until the flow ends.
  const flowKey = vaultFlowKey(chain.id, vault.market, vault.id);
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
  const symbol = assetSymbol(chain, tokenAddr);
  const token = wallet?.get(tokenAddr.toLowerCase());
  const walletHint = useWalletHint(token?.balance, decimals, symbol);
  const isOwner = sameAddress(address, vault.owner);

  const limits = actionLimits({
    action,
    position,
    asset: usesCollateral ? assetAddr : undefined,
    walletBalance: action === "deposit" || action === "repay" ? token?.balance : undefined,
    cash: market.cash,
    minHealth: safety,
  });
  // What Max fills in; none for a deposit or a repay without a wallet (nothing to fill from).
  const suggested = limits.suggested;
  const needsPrices = action === "borrow" || (action === "withdraw" && vault.debt > 0n);
  const paused = needsPrices && unpriced.length > 0;
  // A deposit of a collateral without a price: it counts as zero until the price is back, and holding it pauses borrowing
  // (and, with a debt, withdrawing) on the whole vault, as the banner above says once it is held.
  const depositFeed = action === "deposit" ? market.collaterals.find((c) => sameAddress(c.info.asset, assetAddr))?.feed : undefined;
  const depositUnpriced = depositFeed !== undefined && !isPriced(depositFeed) ? depositFeed.status : null;
  // Only the owner may withdraw or borrow: for anyone else the form says so, without limits or a Max of someone
  // else's vault ("At most 0 WETH" beside "Only the vault's owner can…").
  const ownerOnly = (action === "withdraw" || action === "borrow") && !isOwner;
  // While a price is missing the limits cannot be known (they read 0): the pause notice says why instead.
  const max = paused || ownerOnly || !limits.max ? undefined : { value: limits.max.value, reason: tl(limits.max.reason) };
  const parsed = parseAmount(text, { decimals, symbol, balance: limits.balance, max }, f);
  const amount = parsed.ok ? parsed.value : 0n;
  const preview = parsed.ok && !paused ? previewAction(position, action, amount, safety, usesCollateral ? assetAddr : undefined) : null;
  const block = preview?.beyondLtv
    ? t("beyondLtv")
    : preview?.liquidatable && (action === "withdraw" || action === "borrow")
      ? t("wouldLiquidate")
      : null;
  const warning =
    !block && preview?.belowWarning && (action === "withdraw" || action === "borrow")
      ? t("belowSafety", { hf: f.healthFactor(preview.risk.healthFactor), safety: f.healthFactor(safety) })
      : null;
  const pulls = action === "deposit" || action === "repay";
  // A deposit or a repay waits for the wallet's balance and allowance: without them there is no balance check and no
  // approval step (a slow or failing read would otherwise send the action unapproved).
  const canSubmit =
    parsed.ok &&
    !block &&
    !paused &&
    !ownerOnly &&
    !busy &&
    Boolean(address) &&
    (!usesCollateral || Boolean(info)) &&
    (!pulls || token !== undefined);
  const sendsAll = action === "repay" && repayAll && parsed.ok && Boolean(limits.repayAll);
  const pullAmount = sendsAll ? repayAllAllowance(vault.debt, token?.balance ?? 0n) : amount;
  const needsApproval = pulls && parsed.ok && token !== undefined && token.allowance < pullAmount;

  // Max keeps health at the safety level: on a vault already below it, it is 0 while the protocol still allows more.
  const atSafety =
    action === "withdraw" || action === "borrow"
      ? maxAtSafety({ maxed, suggested: limits.suggested, max: max?.value, safety, health: vault.healthFactor, decimals, symbol })
      : null;

  function choose(a: VaultAction) {
    setAction(a);
    setText("");
    setTouched(false);
    setRepayAll(false);
    setMaxed(false);
  }

  async function submit() {
    setTouched(true);
    if (!canSubmit || !address) return;
    const amountText = sendsAll ? t("allDebt", { amount: f.token(vault.debt, decimals, symbol) }) : f.token(amount, decimals, symbol, decimals);
    const common = { chainId: chain.id, address: vault.market, abi: keelMarketAbi, vault: { market: vault.market, id: vault.id } };
    const labelKey = { deposit: "labelDeposit", withdraw: "labelWithdraw", borrow: "labelBorrow", repay: "labelRepay" } as const;
    const request = {
      ...common,
      label: t(labelKey[action], { amount: amountText }),
      ...vaultActionCall({ action, vaultId: vault.id, asset: assetAddr, amount, receiver: address, repayAll: sendsAll }),
    };
    const pull =
      pulls && token
        ? { token: tokenAddr, symbol, decimals, spender: vault.market, amount: pullAmount, allowance: token.allowance, unlimited }
        : null;
    const sent: ActionForm = { action, asset: assetAddr, text, repayAll, unlimited };
    const result = await approveAndSend(pull, request, { key: flowKey, form: { ...sent } });
    // Clear only what was sent: an amount typed since (the form is locked, so only after the flow) stays.
    if (result.status === "confirmed") {
      setText((t) => (t === sent.text ? "" : t));
      setTouched(false);
      setMaxed(false);
      setRepayAll(false);
    }
  }

  const hint =
    action === "deposit" || action === "repay"
      ? walletHint
      : action === "withdraw"
        ? t("inVault", { amount: f.token(position.collaterals.find((c) => c.asset === assetAddr)?.amount ?? 0n, decimals, symbol) })
        : t("marketCanLend", { amount: f.token(market.cash, decimals, symbol) });
  const maxLabel = paused
    ? undefined
    : action === "withdraw" || action === "borrow"
      ? t("maxKeeps", { safety: f.healthFactor(safety), amount: f.tokenDown(limits.suggested ?? 0n, decimals, symbol) })
      : action === "repay" && limits.repayAll
        ? t("maxRepaysAll")
        : undefined;

  // before (the lens, on-chain) → after (lib/risk), each shown by the one rule (lib/view/vault-summary.ts healthShown):
  // an unpriced collateral counts as zero, as the market counts it; "—" without the debt's price or with nothing priced
  // (it read "→ 0.00" for a vault whose only collateral's feed is stale). "none" for a liquidation price needs every price.
  const before = lensHealth(vault);
  const after = preview ? engineHealth(preview.after, preview.risk) : null;
  const complete = (h: HealthShown) => h.healthFactor !== null && !h.partial;
  const liqAsset = usesCollateral ? assetAddr : (vault.collaterals.find((c) => c.amount > 0n)?.asset ?? assetAddr);
  const liqSymbol = assetSymbol(chain, liqAsset);
  const liqBefore = vault.collaterals.find((c) => c.asset === liqAsset)?.liquidationPrice ?? 0n;
  const liqAfter = preview?.liquidationPrices.get(liqAsset.toLowerCase());
  const baseSymbol = base?.symbol ?? "base";
  const submitLabel = sendsAll ? t("all", { action: t(action) }) : t(action);

  /** Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern). */

  return (
    <section className="rounded-xl border border-slate-800 bg-slate-900/40" data-testid="action-panel">
      <div role="tablist" aria-label={t("tabs")} className="grid grid-cols-4 border-b border-slate-800 text-sm" onKeyDown={onTabListKeyDown}>
        {ACTIONS.map((a) => (
          <button
            key={a}
            type="button"
            role="tab"
            id={`action-tab-${a}`}
            aria-selected={action === a}
            aria-controls="action-form"
            tabIndex={action === a ? 0 : -1}
            disabled={locked && action !== a}
            onClick={() => choose(a)}
            className={`min-h-11 px-1 py-2.5 font-medium leading-tight sm:px-3 ${action === a ? "border-b-2 border-sky-400 text-sky-300" : "text-slate-400 hover:text-slate-200"}`}
          >
            {t(a)}
          </button>
        ))}
      </div>
      {/* The tab panel is a box around the form: axe allows no tabpanel role on a <form> (aria-allowed-role). */}
      <div id="action-form" role="tabpanel" aria-labelledby={`action-tab-${action}`}>
        <form
          className="space-y-4 p-4 md:p-5"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {locked && (
            <p role="status" data-testid="flow-pending" className="rounded-md border border-sky-800 bg-sky-950/40 px-3 py-2 text-sm text-sky-200">
              {t("inProgress", { step: flow.current + 1, steps: flow.steps.length, label: flow.steps[flow.current] ?? "", stage: flow.stage })}
            </p>
          )}
          {flow?.stage === "interrupted" && (
            <div
              role="alert"
              data-testid="flow-interrupted"
              className="flex items-start justify-between gap-3 rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200"
            >
              <span>{flow.note}</span>
              <button type="button" className="min-h-11 shrink-0 underline md:min-h-0" onClick={() => pendingFlows().end(flowKey)}>
                {tc("dismiss")}
              </button>
            </div>
          )}
          <fieldset disabled={locked} className="contents">
            {usesCollateral && (
              <AssetSelect
                label={t("collateral")}
                ariaLabel={t("collateralAsset")}
                value={assetAddr}
                assets={collaterals}
                chain={chain}
                onChange={(a) => {
                  setAssetAddr(a);
                  setText("");
                  setMaxed(false);
                  setTouched(false);
                }}
              />
            )}
            <AmountField
              id={`amount-${action}`}
              label={t("amountTo", { action: t(action).toLowerCase() })}
              symbol={symbol}
              value={text}
              onChange={(t) => {
                setText(t);
                setTouched(true);
                setRepayAll(false);
                setMaxed(false);
              }}
              onMax={
                ownerOnly || suggested === undefined
                  ? undefined
                  : () => {
                      setText(f.unitsInput(suggested, decimals));
                      setTouched(true);
                      setRepayAll(Boolean(limits.repayAll));
                      setMaxed(true);
                    }
              }
              maxLabel={ownerOnly || suggested === undefined ? undefined : maxLabel}
              hint={hint}
              problem={touched && !parsed.ok ? (atSafety ?? amountProblem(parsed)) : null}
            />

            {paused && (
              <p
                role="alert"
                data-testid="action-paused"
                className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200"
              >
                {t(action === "borrow" ? "pausedBorrow" : "pausedWithdraw", {
                  why: unpriced.map((u) => `${assetSymbol(chain, u.asset)} — ${tf(`${feedStatus(u.status).key}.why`)}`).join("; "),
                  // The market refuses it only without the borrowed asset's price; a collateral's it counts as zero, and
                  // the pause is this app's (every figure it previews would rest on a price it cannot check).
                  who: unpriced.some((u) => sameAddress(u.asset, market.baseAsset)) ? "chain" : "app",
                })}
              </p>
            )}
            {depositUnpriced !== null && (
              <p
                role="alert"
                data-testid="deposit-unpriced"
                className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200"
              >
                {t("depositUnpriced", {
                  asset: symbol,
                  why: tf(`${feedStatus(depositUnpriced).key}.why`),
                  debt: vault.debt > 0n ? "yes" : "no",
                })}
              </p>
            )}
            {ownerOnly && <p className="text-sm text-slate-400">{t("ownerOnly", { action: t(action).toLowerCase() })}</p>}

            <table className="w-full text-sm" data-testid="preview">
              <thead className="text-left text-xs text-slate-400">
                <tr>
                  <th className="py-1 font-normal">{t("preview")}</th>
                  <th className="py-1 pl-3 text-right font-normal">{t("now")}</th>
                  <th className="py-1 pl-3 text-right font-normal">{t("after")}</th>
                </tr>
              </thead>
              <tbody className="font-mono tabular-nums">
                <PreviewRow
                  label={t("health")}
                  testId="preview-health"
                  before={f.orNone(before.healthFactor, f.healthFactor)}
                  after={after ? f.orNone(after.healthFactor, f.healthFactor) : undefined}
                  afterClass={after && after.band !== "unpriced" ? BAND_STYLE[after.band].text : ""}
                />
                <PreviewRow
                  label={t("liqPrice", { asset: liqSymbol })}
                  testId="preview-liq"
                  before={liqBefore > 0n ? f.usd(liqBefore) : vault.debt > 0n && complete(before) ? tCard("noLiqPrice") : "—"}
                  after={
                    liqAfter === undefined
                      ? undefined
                      : liqAfter > 0n
                        ? f.usd(liqAfter)
                        : preview && after && preview.after.debt > 0n && complete(after)
                          ? tCard("noLiqPrice")
                          : "—"
                  }
                />
                <PreviewRow
                  label={t("debt")}
                  testId="preview-debt"
                  before={f.token(vault.debt, market.baseDecimals, baseSymbol)}
                  after={preview ? f.token(preview.after.debt, market.baseDecimals, baseSymbol) : undefined}
                />
                <PreviewRow
                  label={t("capacity")}
                  testId="preview-capacity"
                  before={f.token(vault.borrowCapacity, market.baseDecimals, baseSymbol)}
                  after={preview ? f.token(preview.risk.borrowCapacity, market.baseDecimals, baseSymbol) : undefined}
                />
              </tbody>
            </table>

            {block && (
              <p role="alert" data-testid="action-block" className="rounded-md border border-rose-700 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
                {block}
              </p>
            )}
            {warning && (
              <p
                role="alert"
                data-testid="action-warning"
                className="rounded-md border border-orange-700 bg-orange-950/40 px-3 py-2 text-sm text-orange-200"
              >
                {warning}
              </p>
            )}
          </fieldset>
          {stale && <p className="text-xs text-amber-300">{t("stale")}</p>}

          <div className="flex flex-wrap items-center justify-between gap-3">
            {pulls && needsApproval ? (
              <label className="flex min-h-11 items-center gap-2 text-xs text-slate-400 md:min-h-0" data-testid="approval-choice">
                <input
                  type="checkbox"
                  className="h-5 w-5 shrink-0 md:h-4 md:w-4"
                  checked={unlimited}
                  disabled={locked}
                  onChange={(e) => setUnlimited(e.target.checked)}
                />
                {sendsAll ? t("approveUnlimitedRepayAll", { margin: f.percent(REPAY_ALL_MARGIN_BPS * 10n ** 14n) }) : t("approveUnlimited")}
              </label>
            ) : (
              <span />
            )}
            <button
              type="submit"
              disabled={!canSubmit}
              data-testid="submit-action"
              className="min-h-11 w-full rounded-md bg-sky-500 px-5 py-2 text-sm font-medium text-slate-950 sm:w-auto md:min-h-0 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {busy ? tc("working") : needsApproval ? t("approveAnd", { action: submitLabel }) : submitLabel}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
