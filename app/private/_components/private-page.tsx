"use client";
import { keelPrivatePoolAbi } from "@/contracts-abi/abi/KeelPrivatePool";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useAccount, useConfig } from "wagmi";

import { AmountField } from "@/components/amount-field";
import { PreviewRow } from "@/components/preview-row";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { useErrorText } from "@/hooks/use-error-text";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import {
  ProofError,
  readNoteTree,
  reconcilePending,
  useLiquidationWatch,
  usePreloadProver,
  usePrivatePool,
  usePrivateWallet,
  useProver,
  type ProofProgress,
} from "@/hooks/use-private-pool";
import { useWalletTokens } from "@/hooks/use-vault";
import { parseAmount } from "@/lib/view/amount";
import { findAsset } from "@/lib/config/deployment";
import {
  actionMinimum,
  checkAction,
  notePosition,
  planAction,
  planClose,
  PlanError,
  poolCall,
  previewAction,
  type PoolBooks,
  type PrivateActionKind,
} from "@/lib/privacy/actions";
import {
  keepUnconfirmed,
  loadWallet,
  mergeForImport,
  noteFromReceipt,
  parseWallet,
  serializeWallet,
  WalletFileError,
  type PrivateWallet,
} from "@/lib/privacy/wallet";
import { commitment, isExit } from "@/lib/privacy/note";
import { healthBand } from "@/lib/engine/risk";
import { describeError, type DescribedError } from "@/lib/tx/tx-errors";
import { BackupPanel } from "./backup-panel";
import { requireChainReader } from "@/lib/wallet/chain-reader";
import { onTabListKeyDown } from "@/components/tab-keys";

const KINDS: PrivateActionKind[] = ["deposit", "borrow", "repay", "withdraw"];
/** Repayments approve this much above the planned payment (interest accrued until mined; the pool pulls the exact value). */
const REPAY_APPROVAL_MARGIN_BPS = 10n;
/**
 * How many times an action is proven again when other private actions landed first (`StaleRoot`; `UnknownRoot`: more
 * than 256 of them, the note's membership root forgotten). A deposit or repayment the owner lets go aside does so from
 * its first retry.
 */
const STALE_ROOT_RETRIES = 2;

/**
 * A private position (docs/private-vaults.md): one note in the chain's KeelPrivatePool, kept in this browser. Each
 * action is proven in the proving worker (the inputs, with the owner key, never leave it) and sent from the connected
 * wallet through the one transactor.
 */
export function PrivatePage() {
  const t = useTranslations("private");
  const chains = useKeelChains();
  const chain = chains.find((c) => c.deployment?.privatePool);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-400">{t("intro")}</p>
      </div>
      {chain ? (
        <PrivatePosition chainId={chain.id} />
      ) : (
        <p className="rounded-lg border border-slate-800 bg-slate-900/60 p-4 text-sm text-slate-300" data-testid="private-none">
          {t("noPool")}
        </p>
      )}
    </div>
  );
}

function PrivatePosition({ chainId }: { chainId: number }) {
  const t = useTranslations("private");
  const f = useFormat();
  const errorText = useErrorText();
  const amountProblem = useAmountProblem();
  const config = useConfig();
  const { address } = useAccount();
  const chain = useKeelChains().find((c) => c.id === chainId)!;
  const deployment = chain.deployment!;
  const pp = deployment.privatePool!;
  const marketInfo = deployment.markets.find((m) => m.address === pp.market)!;
  const collateral = findAsset(deployment, pp.collateral)!;
  const base = findAsset(deployment, marketInfo.baseAsset)!;
  const pool = usePrivatePool(chainId, pp, base.address);
  const poolAddress = pp.pool;
  const scope = useMemo(() => (address ? { chainId, pool: poolAddress, account: address } : null), [address, chainId, poolAddress]);
  const { wallet, error: walletError, update, create } = usePrivateWallet(scope);
  const tokens = useWalletTokens(chain, pp.pool, [collateral.address, base.address], address);
  const { prove, progress } = useProver();
  usePreloadProver(Boolean(address));
  useLiquidationWatch(chainId, pp, base.address, wallet, update, pool.dataUpdatedAt);
  const approveAndSend = useApproveAndSend();
  const [kind, setKind] = useState<PrivateActionKind>("deposit");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [lastProof, setLastProof] = useState<number | null>(null);
  // The owner's choice (audit j L-2): whether a deposit or repayment that lost the race goes aside. Null until the owner
  // chooses: then on for a note at risk of liquidation (a rescue no one should hold back), off otherwise.
  const [asideChoice, setAsideChoice] = useState<{ note: bigint | undefined; on: boolean } | null>(null);
  const client = () => requireChainReader(config, chainId);

  // A note left pending by a closed tab: promote it (its commitment is in the tree) or drop it (never landed).
  const reconciling = useRef(false);
  useEffect(() => {
    if ((!wallet?.pending && !wallet?.unconfirmed?.length) || reconciling.current || busy) return;
    reconciling.current = true;
    void reconcilePending(client(), pp, wallet)
      .then((w) => w !== wallet && update(w))
      .finally(() => (reconciling.current = false));
    // every block while a note is pending: a transaction still in flight settles when it lands (audit j M-2)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wallet?.pending, wallet?.unconfirmed?.length, busy, pool.dataUpdatedAt]);

  const state = pool.data?.state ?? null;
  const books = pool.data?.books ?? null;
  const note = wallet?.note ?? null;
  const asset = kind === "deposit" || kind === "withdraw" ? collateral : base;
  const walletToken = tokens.data?.get(asset.address.toLowerCase());
  const held = kind === "withdraw" ? (note?.collateral ?? 0n) : undefined;
  const parsed = parseAmount(
    text,
    { decimals: asset.decimals, symbol: asset.symbol, balance: kind === "deposit" || kind === "repay" ? walletToken?.balance : held },
    f,
  );

  // the pool's minimum for this action (deposit: collateral, borrow: base asset), shown before anything is proven
  const minimum = books ? actionMinimum(kind, books) : 0n;
  const belowMinimum = parsed.ok && parsed.value < minimum;
  const minimumText = f.token(minimum, asset.decimals, asset.symbol, asset.decimals);
  // No note yet: only a deposit has an "after" (a borrow from nothing would show health ∞ → 0 beside "deposit first").
  const preview =
    state && parsed.ok && (note || kind === "deposit") ? previewAction(kind, parsed.value, note ?? { collateral: 0n, shares: 0n }, state) : null;
  // What the pool would refuse (past the limit, no note, dust debt…), named as the amount is typed and before any proof:
  // the plan's own checks (lib/privacy/actions.ts checkAction), without the note tree.
  let refused: string | null = null;
  if (parsed.ok && !belowMinimum && books) {
    try {
      checkAction(kind, parsed.value, note, state ?? books);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      refused = planText(e, kind, books, pool.data?.priceError);
    }
  }
  const before = state && note ? notePosition(note, state) : null;
  // a rescue may go aside: a deposit or repayment on a note that owes
  const asideOffered = (kind === "deposit" || kind === "repay") && (note?.shares ?? 0n) > 0n;
  const atRisk = before?.health != null && (healthBand(before.health) === "liquidatable" || healthBand(before.health) === "atRisk");
  // a choice holds for the note it was made on (audit k I-2): a new note starts from the default again
  const asideOn = asideChoice && asideChoice.note === note?.blinding ? asideChoice.on : atRisk;

  /**
   * Plans, proves and sends one action (a form's, or `close`: every share repaid and all the collateral out in one
   * proof, an exit) from wallet `from`; the wallet after it when confirmed, else null. The pool takes an insertion only
   * against its current root (circuit v3 proves it; an exit inserts nothing and races for no root): when another
   * action lands first (`StaleRoot`, nothing spent) or the note's membership root left the pool's last 256
   * (`UnknownRoot`) — or a new price round or interest changed its inputs (`InvalidProof`, `DebtIndexAboveProof`) —
   * the tree and the pool are read again and the action proven again, up to STALE_ROOT_RETRIES times. With `aside`
   * (the owner's choice in the form, on by default for a note at risk), a deposit or repayment that lost once goes aside
   * (depositAside, repayAside: no current root to lose, audit i L-1; audit j L-2) — a rescue no one can hold back by
   * landing insertions first; the page then says that the note's next action links to it.
   */
  async function run(
    action: PrivateActionKind | "close",
    amount: bigint,
    from = wallet,
    attempt = 0,
    aside = false,
    goAside = false,
  ): Promise<PrivateWallet | null> {
    if (!address || !scope) return null;
    const c = client();
    let w: PrivateWallet = from ?? create();
    // a pending or unconfirmed note that landed is the note now: saved, and the owner sees it before acting on it
    // (audit l M-3)
    const reconciled = await reconcilePending(c, pp, w);
    if (reconciled !== w) update(reconciled);
    const noteNow = reconciled.note ? commitment(reconciled.note) : null;
    if (noteNow !== (w.note ? commitment(w.note) : null)) {
      setProblem(t("errors.noteChanged"));
      return null;
    }
    w = reconciled;
    if (w.pending) {
      setProblem(t("errors.pending"));
      return null;
    }
    const [{ tree }, fresh] = await Promise.all([readNoteTree(c, pp), pool.refetch()]);
    // with no price (a stale or out-of-bounds feed), the books still plan an action leaving the note debt-free
    const s = fresh.data?.state ?? fresh.data?.books;
    if (!s) {
      setProblem(t("errors.noState"));
      return null;
    }
    let plan;
    try {
      plan =
        action === "close"
          ? planClose({ note: w.note, recipient: address }, tree, s)
          : planAction({ kind: action, amount, note: w.note, ownerKey: w.ownerKey, recipient: address, aside: goAside }, tree, s);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      setProblem(planText(e, action, s, fresh.data?.priceError));
      return null;
    }
    let proof;
    try {
      const proven = await prove(plan.input);
      proof = proven.proof;
      setLastProof(proven.ms);
    } catch (e) {
      setProblem(e instanceof ProofError ? t(`errors.proof.${e.reason}`, { detail: e.message }) : String(e));
      return null;
    }
    // Saved before signing: if this tab closes while the transaction is pending, the next visit finds the note.
    update({ ...w, pending: plan.next, pendingSpends: plan.input.nullifier });
    const call = poolCall(plan, proof);
    // deposits pull collateral; repayments and closes pull base (a margin for the interest accrued until mined)
    const pullToken = action === "deposit" ? collateral : plan.pays > 0n ? base : null;
    const pullAmount = action === "deposit" ? plan.tokens : plan.pays + (plan.pays * REPAY_APPROVAL_MARGIN_BPS) / 10_000n + 1n;
    const allowance = pullToken ? (tokens.data?.get(pullToken.address.toLowerCase())?.allowance ?? 0n) : 0n;
    const moved = action === "close" ? collateral : assetOf(action);
    const result = await approveAndSend(
      pullToken
        ? {
            token: pullToken.address,
            symbol: pullToken.symbol,
            decimals: pullToken.decimals,
            spender: pp.pool,
            amount: pullAmount,
            allowance,
            unlimited: false,
          }
        : null,
      {
        label: t(`label.${action}`, { amount: f.token(plan.tokens, moved.decimals, moved.symbol, moved.decimals) }),
        chainId,
        address: pp.pool,
        abi: keelPrivatePoolAbi,
        ...call,
        // saved with the pending note: a receipt that comes late, or a tab closed meanwhile, finds it again (audit j M-2)
        onHash: (hash) => update({ ...w, pending: plan.next, pendingSpends: plan.input.nullifier, pendingTx: hash }),
      },
    );
    if (result.status === "confirmed") {
      // landed only if the pool spent this action's nullifier in that receipt: a wallet's replacement or cancellation
      // comes back as another transaction's successful receipt (audit k H-2) — then nothing happened, and the pending
      // note is left for reconcilePending (kept as unconfirmed, in case the original lands after all)
      const outcome = noteFromReceipt(result.receipt.logs, pp.pool, { nullifier: plan.input.nullifier, next: plan.next });
      if (!outcome.landed) {
        setProblem(t("errors.replaced"));
        return null;
      }
      const after: PrivateWallet = { ...w, note: outcome.note, pending: null, pendingTx: undefined };
      update(after);
      return after;
    }
    // Sent but no receipt in time (dropped, replaced, or just slow): the pending note stays with its transaction, and
    // reconcilePending settles it once the chain knows (audit j M-2). Refused before sending, or reverted: nothing
    // landed, the pending note goes.
    if (result.hash && result.error.kind !== "revert") {
      setProblem(errorText(result.error));
      return null;
    }
    const settled = { ...w, pending: null, pendingTx: undefined, pendingSpends: undefined };
    // The wallet failed without a hash after being asked to send: it may have broadcast it all the same — the note
    // is kept as unconfirmed, found if it lands (audit l H-1). Refused in simulation, rejected, or reverted on chain:
    // nothing can land, the pending note goes.
    if (result.status === "failed" && result.maybeSent && !result.hash && !isExit(plan.next)) {
      update(keepUnconfirmed(settled, plan.next, plan.input.nullifier));
      setProblem(errorText(result.error));
      return null;
    }
    update(settled);
    // another action landed first (StaleRoot, UnknownRoot), or a new price round or interest moved the inputs the proof
    // was made with (InvalidProof, DebtIndexAboveProof: audit j I-3): prove again from the chain as it is now
    const raced = ["StaleRoot", "UnknownRoot", "InvalidProof", "DebtIndexAboveProof"].includes(result.error.errorName ?? "");
    // aside only after losing the root itself, not after a price round (audit k I-1)
    const lostRoot = result.error.errorName === "StaleRoot" || result.error.errorName === "UnknownRoot";
    // from the wallet as stored now (a liquidation watch may have saved something meanwhile: audit l I-1)
    const latest = scope ? (loadWallet(window.localStorage, scope) ?? settled) : settled;
    if (raced && attempt < STALE_ROOT_RETRIES) return run(action, amount, latest, attempt + 1, aside, goAside || (aside && lostRoot));
    setProblem(
      result.error.errorName === "NoteAlreadySpent"
        ? t("errors.spent")
        : result.status === "rejected"
          ? t("errors.rejected")
          : errorText(result.error),
    );
    return null;
  }
  /** A plan's refusal as a sentence: the same for the form's live check and for a send that could not be planned. */
  function planText(e: PlanError, action: PrivateActionKind | "close", s: PoolBooks, priceError: DescribedError | null | undefined) {
    const a = assetOf(action === "close" ? "withdraw" : action);
    return e.problem === "noPrice"
      ? t("errors.stalePrice", { reason: priceError ? errorText(priceError) : "" })
      : e.problem === "belowMinimum"
        ? t(`minimum.below.${action === "borrow" ? "borrow" : "deposit"}`, {
            minimum: f.token(actionMinimum(action === "borrow" ? "borrow" : "deposit", s), a.decimals, a.symbol, a.decimals),
          })
        : e.problem === "dustDebt"
          ? t("errors.plan.dustDebt", { minimum: f.token(s.minBorrow, base.decimals, base.symbol, base.decimals) })
          : t(`errors.plan.${e.problem}`);
  }
  function assetOf(action: PrivateActionKind) {
    return action === "deposit" || action === "withdraw" ? collateral : base;
  }

  async function submit() {
    if (!parsed.ok) return;
    setBusy(true);
    setProblem(null);
    try {
      if (await run(kind, parsed.value, wallet, 0, asideOffered && asideOn)) setText("");
    } catch (e) {
      setProblem(errorText(describeError(e)));
    } finally {
      setBusy(false);
    }
  }

  async function close() {
    if (!note) return;
    setBusy(true);
    setProblem(null);
    try {
      // one proof: every share repaid and all the collateral out (KeelPrivatePool.close, an exit: no root to race for)
      await run("close", 0n, wallet);
    } catch (e) {
      setProblem(errorText(describeError(e)));
    } finally {
      setBusy(false);
    }
  }

  if (!address) return <p className="text-sm text-slate-300">{t("connect")}</p>;
  if (walletError)
    return (
      <p role="alert" className="rounded-lg border border-rose-700 bg-rose-950/40 p-4 text-sm text-rose-200">
        {t("walletUnreadable")}
      </p>
    );

  const band = before?.health != null ? healthBand(before.health) : null;
  const liquidation = wallet?.liquidation ?? null;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      {liquidation && wallet && (
        <section
          role="status"
          aria-labelledby="private-liquidated-title"
          className="space-y-2 rounded-xl border border-rose-700 bg-rose-950/40 p-4 text-sm text-rose-100 lg:col-span-2"
          data-testid="private-liquidated"
        >
          <h2 id="private-liquidated-title" className="text-lg font-semibold">
            {t("liquidated.title")}
          </h2>
          <p>
            {t("liquidated.body", {
              block: liquidation.block.toString(),
              repaid: f.token(liquidation.repaid, base.decimals, base.symbol),
              seized: f.token(liquidation.seized, collateral.decimals, collateral.symbol),
            })}
          </p>
          <p data-testid="private-liquidated-left">
            {note ? t("liquidated.left", { left: f.token(note.collateral, collateral.decimals, collateral.symbol) }) : t("liquidated.nothingLeft")}
          </p>
          <p className="font-mono text-xs break-all text-rose-200">{t("liquidated.tx", { tx: liquidation.tx })}</p>
          <button
            type="button"
            onClick={() => update({ ...wallet, liquidation: null })}
            data-testid="private-liquidated-dismiss"
            className="min-h-11 rounded-lg border border-rose-600 px-4 text-rose-100"
          >
            {t("liquidated.dismiss")}
          </button>
        </section>
      )}
      <section className="space-y-4 rounded-xl border border-slate-800 bg-slate-900/60 p-4" data-testid="private-position">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold">{t("position", { market: marketInfo.name })}</h2>
          <span className="rounded-full bg-violet-900/60 px-2 py-0.5 text-xs text-violet-200 ring-1 ring-violet-700">{t("badge")}</span>
          {band && <span className="text-xs text-slate-300">{t(`band.${band}`)}</span>}
        </div>
        {note?.asideRoot !== undefined && (
          <p className="rounded-lg border border-amber-700/70 bg-amber-950/30 p-3 text-xs text-amber-100" data-testid="private-aside">
            {t("aside")}
          </p>
        )}
        <div role="tablist" aria-label={t("actions")} className="flex flex-wrap gap-2" onKeyDown={onTabListKeyDown}>
          {KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={kind === k}
              data-testid={`private-tab-${k}`}
              onClick={() => {
                setKind(k);
                setText("");
                setProblem(null);
              }}
              className={`min-h-11 rounded-lg px-3 text-sm ${kind === k ? "bg-sky-700 text-white" : "border border-slate-700 text-slate-300"}`}
            >
              {t(`tab.${k}`)}
            </button>
          ))}
        </div>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <AmountField
            id="private-amount"
            label={t(`amount.${kind}`)}
            symbol={asset.symbol}
            value={text}
            onChange={(v) => {
              setText(v);
              setProblem(null);
            }}
            problem={
              text && !parsed.ok
                ? amountProblem(parsed)
                : belowMinimum
                  ? t(`minimum.below.${kind === "borrow" ? "borrow" : "deposit"}`, { minimum: minimumText })
                  : refused
            }
          />
          {minimum > 0n && (
            <p className="text-xs text-slate-400" data-testid="private-minimum">
              {t(`minimum.${kind === "borrow" ? "borrow" : "deposit"}`, { minimum: minimumText })}
            </p>
          )}
          {/* every action leaving debt proves the note healthy at the oracle's prices (deposits and repayments too: audit3
              A3-P2); one leaving the note debt-free needs no price (zkaudit4 L1) */}
          {pool.data?.priceError && (
            <p role="alert" className="text-sm text-amber-300" data-testid="private-stale">
              {t("errors.stalePrice", { reason: errorText(pool.data.priceError) })}
            </p>
          )}
          <table className="w-full font-mono text-sm" data-testid="private-preview">
            <caption className="sr-only">{t("previewCaption")}</caption>
            <tbody>
              <PreviewRow
                testId="private-collateral"
                label={t("collateral")}
                before={f.token(note?.collateral ?? 0n, collateral.decimals, collateral.symbol)}
                {...(preview ? { after: f.token(preview.collateral, collateral.decimals, collateral.symbol) } : {})}
              />
              <PreviewRow
                testId="private-debt"
                label={t("debt")}
                before={f.token(before?.debt ?? 0n, base.decimals, base.symbol)}
                {...(preview ? { after: f.token(preview.debt, base.decimals, base.symbol) } : {})}
              />
              <PreviewRow
                testId="private-health"
                label={t("health")}
                before={before?.health != null ? f.healthFactor(before.health) : "∞"}
                {...(preview ? { after: preview.health != null ? f.healthFactor(preview.health) : "∞" } : {})}
                {...(preview?.liquidatable ? { afterClass: "text-rose-300" } : {})}
              />
            </tbody>
          </table>
          <ProgressLine progress={progress} />
          {problem && (
            <p role="alert" className="text-sm text-rose-300" data-testid="private-problem">
              {problem}
            </p>
          )}
          {asideOffered && (
            <label className="flex min-h-11 items-start gap-2 text-xs text-slate-300">
              <input
                type="checkbox"
                className="mt-0.5 h-5 w-5 shrink-0"
                checked={asideOn}
                onChange={(e) => setAsideChoice({ note: note?.blinding, on: e.target.checked })}
                data-testid="private-aside-choice"
              />
              <span>{t("asideChoice")}</span>
            </label>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={busy || !parsed.ok || belowMinimum || refused !== null || !books}
              data-testid="private-submit"
              className="min-h-11 rounded-lg bg-sky-600 px-4 text-sm font-medium text-white disabled:opacity-50"
            >
              {busy ? t("working") : t(`submit.${kind}`)}
            </button>
            {note && (
              <button
                type="button"
                disabled={busy || !books}
                onClick={() => void close()}
                data-testid="private-close"
                className="min-h-11 rounded-lg border border-slate-600 px-4 text-sm text-slate-200 disabled:opacity-50"
              >
                {t("close")}
              </button>
            )}
          </div>
          <p className="text-xs text-slate-400">{t("submitter")}</p>
          {lastProof !== null && (
            <p className="text-xs text-slate-400" data-testid="private-proof-time">
              {t("proofTime", { seconds: (lastProof / 1000).toFixed(1) })}
            </p>
          )}
        </form>
      </section>
      <BackupPanel
        scope={scope!}
        wallet={wallet}
        onImport={(text) => {
          try {
            // the current pending and unconfirmed notes are kept (audit l H-2)
            update(mergeForImport(parseWallet(text, scope!), wallet));
            return null;
          } catch (e) {
            return e instanceof WalletFileError ? t(`backup.${e.problem}`) : String(e);
          }
        }}
        serialize={() => (wallet ? serializeWallet(scope!, wallet) : null)}
      />
    </div>
  );
}

function ProgressLine({ progress }: { progress: ProofProgress | null }) {
  const t = useTranslations("private");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (progress?.stage !== "proving") return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [progress?.stage]);
  if (!progress) return null;
  const mb = (b: number) => (b / 1e6).toFixed(1);
  return (
    <p role="status" className="text-sm text-sky-300" data-testid="private-progress">
      {progress.stage === "download"
        ? t("progress.download", { loaded: mb(progress.loaded), total: mb(progress.total) })
        : t("progress.proving", { seconds: Math.max(0, Math.round((now - progress.since) / 1000)) })}
    </p>
  );
}
