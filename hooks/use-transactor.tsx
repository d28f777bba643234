"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import {
  encodeFunctionData,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { useAccount, useConfig } from "wagmi";
import { useTranslations } from "next-intl";
import { useToasts } from "@/components/toaster";
import { useErrorText } from "./use-error-text";
import { withGasMargin } from "@/lib/tx/gas";
import { pendingFlows } from "@/lib/tx/pending-flows";
import type { PlannedCall, TxEffects } from "@/lib/tx/tx-effects";
import { IDLE_MOUNT_MS } from "@/components/chart-placeholder";
import { codeUnavailable, describeError, type DescribedError } from "@/lib/tx/tx-errors";
import { TxEffectsView } from "@/components/tx-effects-view";
import { useKeelChains } from "./use-keel-config";
import { chainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

/** The functions a transaction may call: those that change state. */
type Writable = "nonpayable" | "payable";

/**
 * One transaction for the transactor, typed by its ABI: `functionName` is one of the ABI's state-changing functions and
 * `args` exactly that function's arguments (viem's types, from the generated ABIs in contracts-abi/). Built inline in
 * `send({...})`, or with `txRequest({...})` ahead of it, a misspelt function or a wrong argument is a type error. A
 * request whose ABI is only known at run time (`Abi`) is typed as loosely as that ABI.
 */
export type TxRequest<abi extends Abi = Abi, functionName extends ContractFunctionName<abi, Writable> = ContractFunctionName<abi, Writable>> = {
  /** What the person is doing, e.g. "Deposit 1.5 WETH". */
  label: string;
  chainId: number;
  address: Address;
  abi: abi;
  functionName: functionName;
  args?: ContractFunctionArgs<abi, Writable, functionName>;
  /** Native token sent with the call (a messaging fee, e.g. Hyperlane's: lib/crosschain). */
  value?: bigint;
  /** The pending flow this transaction is a step of (lib/tx/pending-flows.ts): its stage and hash are recorded there. */
  flow?: string;
  /**
   * The transaction that follows this one in the same flow (an approval's action; it may have its own `then`):
   * simulated together with it, so the flow's whole effect — and a revert of a later step — is known before the first
   * signature.
   */
  then?: AnyTxRequest;
  /** The vault whose collateral and debt after are shown before signing (read through the lens in the simulation). */
  vault?: { market: Address; id: bigint };
  /**
   * Gas added to the estimate's margin: a protocol that accrues interest on its first call of a block (Morpho Blue, Aave)
   * can cost more than `withGasMargin` covers when mined a block after the estimate (docs/protocols.md).
   */
  extraGas?: bigint;
  /** The protocol's own sentence for a revert (lib/protocols/<name>/errors.ts); undefined falls back to lib/tx-errors. */
  describeRevert?: (error: unknown) => string | undefined;
  /**
   * Told the hash as soon as the wallet returns it, before any receipt: a caller that must find the transaction again
   * after a reload or a receipt timeout (the private wallet's pending note) saves it here.
   */
  onHash?: (hash: Hash) => void;
};

/** A request of any ABI, as a flow stores it once it has been checked (`then`, a list of steps). */
export type AnyTxRequest = TxRequest<Abi, string>;

/** A request checked against its ABI where it is written, kept for later as an AnyTxRequest. */
export function txRequest<const abi extends Abi, functionName extends ContractFunctionName<abi, Writable>>(
  r: TxRequest<abi, functionName>,
): AnyTxRequest {
  return r as unknown as AnyTxRequest;
}

/** The transactions that follow `r` in its flow (`then`, and theirs), simulated together with it. */
const following = (r: AnyTxRequest): AnyTxRequest[] => (r.then ? [r.then, ...following(r.then)] : []);

const toCall = (r: AnyTxRequest): PlannedCall => ({
  to: r.address,
  data: encodeFunctionData({ abi: r.abi, functionName: r.functionName, args: r.args ?? [] }),
  ...(r.value ? { value: r.value } : {}),
  label: r.label,
});

export type TxResult =
  | { status: "confirmed"; hash: Hash; receipt: TransactionReceipt }
  | {
      status: "rejected" | "failed";
      error: DescribedError;
      hash?: Hash;
      /**
       * The wallet was asked to send and failed without a hash (not a rejection): it may still have broadcast it (a
       * WalletConnect timeout while the phone signs, an error after sending). A caller holding state the transaction
       * would make keeps it (the private wallet's note: audit l H-1).
       */
      maybeSent?: boolean;
    };

/**
 * What a transaction needs and a page does not at load: wagmi's actions that switch, simulate, estimate, send and wait
 * (viem's wallet actions with them), every Keel error (contracts-abi/call.ts reads thirteen ABIs to gather them) and the
 * effects' simulation. Loaded once, when a page has been idle a while (`IDLE_MOUNT_MS`) or at the first transaction,
 * whichever comes first.
 */
let txToolsLoading:
  | Promise<{
      actions: typeof import("wagmi/actions");
      withKeelErrors: typeof import("@/contracts-abi/call").withKeelErrors;
      simulateEffects: typeof import("@/lib/tx/tx-effects").simulateEffects;
    }>
  | undefined;
function txTools() {
  if (!txToolsLoading) {
    const loading = Promise.all([import("wagmi/actions"), import("@/contracts-abi/call"), import("@/lib/tx/tx-effects")]).then(
      ([actions, call, effects]) => ({
        actions,
        withKeelErrors: call.withKeelErrors,
        simulateEffects: effects.simulateEffects,
      }),
    );
    // A failed load (offline, a new deployment's chunks) is tried again by the next transaction.
    loading.catch(() => {
      if (txToolsLoading === loading) txToolsLoading = undefined;
    });
    txToolsLoading = loading;
  }
  return txToolsLoading;
}

/**
 * The whole life of a transaction, in one place for every form: switch chain if needed → simulate (a revert is shown
 * by its decoded custom error and nothing is sent) → its effects, simulated at the latest block (tokens out of and into
 * the wallet, the vault after), shown before the wallet opens → waiting for signature → pending (hash, explorer link)
 * → confirmed or failed, with toasts; every query is refreshed after confirmation.
 */
export function useTransactor() {
  const config = useConfig();
  const { address, chainId: walletChain } = useAccount();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const chains = useKeelChains();
  const t = useTranslations("tx");
  const errorText = useErrorText();
  useEffect(() => {
    const timer = window.setTimeout(() => void txTools().catch(() => {}), IDLE_MOUNT_MS);
    return () => window.clearTimeout(timer);
  }, []);

  const run = useCallback(
    async (req: AnyTxRequest): Promise<TxResult> => {
      const explorer = chains.find((c) => c.id === req.chainId)?.explorerUrl;
      const stage = (patch: Parameters<ReturnType<typeof pendingFlows>["update"]>[1]) => {
        if (req.flow) pendingFlows().update(req.flow, patch);
      };
      stage({ stage: "checking" });
      const id = toasts.show({ tone: "pending", title: req.label, body: t("checking") });
      /** Ends the flow as failed or declined; `shown` is what the toast says (the error in the reader's language). */
      const fail = (error: DescribedError, hash?: Hash, shown = errorText(error), maybeSent = false): TxResult => {
        if (error.kind === "rejected") toasts.show({ id, tone: "neutral", title: req.label, body: shown });
        else toasts.show({ id, tone: "error", title: t("failed", { label: req.label }), body: shown });
        const rejected = error.kind === "rejected";
        return { status: rejected ? "rejected" : "failed", error, ...(hash ? { hash } : {}), ...(maybeSent && !rejected ? { maybeSent } : {}) };
      };
      if (!address) return fail({ kind: "unknown", message: "Connect a wallet first." }, undefined, t("connectFirst"));
      let tools;
      try {
        tools = await txTools();
      } catch {
        return fail(codeUnavailable());
      }
      const { estimateGas, simulateContract, switchChain, waitForTransactionReceipt, writeContract } = tools.actions;
      try {
        if (walletChain !== req.chainId) {
          toasts.show({ id, tone: "pending", title: req.label, body: t("switchNetwork") });
          await switchChain(config, { chainId: req.chainId as (typeof config.chains)[number]["id"] });
        }
      } catch (e) {
        return fail(describeError(e));
      }
      let request;
      try {
        ({ request } = await simulateContract(config, {
          chainId: req.chainId,
          account: address,
          address: req.address,
          // Every Keel error a call can bubble up (the market's, the oracle's StalePrice…), decoded by name.
          abi: tools.withKeelErrors(req.abi),
          functionName: req.functionName,
          args: req.args,
          ...(req.value ? { value: req.value } : {}),
        } as Parameters<typeof simulateContract>[1]));
      } catch (e) {
        const own = req.describeRevert?.(e);
        if (own) return fail({ kind: "revert", message: `Not sent — it would fail: ${own}` }, undefined, t("notSent", { reason: own }));
        const d = describeError(e);
        return d.kind === "revert"
          ? fail({ ...d, message: `Not sent — it would fail: ${d.message}` }, undefined, t("notSent", { reason: errorText(d) }))
          : fail(d);
      }
      // The effects, from a simulation of this transaction (and the one that follows it in its flow) at the latest block.
      const chain = chains.find((c) => c.id === req.chainId);
      const assets = (chain?.deployment?.assets ?? []).map((a) => ({ address: a.address, symbol: a.symbol, decimals: a.decimals }));
      // Each market's lender vault is an ERC-4626 token: its shares (base decimals + 6) move in and out of a lender's wallet.
      const shares = (chain?.deployment?.markets ?? []).flatMap((m) => {
        const b = assets.find((a) => sameAddress(a.address, m.baseAsset));
        return b ? [{ address: m.lenderVault, symbol: t("lenderShares", { market: m.name }), decimals: b.decimals + 6 }] : [];
      });
      const tokens = [...assets, ...shares];
      const lens = chain?.deployment?.contracts.lens;
      const vaultReq = req.vault ?? req.then?.vault;
      const market = vaultReq ? chain?.deployment?.markets.find((m) => sameAddress(m.address, vaultReq.market)) : undefined;
      const base = market ? tokens.find((t) => sameAddress(t.address, market.baseAsset)) : undefined;
      let effects: TxEffects | null = null;
      try {
        const client = chainReader(config, req.chainId);
        if (client) {
          effects = await tools.simulateEffects((a) => client.request(a as never), {
            account: address,
            calls: [req, ...following(req)].map(toCall),
            tokens,
            ...(vaultReq && lens && vaultReq.id > 0n ? { vault: { lens, market: vaultReq.market, id: vaultReq.id } } : {}),
          });
        }
      } catch {
        effects = null; // the RPC does not simulate blocks (eth_simulateV1): the wallet's own preview remains
      }
      if (effects && !effects.ok) {
        const step = req.then ? ` (${effects.label})` : "";
        return fail(
          { ...effects.error, message: `Not sent — it would fail${step}: ${effects.error.message}` },
          undefined,
          req.then ? t("notSentStep", { step: effects.label, reason: errorText(effects.error) }) : t("notSent", { reason: errorText(effects.error) }),
        );
      }
      const effectsView = effects?.ok ? <TxEffectsView effects={effects} tokens={tokens} {...(base ? { base } : {})} /> : null;
      // The engine accrues interest on the first call of a block, so a transaction mined in a later block than the one it
      // was estimated in can cost more gas than the estimate: send it with a margin (unused gas is not paid).
      let gas: bigint | undefined;
      try {
        const estimate = await estimateGas(config, {
          chainId: req.chainId,
          account: address,
          to: req.address,
          data: encodeFunctionData({ abi: req.abi, functionName: req.functionName, args: req.args ?? [] }),
          ...(req.value ? { value: req.value } : {}),
        } as Parameters<typeof estimateGas>[1]);
        gas = withGasMargin(estimate) + (req.extraGas ?? 0n);
      } catch {
        gas = undefined; // the wallet estimates it then
      }
      let hash: Hash;
      try {
        toasts.show({
          id,
          tone: "pending",
          title: req.label,
          body: (
            <>
              <span>{t("waiting")}</span>
              {effectsView}
            </>
          ),
        });
        stage({ stage: "signing" });
        hash = await writeContract(config, { ...request, ...(gas ? { gas } : {}) } as Parameters<typeof writeContract>[1]);
      } catch (e) {
        const d = describeError(e);
        return fail(d, undefined, errorText(d), true);
      }
      stage({ stage: "pending", hash });
      req.onHash?.(hash);
      const link = explorer ? (
        <a className="underline" href={`${explorer}/tx/${hash}`} target="_blank" rel="noreferrer">
          {t("explorer")}
        </a>
      ) : null;
      toasts.show({
        id,
        tone: "pending",
        title: req.label,
        body: (
          <>
            <span>
              {t.rich("pending", { hash: () => <code className="text-xs">{hash.slice(0, 10)}…</code> })} {link}
            </span>
            {effectsView}
          </>
        ),
      });
      try {
        const receipt = await waitForTransactionReceipt(config, { chainId: req.chainId, hash, timeout: 120_000 });
        await queryClient.invalidateQueries();
        if (receipt.status !== "success") return fail({ kind: "revert", message: "The transaction reverted on chain." }, hash, t("reverted"));
        toasts.show({ id, tone: "success", title: t("confirmed", { label: req.label }), body: link });
        return { status: "confirmed", hash, receipt };
      } catch (e) {
        const d = describeError(e);
        return d.kind === "unknown" || d.kind === "rpc"
          ? fail(
              {
                kind: "dropped",
                message: `No receipt for ${hash.slice(0, 10)}…: it may have been dropped or replaced. Check your wallet before retrying.`,
              },
              hash,
              t("dropped", { hash: `${hash.slice(0, 10)}…` }),
            )
          : fail(d, hash);
      }
    },
    [address, walletChain, chains, config, queryClient, toasts, t, errorText],
  );
  return run as <const abi extends Abi, functionName extends ContractFunctionName<abi, Writable>>(
    req: TxRequest<abi, functionName>,
  ) => Promise<TxResult>;
}
