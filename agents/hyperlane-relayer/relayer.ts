/**
 * Hyperlane's TypeScript relayer on Keel's chains: the SDK's `HyperlaneRelayer` (`@hyperlane-xyz/sdk` 20.1.0, this
 * folder's own package, installed on demand by scripts/lib/relayer.ts) over a `HyperlaneCore` built from the local
 * deployment's Mailboxes and ValidatorAnnounces. For each message the SDK reads the recipient's ISM on the
 * destination and the sender's hook on the origin, finds the validators' signed checkpoints at the storage they
 * announced, builds the ISM's metadata and calls `Mailbox.process` — nothing here knows a wire format.
 *
 * What Keel adds around it (the SDK's own `start()` is not used, for two reasons found in 20.1.0): it keeps its
 * backlog in memory only, so a restarted relayer would never see what was dispatched while it was down; and while a
 * failed message waits for its retry, `flushBacklog` loops without yielding, holding a CPU and the event loop. So:
 * scan each Mailbox's Dispatch events from its deployment block on every start (messages wait on the origin chain,
 * nothing is lost), hand each undelivered one to `HyperlaneRelayer.relayMessage`, and retry a failure with backoff
 * (0.5 s doubling, at most 30 s). One JSON line per event (`dispatched`, `delivered`, `delivery-failed`).
 *
 * Run alone: `npx tsx agents/hyperlane-relayer/relayer.ts --deployment contracts-abi/deployments/crosschain.json
 *   --rpc 31337=URL --rpc 31338=URL` with AWS_ENDPOINT_URL_S3 at the local validator's storage (agents/hyperlane-validator.ts).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Hex } from "viem";
import type { CrossChainDeployment } from "../../lib/crosschain/deployment";
import { LOCAL_RELAYER_KEY } from "../../lib/crosschain/dev-keys";
import { mailboxAbi, parseMessage } from "../../lib/crosschain/hyperlane";
import { clientsFor } from "../../lib/server/clients";
import { jsonLogger, type LogSink } from "../agent-log";
import { parseRpcFlags } from "../hyperlane-validator";

/** The few parts of `@hyperlane-xyz/sdk` and ethers v5 used here (they are imported at run time from this folder). */
interface DispatchedMessage {
  id: string;
  message: string;
  parsed: { origin: number; destination: number; originChain?: string; destinationChain?: string };
}
interface TxReceipt {
  transactionHash: string;
  blockNumber: number;
  gasUsed: { toString(): string };
}
interface SdkCore {
  isDelivered(m: DispatchedMessage): Promise<boolean>;
}
interface Sdk {
  MultiProvider: new (metadata: Record<string, unknown>) => {
    setProvider(chain: string, provider: unknown): void;
    setSharedSigner(signer: unknown): void;
    getProvider(chain: string): { getTransactionReceipt(hash: string): Promise<TxReceipt> };
  };
  HyperlaneCore: {
    fromAddressesMap(addresses: Record<string, Record<string, string>>, mp: unknown): SdkCore;
    parseDispatchedMessage(message: string): DispatchedMessage;
  };
  HyperlaneRelayer: new (opts: { core: SdkCore; caching?: boolean }) => {
    relayMessage(dispatchTx: TxReceipt, index: undefined, message: DispatchedMessage): Promise<TxReceipt>;
  };
}
interface Ethers {
  providers: { StaticJsonRpcProvider: new (url: string, network: { chainId: number; name: string }) => { pollingInterval: number } };
  Wallet: new (key: string) => unknown;
}

export interface HyperlaneRelayerOptions {
  deployment: CrossChainDeployment;
  rpcUrls: Record<number, string>;
  /** Pays for `Mailbox.process` on every destination. */
  relayerKey: Hex;
  intervalMs?: number;
  log?: LogSink;
}

/** An SDK chain name for a Keel chain (lower-case letters and digits). */
const chainName = (domain: number) => `keel${domain}`;

/** Why a delivery failed, as short as the SDK or the node says it. */
function reason(e: unknown): string {
  const x = e as { reason?: string; error?: { reason?: string; message?: string }; message?: string };
  return (x?.error?.reason ?? x?.reason ?? x?.error?.message ?? x?.message ?? String(e)).slice(0, 300);
}

export async function startHyperlaneRelayer(opts: HyperlaneRelayerOptions) {
  const log = jsonLogger("relayer", opts.log);
  // Specifiers held in variables: the root's TypeScript and bundlers never resolve them; Node resolves them from this
  // folder's node_modules at run time.
  const sdkName = "@hyperlane-xyz/sdk";
  const ethersName = "ethers";
  const sdk = (await import(sdkName)) as Sdk;
  const ethersModule = (await import(ethersName)) as Ethers & { default?: Ethers };
  const ethers = ethersModule.providers ? ethersModule : ethersModule.default!;

  const sides = [opts.deployment.gateway, opts.deployment.outpost];
  const metadata: Record<string, unknown> = {};
  for (const s of sides) {
    const url = opts.rpcUrls[s.chainId];
    if (!url) throw new Error(`no RPC URL for chain ${s.chainId}`);
    metadata[chainName(s.hyperlane.domain)] = {
      name: chainName(s.hyperlane.domain),
      chainId: s.chainId,
      domainId: s.hyperlane.domain,
      protocol: "ethereum",
      rpcUrls: [{ http: url }],
      nativeToken: { name: "Ether", symbol: "ETH", decimals: 18 },
      blocks: { confirmations: 1, estimateBlockTime: 1, reorgPeriod: 0 },
    };
  }
  const mp = new sdk.MultiProvider(metadata);
  for (const s of sides) {
    const provider = new ethers.providers.StaticJsonRpcProvider(opts.rpcUrls[s.chainId]!, {
      chainId: s.chainId,
      name: chainName(s.hyperlane.domain),
    });
    provider.pollingInterval = 250; // a receipt is waited for by polling: ethers' 4 s default would dominate locally
    mp.setProvider(chainName(s.hyperlane.domain), provider);
  }
  mp.setSharedSigner(new ethers.Wallet(opts.relayerKey));
  const core = sdk.HyperlaneCore.fromAddressesMap(
    Object.fromEntries(
      sides.map((s) => [
        chainName(s.hyperlane.domain),
        // The SDK's core wants a ProxyAdmin too; the local Mailboxes are not behind proxies, the relayer never calls it.
        { mailbox: s.hyperlane.mailbox, validatorAnnounce: s.hyperlane.validatorAnnounce, proxyAdmin: s.hyperlane.mailbox },
      ]),
    ),
    mp,
  );
  const relayer = new sdk.HyperlaneRelayer({ core, caching: true });

  const chains = sides.map((s) => ({
    domain: s.hyperlane.domain,
    mailbox: s.hyperlane.mailbox,
    // viem from the app's tree (lib/server/clients), not this folder's copy: only the SDK loads from here.
    client: clientsFor(opts.rpcUrls[s.chainId]!, s.chainId, opts.relayerKey).publicClient,
    next: BigInt(s.hyperlane.deploymentBlock),
  }));
  const pending = new Map<string, { message: DispatchedMessage; dispatchTx: Hex; attempts: number; nextTry: number }>();
  let stopped = false;

  /** Stage 1: new Dispatch events on each Mailbox since the last pass (from the deployment block on start). */
  async function scan() {
    for (const ch of chains) {
      const head = await ch.client.getBlockNumber();
      if (head < ch.next) continue;
      const logs = await ch.client.getContractEvents({
        address: ch.mailbox,
        abi: mailboxAbi,
        eventName: "Dispatch",
        fromBlock: ch.next,
        toBlock: head,
      });
      for (const l of logs) {
        const raw = l.args.message!;
        const m = sdk.HyperlaneCore.parseDispatchedMessage(raw);
        if (pending.has(m.id)) continue;
        const parsed = parseMessage(raw);
        m.parsed = { ...m.parsed, originChain: chainName(parsed.origin), destinationChain: chainName(parsed.destination) };
        if (!chains.some((c) => c.domain === parsed.destination)) continue; // a domain this relayer does not serve
        if (await core.isDelivered(m)) continue;
        pending.set(m.id, { message: m, dispatchTx: l.transactionHash, attempts: 0, nextTry: 0 });
        log("dispatched", { id: m.id, origin: parsed.origin, destination: parsed.destination, nonce: parsed.nonce, block: l.blockNumber });
      }
      ch.next = head + 1n;
    }
  }

  /** Stage 2: each undelivered message through the SDK's relayer (ISM metadata, `Mailbox.process`); failures retried. */
  async function deliver() {
    for (const [id, p] of pending) {
      if (stopped || Date.now() < p.nextTry) continue;
      try {
        if (await core.isDelivered(p.message)) {
          pending.delete(id);
          log("already-delivered", { id });
          continue;
        }
        const dispatchReceipt = await mp.getProvider(p.message.parsed.originChain!).getTransactionReceipt(p.dispatchTx);
        const receipt = await relayer.relayMessage(dispatchReceipt, undefined, p.message);
        pending.delete(id);
        log("delivered", {
          id,
          destination: p.message.parsed.destination,
          tx: receipt.transactionHash,
          gasUsed: receipt.gasUsed.toString(),
          block: receipt.blockNumber,
          attempts: p.attempts + 1,
        });
      } catch (e) {
        p.attempts += 1;
        p.nextTry = Date.now() + Math.min(30_000, 500 * 2 ** p.attempts);
        log("delivery-failed", { id, attempts: p.attempts, error: reason(e) });
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
      if (!stopped) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1_000));
    }
  })();
  log("started", { chains: chains.map((c) => c.domain), sdk: "@hyperlane-xyz/sdk HyperlaneRelayer" });
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { deployment: { type: "string" }, rpc: { type: "string", multiple: true }, interval: { type: "string" } },
  });
  if (!values.deployment || !values.rpc?.length) {
    console.error("usage: tsx agents/hyperlane-relayer/relayer.ts --deployment <crosschain.json> --rpc <chainId>=<url> --rpc <chainId>=<url>");
    process.exit(1);
  }
  const relayer = await startHyperlaneRelayer({
    deployment: JSON.parse(readFileSync(values.deployment, "utf8")) as CrossChainDeployment,
    rpcUrls: parseRpcFlags(values.rpc),
    relayerKey: (process.env.KEEL_RELAYER_KEY as Hex | undefined) ?? LOCAL_RELAYER_KEY,
    intervalMs: Number(values.interval ?? 1000),
  });
  const stop = () => void relayer.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
