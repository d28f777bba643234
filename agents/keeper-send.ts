/**
 * The keeper's stages "send" and "confirm or replace", for every transaction it sends — KeelLiquidator batches, the
 * claim stage's approve / liquidate / redeem (agents/keeper-claims.ts), the fallback set-up — so that none of them can
 * hold the keeper's nonce: each goes out at a nonce from the keeper's nonce manager (agents/agent-log.ts) with the
 * keeper's capped fees, and is followed block by block to its receipt, replaced at the same nonce with higher fees
 * when the chain passes it over.
 */
import type { Abi, Address, Hex, PublicClient, TransactionReceipt } from "viem";
import type { clientsFor } from "../lib/server/clients";
import { withGasMargin } from "../lib/tx/gas";
import type { NonceManager } from "./agent-log";
import { describeError, revertData } from "./revert";

export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/** One contract call as the keeper sends it: the gas limit is part of it (a replacement carries the same). */
export interface TxCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  value?: bigint;
  gas: bigint;
}

export interface SentTx {
  call: TxCall;
  nonce: number;
  hashes: Hex[];
  fees: Fees;
  sentAtBlock: bigint;
}

/** What sending talks to (a subset of the keeper's IO). */
export interface SendIO {
  publicClient: PublicClient;
  walletClient: ReturnType<typeof clientsFor>["walletClient"];
  account: ReturnType<typeof clientsFor>["account"];
}

/**
 * The fees to send with: twice the estimate's max fee (a backlog of full blocks raises the base fee 12.5 % a block,
 * and a transaction under it would hold every later nonce), capped. Null when even the estimate is over the cap.
 */
export function feesFor(estimate: Fees, cap: bigint): Fees | null {
  if (estimate.maxFeePerGas > cap) return null;
  const doubled = estimate.maxFeePerGas * 2n;
  return { maxFeePerGas: doubled < cap ? doubled : cap, maxPriorityFeePerGas: estimate.maxPriorityFeePerGas };
}

/** A replacement's fees: +25 % on both (nodes require ≥ 10 %), at least +1 gwei tip, max fee never below the tip. */
export function bumpFees(f: Fees): Fees {
  const tip = f.maxPriorityFeePerGas + f.maxPriorityFeePerGas / 4n + 1_000_000_000n;
  const max = f.maxFeePerGas + f.maxFeePerGas / 4n + 1_000_000_000n;
  return { maxFeePerGas: max > tip ? max : tip, maxPriorityFeePerGas: tip };
}

function write(io: Pick<SendIO, "walletClient">, call: TxCall, nonce: number, fees: Fees) {
  return io.walletClient.writeContract({
    address: call.address,
    abi: call.abi,
    functionName: call.functionName,
    args: call.args,
    value: call.value,
    gas: call.gas,
    nonce,
    ...fees,
  } as Parameters<SendIO["walletClient"]["writeContract"]>[0]);
}

/**
 * Stage "send": `call` at the next nonce, or at `nonce` when the caller took it (to send several at once in nonce
 * order: the node queues a nonce until the ones before it arrive). The node refusing it frees the nonce again.
 */
export async function sendTx(
  io: Pick<SendIO, "walletClient">,
  nonces: NonceManager,
  call: TxCall,
  fees: Fees,
  block: bigint,
  taken?: number,
): Promise<SentTx> {
  const nonce = taken ?? (await nonces.take());
  let hash: Hex;
  try {
    hash = await write(io, call, nonce, fees);
  } catch (e) {
    nonces.release(nonce);
    throw e;
  }
  nonces.sent(nonce, hash);
  return { call, nonce, hashes: [hash], fees, sentAtBlock: block };
}

export type Outcome = { kind: "mined"; receipt: TransactionReceipt } | { kind: "taken"; nonce: number } | { kind: "stopped" };

export interface ConfirmOptions {
  replaceAfterBlocks: number;
  maxReplacements?: number;
  stopped?: () => boolean;
  onReplaced?: (hash: Hex, fees: Fees) => void;
  /** The node refused a replacement (the original was mined meanwhile, or the fee is still under its floor). */
  onReplaceFailed?: (error: string) => void;
  /**
   * The fees the keeper would send with now (feesFor of a fresh estimate), null over its cap: a replacement goes out
   * at the higher of these and the bump, so a transaction priced before a fee spike catches up at once (+25 % a
   * block would not). Nodes refuse a transaction under the block's base fee outright.
   */
  feesNow?: () => Promise<Fees | null>;
  pollMs?: number;
}

/** The higher of two fees, field by field. */
function higher(a: Fees, b: Fees | null): Fees {
  if (!b) return a;
  return {
    maxFeePerGas: a.maxFeePerGas > b.maxFeePerGas ? a.maxFeePerGas : b.maxFeePerGas,
    maxPriorityFeePerGas: a.maxPriorityFeePerGas > b.maxPriorityFeePerGas ? a.maxPriorityFeePerGas : b.maxPriorityFeePerGas,
  };
}

/**
 * Stage "confirm or replace": waits block by block for a receipt of any transaction sent at the nonce. When a block
 * had room for it while no earlier nonce of ours was pending and did not include it — or after `replaceAfterBlocks`
 * blocks without a receipt — sends the same call at the same nonce with bumped fees, at least the fees of now
 * (`feesNow`), up to `maxReplacements` times.
 * When the chain has mined the nonce without any of our hashes (replaced elsewhere), it reports "taken".
 */
export async function confirmOrReplace(io: SendIO, nonces: NonceManager, sent: SentTx, opts: ConfirmOptions): Promise<Outcome> {
  // Blocks are counted from the first look after sending (a scan's block can be several blocks old by then).
  let waitedFrom: bigint | null = null;
  let lastLooked = sent.sentAtBlock;
  let passedOver = false;
  let replacements = 0;
  for (;;) {
    if (opts.stopped?.()) return { kind: "stopped" };
    for (const hash of sent.hashes) {
      const receipt = await io.publicClient.getTransactionReceipt({ hash }).catch(() => null);
      if (receipt) {
        nonces.mined(sent.nonce);
        return { kind: "mined", receipt };
      }
    }
    const [block, mined] = await Promise.all([
      io.publicClient.getBlockNumber({ cacheTime: 0 }),
      io.publicClient.getTransactionCount({ address: io.account.address, blockTag: "latest" }),
    ]);
    if (mined > sent.nonce) {
      // Mined at our nonce: one of our hashes (the node may count the nonce a moment before it serves the receipt)
      // or someone else's.
      for (let tries = 0; tries < 20; tries++) {
        const again = await Promise.all(sent.hashes.map((hash) => io.publicClient.getTransactionReceipt({ hash }).catch(() => null)));
        const receipt = again.find((r) => r);
        if (receipt) {
          nonces.mined(sent.nonce);
          return { kind: "mined", receipt };
        }
        await new Promise((r) => setTimeout(r, opts.pollMs ?? 100));
      }
      nonces.mined(sent.nonce);
      nonces.resync(mined);
      return { kind: "taken", nonce: sent.nonce };
    }
    waitedFrom ??= block > sent.sentAtBlock ? block : sent.sentAtBlock;
    // A block that had room for it while no earlier nonce of ours was pending, and did not take it: the node passed
    // it over (its fee, or it is not in the node's pool): replace it now rather than after `replaceAfterBlocks`.
    if (block > lastLooked) {
      lastLooked = block;
      const earlierPending = [...nonces.pending().keys()].some((n) => n < sent.nonce);
      if (!earlierPending && block > waitedFrom) {
        const b = await io.publicClient.getBlock({ blockNumber: block }).catch(() => null);
        if (b && b.gasUsed + sent.call.gas <= b.gasLimit) passedOver = true;
      }
    }
    if ((passedOver || block - waitedFrom >= BigInt(opts.replaceAfterBlocks)) && replacements < (opts.maxReplacements ?? 5)) {
      passedOver = false;
      const fees = higher(bumpFees(sent.fees), (await opts.feesNow?.().catch(() => null)) ?? null);
      try {
        const hash = await write(io, sent.call, sent.nonce, fees);
        sent.hashes.push(hash);
        sent.fees = fees;
        nonces.replaced(sent.nonce, hash);
        opts.onReplaced?.(hash, fees);
      } catch (e) {
        // The original was mined meanwhile ("nonce too low") or the node refused the bump: the next pass tells.
        opts.onReplaceFailed?.(describeError(e));
      }
      replacements++;
      waitedFrom = block;
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 100));
  }
}

/**
 * Why a mined transaction reverted: its call replayed on the state of the block before it (the exact state when it
 * was its block's first transaction, as on an automining node; otherwise an earlier transaction of the block may be
 * the cause, and the replay says so when it passes). The gas it used against its limit tells an out-of-gas apart.
 */
export async function minedRevertReason(io: Pick<SendIO, "publicClient" | "account">, sent: SentTx, receipt: TransactionReceipt): Promise<string> {
  const { gas, ...rest } = sent.call;
  if (receipt.gasUsed >= gas - gas / 64n) return `out of gas (${receipt.gasUsed} of ${gas})`;
  const call = { ...rest, account: io.account, blockNumber: receipt.blockNumber - 1n } as Parameters<PublicClient["simulateContract"]>[0];
  try {
    await io.publicClient.simulateContract({ ...call, gas });
    return "passes on the block before: an earlier transaction of its block changed the state it ran on";
  } catch (e) {
    if (revertData(e) !== "0x") return describeError(e);
    // No data: a call inside ran out of the 63/64 of the gas it was given (the liquidator bubbles its empty revert)
    // when it passes with more.
    const needed = await io.publicClient.estimateContractGas(call as Parameters<PublicClient["estimateContractGas"]>[0]).catch(() => null);
    return needed !== null && needed > gas ? `out of gas inside a call (the transaction needs ${needed}, its limit was ${gas})` : describeError(e);
  }
}

/**
 * One transaction sent and followed to its receipt through the stages above, for the keeper's own calls that are not
 * planned batches (the claim stage, the fallback set-up): the gas limit from an estimate (which is also the
 * simulation: a call the chain would refuse costs no gas and comes back as the contract's error) with the shared
 * margin; a revert on chain, a nonce taken by another sender or a stop come back as errors.
 */
export async function sendAndConfirm(
  io: SendIO,
  nonces: NonceManager,
  call: Omit<TxCall, "gas">,
  fees: Fees,
  opts: ConfirmOptions,
): Promise<TransactionReceipt> {
  const [estimate, block] = await Promise.all([
    io.publicClient.estimateContractGas({ ...call, account: io.account } as Parameters<PublicClient["estimateContractGas"]>[0]),
    io.publicClient.getBlockNumber({ cacheTime: 0 }),
  ]);
  const sent = await sendTx(io, nonces, { ...call, gas: withGasMargin(estimate) }, fees, block);
  const outcome = await confirmOrReplace(io, nonces, sent, opts);
  if (outcome.kind === "stopped") throw new Error(`stopped before ${call.functionName} (nonce ${sent.nonce}) was mined`);
  if (outcome.kind === "taken") throw new Error(`nonce ${sent.nonce} of ${call.functionName} was taken by another transaction`);
  const { receipt } = outcome;
  if (receipt.status !== "success") {
    const reason = await minedRevertReason(io, sent, receipt).catch((e: unknown) => `not replayable: ${describeError(e)}`);
    throw new Error(`${call.functionName} reverted (${receipt.transactionHash}): ${reason}`);
  }
  return receipt;
}
