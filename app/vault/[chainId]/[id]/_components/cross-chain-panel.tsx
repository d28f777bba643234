"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAccount } from "wagmi";
import { AmountField } from "@/components/amount-field";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useErrorText } from "@/hooks/use-error-text";
import { useCrossChainMessages, useCrossChainQuotes } from "@/hooks/use-cross-chain";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useNowSeconds } from "@/hooks/use-now";
import { useTransactor } from "@/hooks/use-transactor";
import { useWalletTokens } from "@/hooks/use-vault";
import { parseAmount } from "@/lib/view/amount";
import { depositCall, gatewayOperatorCall, redeemCall, withdrawCall } from "@/lib/crosschain/actions";
import { gatewayTokensFor, type CrossChainDeployment, type outpostTokensFor } from "@/lib/crosschain/deployment";
import { messageProgress } from "@/lib/crosschain/messages";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensVault } from "@/lib/read/vaults";
import { sameAddress } from "@/lib/config/address";

const button = "min-h-11 rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 md:min-h-0";

/**
 * Collateral from the other chain (docs/cross-chain.md): deposit WETH or WBTC on the outpost's chain for this vault,
 * follow the Hyperlane message until the claims are credited here, and withdraw claims back (the market's LTV check
 * decides) to be released there. Every message of the vault and of the connected account, with its state and id.
 */
export function CrossChainPanel({ chain, vault, isOwner }: { chain: ChainConfig; vault: LensVault; isOwner: boolean }) {
  const t = useTranslations("crossChain");
  const chains = useKeelChains();
  const tokens = gatewayTokensFor(chain, vault.market);
  const xc = chain.crossChain;
  const remote = xc && chains.find((c) => c.id === xc.outpost.chainId);
  if (!xc || tokens.length === 0 || !remote) return null;
  return (
    <section className="space-y-3 rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm" data-testid="crosschain-panel">
      <div>
        <h2 className="font-semibold">{t("title", { chain: remote.name })}</h2>
        <p className="mt-1 text-slate-400">{t("intro", { chain: remote.name })}</p>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <DepositForm xc={xc} remote={remote} vault={vault} tokens={tokens} />
        {isOwner ? (
          <WithdrawForm xc={xc} chain={chain} remote={remote} vault={vault} tokens={tokens} />
        ) : (
          <p className="text-slate-400">{t("ownerWithdraws")}</p>
        )}
      </div>
      <WalletClaims xc={xc} chain={chain} remote={remote} vault={vault} tokens={tokens} />
      <Messages xc={xc} chain={chain} remote={remote} vault={vault} />
    </section>
  );
}

type OutpostToken = ReturnType<typeof outpostTokensFor>[number];

/** Where the next signature happens, when the wallet is elsewhere: the transactor switches, this says so first. */
function ChainNote({ target }: { target: ChainConfig }) {
  const t = useTranslations("crossChain");
  const { chainId, isConnected } = useAccount();
  if (!isConnected || chainId === target.id) return null;
  return (
    <p className="text-xs text-amber-300" data-testid="crosschain-chain-note">
      {t("switchTo", { chain: target.name })}
    </p>
  );
}

function AssetPicker({
  tokens,
  value,
  onChange,
  symbolOf,
}: {
  tokens: OutpostToken[];
  value: number;
  onChange(i: number): void;
  symbolOf(t: OutpostToken): string;
}) {
  const t = useTranslations("crossChain");
  return (
    <div role="radiogroup" aria-label={t("asset")} className="flex flex-wrap gap-2">
      {tokens.map((tok, i) => (
        <button
          key={tok.token}
          type="button"
          role="radio"
          aria-checked={i === value}
          onClick={() => onChange(i)}
          className={`min-h-11 rounded-md border px-3 py-1 md:min-h-0 ${i === value ? "border-sky-500 text-sky-200" : "border-slate-700 text-slate-300"}`}
        >
          {symbolOf(tok)}
        </button>
      ))}
    </div>
  );
}

function DepositForm({ xc, remote, vault, tokens }: { xc: CrossChainDeployment; remote: ChainConfig; vault: LensVault; tokens: OutpostToken[] }) {
  const t = useTranslations("crossChain");
  const f = useFormat();
  const problemText = useAmountProblem();
  const { address } = useAccount();
  const approveAndSend = useApproveAndSend();
  const [pick, setPick] = useState(0);
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const tok = tokens[pick]!;
  const wallet = useWalletTokens(
    remote,
    xc.outpost.outpost,
    tokens.map((x) => x.token),
    address,
  );
  const held = wallet.data?.get(tok.token.toLowerCase());
  const quotes = useCrossChainQuotes(xc, { token: tok.token, claim: tok.claim, market: vault.market, vaultId: vault.id, account: address });
  const parsed = parseAmount(text, { decimals: tok.decimals, symbol: tok.asset, ...(held ? { balance: held.balance } : {}) }, f);
  const fee = quotes.data?.depositFee;
  const ready = parsed.ok && Boolean(address) && fee !== undefined && held !== undefined && !busy;
  const onSubmit = async () => {
    setTouched(true);
    if (!ready || !parsed.ok || !address || fee === undefined || !held) return;
    setBusy(true);
    try {
      const call = depositCall(xc, { token: tok.token, amount: parsed.value, market: vault.market, vaultId: vault.id, account: address, fee });
      const r = await approveAndSend(
        {
          token: tok.token,
          symbol: tok.asset,
          decimals: tok.decimals,
          spender: xc.outpost.outpost,
          amount: parsed.value,
          allowance: held.allowance,
          unlimited: false,
        },
        { label: t("depositLabel", { amount: f.token(parsed.value, tok.decimals, tok.asset), chain: remote.name }), ...call },
      );
      if (r.status === "confirmed") {
        setText("");
        setTouched(false);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="space-y-2 rounded-lg border border-slate-800 p-3"
      data-testid="crosschain-deposit"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h3 className="font-medium">{t("depositTitle", { chain: remote.name })}</h3>
      <AssetPicker tokens={tokens} value={pick} onChange={setPick} symbolOf={(x) => x.asset} />
      <AmountField
        id="crosschain-deposit-amount"
        label={t("amountOn", { chain: remote.name })}
        symbol={tok.asset}
        value={text}
        onChange={(v) => {
          setText(v);
          setTouched(true);
        }}
        {...(held
          ? {
              onMax: () => setText(f.unitsInput(held.balance, tok.decimals)),
              hint: t("walletOn", { amount: f.token(held.balance, tok.decimals, tok.asset), chain: remote.name }),
            }
          : {})}
        problem={touched && !parsed.ok && parsed.problem !== "empty" ? problemText(parsed) : null}
      />
      <p className="text-xs text-slate-400">{t("becomes", { claim: tok.claimSymbol })}</p>
      <p className="text-xs text-slate-400" data-testid="crosschain-deposit-fee">
        {fee === undefined ? t("feeReading") : t("fee", { fee: f.token(fee, 18, "ETH") })}
      </p>
      <ChainNote target={remote} />
      {!address && <p className="text-xs text-slate-400">{t("connect")}</p>}
      <button type="submit" className={button} disabled={!ready} data-testid="crosschain-deposit-submit">
        {busy ? t("sending") : t("depositButton", { chain: remote.name })}
      </button>
    </form>
  );
}

function WithdrawForm({
  xc,
  chain,
  remote,
  vault,
  tokens,
}: {
  xc: CrossChainDeployment;
  chain: ChainConfig;
  remote: ChainConfig;
  vault: LensVault;
  tokens: OutpostToken[];
}) {
  const t = useTranslations("crossChain");
  const f = useFormat();
  const problemText = useAmountProblem();
  const { address } = useAccount();
  const send = useTransactor();
  const held = tokens.map((tok) => ({ tok, amount: vault.collaterals.find((c) => sameAddress(c.asset, tok.claim))?.amount ?? 0n }));
  const [pick, setPick] = useState(0);
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const { tok, amount: inVault } = held[pick]!;
  const quotes = useCrossChainQuotes(xc, { token: tok.token, claim: tok.claim, market: vault.market, vaultId: vault.id, account: address });
  const parsed = parseAmount(text, { decimals: tok.decimals, symbol: tok.claimSymbol, max: { value: inVault, reason: t("inVaultReason") } }, f);
  const q = quotes.data;
  const ready = parsed.ok && Boolean(address) && q !== undefined && !busy;
  const onSubmit = async () => {
    setTouched(true);
    if (!ready || !parsed.ok || !address || !q) return;
    setBusy(true);
    try {
      if (!q.gatewayIsOperator) {
        const r = await send({ label: t("operatorLabel"), ...gatewayOperatorCall(xc, vault.market) });
        if (r.status !== "confirmed") return;
      }
      const r = await send({
        label: t("withdrawLabel", { amount: f.token(parsed.value, tok.decimals, tok.claimSymbol), chain: remote.name }),
        vault: { market: vault.market, id: vault.id },
        ...withdrawCall(xc, {
          market: vault.market,
          vaultId: vault.id,
          claim: tok.claim,
          amount: parsed.value,
          recipient: address,
          fee: q.releaseFee,
        }),
      });
      if (r.status === "confirmed") {
        setText("");
        setTouched(false);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="space-y-2 rounded-lg border border-slate-800 p-3"
      data-testid="crosschain-withdraw"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h3 className="font-medium">{t("withdrawTitle", { chain: remote.name })}</h3>
      <AssetPicker tokens={tokens} value={pick} onChange={setPick} symbolOf={(x) => x.claimSymbol} />
      <AmountField
        id="crosschain-withdraw-amount"
        label={t("claimsToWithdraw")}
        symbol={tok.claimSymbol}
        value={text}
        onChange={(v) => {
          setText(v);
          setTouched(true);
        }}
        onMax={() => setText(f.unitsInput(inVault, tok.decimals))}
        hint={t("inVault", { amount: f.token(inVault, tok.decimals, tok.claimSymbol) })}
        problem={touched && !parsed.ok && parsed.problem !== "empty" ? problemText(parsed) : null}
      />
      <p className="text-xs text-slate-400">{t("releasedAs", { asset: tok.asset, chain: remote.name })}</p>
      {q && !q.gatewayIsOperator && <p className="text-xs text-slate-400">{t("operatorFirst")}</p>}
      <p className="text-xs text-slate-400" data-testid="crosschain-withdraw-fee">
        {q ? t("fee", { fee: f.token(q.releaseFee, 18, "ETH") }) : t("feeReading")}
      </p>
      <ChainNote target={chain} />
      <button type="submit" className={button} disabled={!ready || inVault === 0n} data-testid="crosschain-withdraw-submit">
        {busy ? t("sending") : t("withdrawButton", { chain: remote.name })}
      </button>
    </form>
  );
}

/**
 * Claims in the wallet on this chain (a Credit the vault could not take: cap reached, market removed): deposit them from
 * the action panel (they are listed there as collateral), or send them back to the outpost's chain here.
 */
function WalletClaims({
  xc,
  chain,
  remote,
  vault,
  tokens,
}: {
  xc: CrossChainDeployment;
  chain: ChainConfig;
  remote: ChainConfig;
  vault: LensVault;
  tokens: OutpostToken[];
}) {
  const t = useTranslations("crossChain");
  const f = useFormat();
  const { address } = useAccount();
  const send = useTransactor();
  const [busy, setBusy] = useState(false);
  const wallet = useWalletTokens(
    chain,
    vault.market,
    tokens.map((x) => x.claim),
    address,
  );
  const held = tokens.flatMap((tok) => {
    const balance = wallet.data?.get(tok.claim.toLowerCase())?.balance ?? 0n;
    return balance > 0n ? [{ tok, balance }] : [];
  });
  const first = held[0];
  const quotes = useCrossChainQuotes(xc, {
    token: first?.tok.token ?? tokens[0]!.token,
    claim: first?.tok.claim ?? tokens[0]!.claim,
    market: vault.market,
    vaultId: vault.id,
    account: address,
  });
  if (!address || !first) return null;
  const fee = quotes.data?.releaseFee;
  const onRedeem = async () => {
    if (fee === undefined || busy) return;
    setBusy(true);
    try {
      await send({
        label: t("redeemLabel", { amount: f.token(first.balance, first.tok.decimals, first.tok.claimSymbol), chain: remote.name }),
        ...redeemCall(xc, { claim: first.tok.claim, amount: first.balance, recipient: address, fee }),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-800 bg-amber-950/30 px-3 py-2"
      data-testid="crosschain-wallet-claims"
    >
      <p className="text-amber-200">
        {t("inWallet", { amount: f.token(first.balance, first.tok.decimals, first.tok.claimSymbol), chain: chain.name, remote: remote.name })}
      </p>
      <button type="button" className={button} disabled={fee === undefined || busy} onClick={() => void onRedeem()} data-testid="crosschain-redeem">
        {busy ? t("sending") : t("redeemButton", { chain: remote.name })}
      </button>
    </div>
  );
}

function Messages({ xc, chain, remote, vault }: { xc: CrossChainDeployment; chain: ChainConfig; remote: ChainConfig; vault: LensVault }) {
  const t = useTranslations("crossChain");
  const f = useFormat();
  const errorText = useErrorText();
  const { address } = useAccount();
  const now = useNowSeconds();
  const q = useCrossChainMessages(xc, vault.market, vault.id, address);
  const nameOf = (id: number) => (id === chain.id ? chain.name : remote.name);
  const rows = (q.data ?? []).map((m) => ({ m, progress: messageProgress(m, m.dispatchedAt, now) }));
  const late = rows.filter((r) => r.progress === "late");
  const failed = rows.filter((r) => r.progress === "failed");
  return (
    <div className="space-y-2">
      <h3 className="font-medium">{t("messages")}</h3>
      {q.error && !q.data && <p className="text-rose-300">{t("messagesError")}</p>}
      {late.length > 0 && (
        <div role="alert" className="rounded-lg border border-amber-800 bg-amber-950/40 px-3 py-2 text-amber-200" data-testid="crosschain-late">
          {t("late", { n: late.length, chain: remote.name })}
        </div>
      )}
      {failed.length > 0 && (
        <div role="alert" className="rounded-lg border border-rose-800 bg-rose-950/40 px-3 py-2 text-rose-200" data-testid="crosschain-failed">
          {t("failed", { n: failed.length })}
        </div>
      )}
      {q.data && rows.length === 0 && <p className="text-slate-400">{t("noMessages")}</p>}
      {rows.length > 0 && (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("messages")}>
          <table className="w-full text-sm" data-testid="crosschain-messages">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
              <tr>
                <th className="py-1 pr-2">{t("kind")}</th>
                <th className="py-1 pr-2 text-right">{t("amount")}</th>
                <th className="py-1 pr-2">{t("state")}</th>
                <th className="hidden py-1 sm:table-cell">{t("messageId")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ m, progress }) => (
                <tr key={m.id} className="border-t border-slate-800" data-testid={`crosschain-message-${m.kind}-${m.nonce}`} data-state={progress}>
                  <td className="py-1 pr-2">
                    {t(m.kind === "credit" ? "creditKind" : "releaseKind", { from: nameOf(m.originChainId), to: nameOf(m.destinationChainId) })}
                    <div className="font-mono text-xs text-slate-400 sm:hidden" title={m.id}>{`${m.id.slice(0, 10)}…`}</div>
                  </td>
                  <td className="whitespace-nowrap py-1 pr-2 text-right font-mono tabular-nums">{f.token(m.amount, m.decimals, m.symbol)}</td>
                  <td className="py-1 pr-2">
                    {progress === "failed" ? (
                      <span className="text-rose-300">{t("failedState", { reason: m.failure ? errorText(m.failure) : "—" })}</span>
                    ) : progress === "delivered" ? (
                      m.landed === "account" || m.landed === "refused" ? (
                        <span className="text-amber-300">{t(m.landed === "account" ? "toWallet" : "refused")}</span>
                      ) : (
                        <span className="text-emerald-300">{t(m.kind === "credit" ? "credited" : "released")}</span>
                      )
                    ) : (
                      <span className={progress === "late" ? "text-amber-300" : "text-sky-300"}>
                        {t(progress === "late" ? "lateState" : "inFlight", { age: m.dispatchedAt ? f.age(now - m.dispatchedAt) : "—" })}
                      </span>
                    )}
                  </td>
                  <td className="hidden py-1 font-mono text-xs text-slate-400 sm:table-cell" title={m.id}>
                    {`${m.id.slice(0, 10)}…`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
