/**
 * The local Hyperlane relayer and validator: watches each chain's Mailbox for Dispatch events, has the validator sign
 * the message's checkpoint of the origin's MerkleTreeHook, and delivers it with `Mailbox.process` on the destination
 * (the message-id multisig ISM there checks the signature; the Mailbox refuses a message already delivered).
 *
 * Why not Hyperlane's own agents: its validator is a Rust binary (not on npm); the TypeScript relayer
 * (`@hyperlane-xyz/relayer`, the SDK's HyperlaneRelayer) needs Node ≥ 22 and reads checkpoints the Rust validator
 * publishes to storage, and brings the SDK (hundreds of MB) into the dev stack. This one does the same three stages
 * over viem — scan → sign (validator) → deliver — with the formats of lib/crosschain/hyperlane.ts; the contracts on
 * both chains are Hyperlane's own, so what it delivers the real agents would deliver, and nothing it does can make
 * a message valid that the ISM would refuse.
 *
 * State is the chains': on start it rescans from the Mailboxes' deployment and delivers whatever is not yet
 * delivered, so a relayer stopped for any time loses nothing (messages wait on the origin chain, in flight).
 *
 * Run alone: `npx tsx agents/relayer.ts --deployment contracts-abi/deployments/crosschain.json
 *   --rpc 31337=http://127.0.0.1:8545 --rpc 31338=http://127.0.0.1:8546`
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { BaseError, ContractFunctionRevertedError, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { CrossChainDeployment } from "../lib/crosschain/deployment";
import { LOCAL_RELAYER_KEY, LOCAL_VALIDATOR_KEY } from "../lib/crosschain/dev-keys";
import { checkpointDigest, mailboxAbi, merkleTreeHookAbi, messageIdMultisigMetadata, parseMessage } from "../lib/crosschain/hyperlane";
import { clientsFor } from "../lib/server/clients";
import { jsonLogger, type LogSink } from "./agent-log";

export interface RelayerChain {
  domain: number;
  rpcUrl: string;
  mailbox: Address;
  merkleTreeHook: Address;
  /** First block to scan for Dispatch events. */
  fromBlock: bigint;
}

export interface RelayerOptions {
  chains: RelayerChain[];
  /** The validator's key: signs checkpoints (a real deployment: validators run apart from relayers). */
  validatorKey: Hex;
  /** The relayer's key: pays for `Mailbox.process` on every destination. */
  relayerKey: Hex;
  intervalMs?: number;
  log?: LogSink;
}

export type MessageState = "dispatched" | "delivered" | "failed";

export interface RelayedMessage {
  id: Hex;
  origin: number;
  destination: number;
  nonce: number;
  state: MessageState;
  dispatchBlock: bigint;
  /** Delivery attempts that failed, and the last reason. */
  attempts: number;
  error?: string;
  /** The `process` transaction, once delivered by this relayer. */
  deliveryTx?: Hex;
}

export interface Relayer {
  /** Every message seen, by id. */
  messages(): RelayedMessage[];
  /** Resolves after the next full pass (scan and deliveries) has finished. */
  nextPass(): Promise<void>;
  stop(): Promise<void>;
}

/** Why a delivery reverted, as short as the node says it. */
function reason(e: unknown): string {
  if (e instanceof BaseError) {
    const revert = e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    if (revert) return revert.data?.errorName ?? revert.reason ?? revert.shortMessage;
    return e.shortMessage;
  }
  return e instanceof Error ? e.message : String(e);
}

export function startRelayer(opts: RelayerOptions): Relayer {
  const log = jsonLogger("relayer", opts.log);
  const validator = privateKeyToAccount(opts.validatorKey);
  const chains = opts.chains.map((ch) => ({ ...ch, c: clientsFor(ch.rpcUrl, ch.domain, opts.relayerKey), next: ch.fromBlock }));
  const byDomain = new Map(chains.map((ch) => [ch.domain, ch]));
  const messages = new Map<Hex, RelayedMessage & { raw: Hex; nextTry: number }>();
  let stopped = false;
  let waiters: (() => void)[] = [];

  /** Stage 1: new Dispatch events on each origin since the last pass. */
  async function scan() {
    for (const ch of chains) {
      const head = await ch.c.publicClient.getBlockNumber();
      if (head < ch.next) continue;
      const logs = await ch.c.publicClient.getContractEvents({
        address: ch.mailbox,
        abi: mailboxAbi,
        eventName: "Dispatch",
        fromBlock: ch.next,
        toBlock: head,
      });
      for (const l of logs) {
        const raw = l.args.message!;
        const m = parseMessage(raw);
        if (messages.has(m.id)) continue;
        messages.set(m.id, {
          id: m.id,
          origin: m.origin,
          destination: m.destination,
          nonce: m.nonce,
          state: "dispatched",
          dispatchBlock: l.blockNumber,
          attempts: 0,
          raw,
          nextTry: 0,
        });
        log("dispatched", { id: m.id, origin: m.origin, destination: m.destination, nonce: m.nonce, block: l.blockNumber });
      }
      ch.next = head + 1n;
    }
  }

  /**
   * Stage 2 (the validator): signs the checkpoint of the origin's merkle tree at the message's insertion — its index
   * from InsertedIntoTree in the dispatch block, the tree's root at the end of that block (the message-id multisig ISM
   * checks the signature over root, index and message id, not the root against the tree; Hyperlane's validator signs
   * each index's own root, which differs only when one block holds several dispatches).
   */
  async function sign(origin: (typeof chains)[number], id: Hex, block: bigint): Promise<Hex> {
    const inserted = await origin.c.publicClient.getContractEvents({
      address: origin.merkleTreeHook,
      abi: merkleTreeHookAbi,
      eventName: "InsertedIntoTree",
      fromBlock: block,
      toBlock: block,
    });
    const mine = inserted.find((l) => l.args.messageId === id);
    if (!mine) throw new Error(`message ${id} is not in the origin's merkle tree at block ${block}`);
    const root = await origin.c.publicClient.readContract({
      address: origin.merkleTreeHook,
      abi: merkleTreeHookAbi,
      functionName: "root",
      blockNumber: block,
    });
    const index = mine.args.index!;
    const digest = checkpointDigest({ origin: origin.domain, merkleTreeHook: origin.merkleTreeHook, root, index, messageId: id });
    const signature = await validator.signMessage({ message: { raw: digest } });
    return messageIdMultisigMetadata({ merkleTreeHook: origin.merkleTreeHook, root, index, signatures: [signature] });
  }

  /** Stage 3: deliver each message not yet delivered (a failure is retried with backoff, up to 30 s apart). */
  async function deliver() {
    for (const m of messages.values()) {
      if (m.state === "delivered" || Date.now() < m.nextTry || stopped) continue;
      const dest = byDomain.get(m.destination);
      const origin = byDomain.get(m.origin);
      if (!dest || !origin) continue; // a domain this relayer does not serve
      const done = await dest.c.publicClient.readContract({ address: dest.mailbox, abi: mailboxAbi, functionName: "delivered", args: [m.id] });
      if (done) {
        m.state = "delivered";
        log("already-delivered", { id: m.id });
        continue;
      }
      try {
        const metadata = await sign(origin, m.id, m.dispatchBlock);
        const receipt = await dest.c.send({ address: dest.mailbox, abi: mailboxAbi, functionName: "process", args: [metadata, m.raw] });
        m.state = "delivered";
        m.deliveryTx = receipt.transactionHash;
        m.error = undefined;
        log("delivered", { id: m.id, destination: m.destination, tx: receipt.transactionHash, gasUsed: receipt.gasUsed, block: receipt.blockNumber });
      } catch (e) {
        m.attempts += 1;
        m.state = "failed";
        m.error = reason(e);
        m.nextTry = Date.now() + Math.min(30_000, 500 * 2 ** m.attempts);
        log("delivery-failed", { id: m.id, attempts: m.attempts, error: m.error });
      }
    }
  }

  const done = (async () => {
    while (!stopped) {
      try {
        await scan();
        await deliver();
      } catch (e) {
        log("pass-failed", { error: reason(e) });
      }
      const w = waiters;
      waiters = [];
      w.forEach((resolve) => resolve());
      if (!stopped) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1_000));
    }
  })();
  log("started", { chains: chains.map((c) => c.domain), validator: validator.address });

  return {
    messages: () =>
      [...messages.values()].map((m) => ({
        id: m.id,
        origin: m.origin,
        destination: m.destination,
        nonce: m.nonce,
        state: m.state,
        dispatchBlock: m.dispatchBlock,
        attempts: m.attempts,
        ...(m.error ? { error: m.error } : {}),
        ...(m.deliveryTx ? { deliveryTx: m.deliveryTx } : {}),
      })),
    nextPass: () => new Promise<void>((resolve) => waiters.push(resolve)),
    stop: async () => {
      stopped = true;
      await done;
      waiters.forEach((resolve) => resolve());
    },
  };
}

/** Relayer options for a cross-chain deployment file and each chain's RPC URL. */
export function relayerChains(d: CrossChainDeployment, rpcUrls: Record<number, string>): RelayerChain[] {
  return [d.gateway, d.outpost].map((side) => {
    const rpcUrl = rpcUrls[side.chainId];
    if (!rpcUrl) throw new Error(`no RPC URL for chain ${side.chainId}`);
    return {
      domain: side.hyperlane.domain,
      rpcUrl,
      mailbox: side.hyperlane.mailbox,
      merkleTreeHook: side.hyperlane.merkleTreeHook,
      fromBlock: BigInt(side.hyperlane.deploymentBlock),
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { deployment: { type: "string" }, rpc: { type: "string", multiple: true }, interval: { type: "string" } },
  });
  if (!values.deployment || !values.rpc?.length) {
    console.error("usage: tsx agents/relayer.ts --deployment <crosschain.json> --rpc <chainId>=<url> --rpc <chainId>=<url>");
    process.exit(1);
  }
  const d = JSON.parse(readFileSync(values.deployment, "utf8")) as CrossChainDeployment;
  const rpcUrls = Object.fromEntries(values.rpc.map((r) => r.split("=", 2) as [string, string]).map(([id, url]) => [Number(id), url]));
  const relayer = startRelayer({
    chains: relayerChains(d, rpcUrls),
    validatorKey: (process.env.KEEL_VALIDATOR_KEY as Hex | undefined) ?? LOCAL_VALIDATOR_KEY,
    relayerKey: (process.env.KEEL_RELAYER_KEY as Hex | undefined) ?? LOCAL_RELAYER_KEY,
    intervalMs: Number(values.interval ?? 1000),
  });
  const stop = () => void relayer.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
