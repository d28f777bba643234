/**
 * The local Hyperlane validator: for each chain, signs a checkpoint of its MerkleTreeHook for every message inserted
 * into the tree and publishes it where Hyperlane's relayer looks — the storage the validator announced in the chain's
 * ValidatorAnnounce (`s3://keel-local-validator/us-east-1/<domain>`, scripts/lib/deploy-hyperlane.ts), in the layout
 * of Hyperlane's own validator (`announcement.json`, `checkpoint_<index>_with_id.json`,
 * `checkpoint_latest_index.json`). The files sit in a local folder and this process serves them read-only on loopback
 * with the S3 GetObject API, so the relayer's S3 client reads them when pointed here (AWS_ENDPOINT_URL_S3).
 *
 * Hyperlane's validator is a Rust binary that is not on npm; this one signs exactly what it signs (CheckpointLib's
 * digest, lib/crosschain/hyperlane.ts), and the multisig ISM on the destination checks every signature, so nothing it
 * publishes can make a message valid that the ISM would refuse. It signs the tree's root at the end of the insertion's
 * block (Hyperlane's validator signs each index's own root: they differ only when one block holds several dispatches;
 * the message-id multisig ISM checks the signature over root, index and id, not the root against the tree).
 *
 * Stateless: on start it signs every insertion since the Mailboxes' deployment again (the same files, the same bytes).
 *
 * Run alone: `npx tsx agents/hyperlane-validator.ts --deployment contracts-abi/deployments/crosschain.json
 *   --rpc 31337=http://127.0.0.1:8545 --rpc 31338=http://127.0.0.1:8546 --dir /tmp/keel-validator --port 8590`
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { CrossChainDeployment } from "../lib/crosschain/deployment";
import { LOCAL_VALIDATOR_BUCKET, LOCAL_VALIDATOR_KEY, localValidatorStorage } from "../lib/crosschain/dev-keys";
import { addressToBytes32, checkpointDigest, merkleTreeHookAbi } from "../lib/crosschain/hyperlane";
import { clientsFor } from "../lib/server/clients";
import { jsonLogger, type LogSink } from "./agent-log";

export interface ValidatorChain {
  domain: number;
  rpcUrl: string;
  mailbox: Address;
  merkleTreeHook: Address;
  /** First block to scan for insertions. */
  fromBlock: bigint;
}

export interface ValidatorOptions {
  chains: ValidatorChain[];
  validatorKey: Hex;
  /** The folder of the checkpoint storage: one sub-folder per domain. */
  dir: string;
  /** Loopback port of the S3-compatible read-only server (0: any free port). */
  port: number;
  intervalMs?: number;
  log?: LogSink;
}

export interface Validator {
  /** The server's URL: what the relayer's S3 client is pointed at. */
  url: string;
  /** Checkpoints signed so far, per domain. */
  signed(domain: number): number;
  stop(): Promise<void>;
}

/** The S3 error a missing key gets (the relayer reads "no such checkpoint yet" from its message). */
const NO_SUCH_KEY = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>';

/** Serves `dir/<folder>/<key>` for GET /<bucket>/<folder>/<key> (path-style S3), JSON files only, nothing else. */
function serveStorage(dir: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = decodeURIComponent(url.pathname).split("/").filter(Boolean);
    if (parts[0] === LOCAL_VALIDATOR_BUCKET) parts.shift();
    const file = path.join(dir, ...parts);
    const inside = path.relative(dir, file);
    if ((req.method !== "GET" && req.method !== "HEAD") || inside.startsWith("..") || !file.endsWith(".json") || !existsSync(file)) {
      res.writeHead(404, { "content-type": "application/xml" }).end(NO_SUCH_KEY);
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length, "last-modified": new Date().toUTCString() });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

export async function startValidator(opts: ValidatorOptions): Promise<Validator> {
  const log = jsonLogger("validator", opts.log);
  const signer = privateKeyToAccount(opts.validatorKey);
  const chains = opts.chains.map((ch) => ({
    ...ch,
    c: clientsFor(ch.rpcUrl, ch.domain, opts.validatorKey),
    next: ch.fromBlock,
    folder: path.join(opts.dir, String(ch.domain)),
    count: 0,
  }));
  for (const ch of chains) {
    mkdirSync(ch.folder, { recursive: true });
    // What Hyperlane's relayer reads first at the announced location: whose storage this is.
    const value = {
      validator: signer.address,
      mailbox_address: addressToBytes32(ch.mailbox),
      mailbox_domain: ch.domain,
      storage_location: localValidatorStorage(ch.domain),
    };
    writeFileSync(path.join(ch.folder, "announcement.json"), JSON.stringify({ value }));
  }

  /** Stage 1 → 2 → 3 for one chain: new insertions since the last pass, each signed and published. */
  async function pass(ch: (typeof chains)[number]) {
    const head = await ch.c.publicClient.getBlockNumber();
    if (head < ch.next) return;
    const inserted = await ch.c.publicClient.getContractEvents({
      address: ch.merkleTreeHook,
      abi: merkleTreeHookAbi,
      eventName: "InsertedIntoTree",
      fromBlock: ch.next,
      toBlock: head,
    });
    const roots = new Map<bigint, Hex>();
    for (const l of inserted) {
      let root = roots.get(l.blockNumber);
      if (!root) {
        root = await ch.c.publicClient.readContract({
          address: ch.merkleTreeHook,
          abi: merkleTreeHookAbi,
          functionName: "root",
          blockNumber: l.blockNumber,
        });
        roots.set(l.blockNumber, root);
      }
      const index = l.args.index!;
      const messageId = l.args.messageId!;
      const digest = checkpointDigest({ origin: ch.domain, merkleTreeHook: ch.merkleTreeHook, root, index, messageId });
      const signature = await signer.signMessage({ message: { raw: digest } });
      const checkpoint = {
        value: {
          checkpoint: { merkle_tree_hook_address: addressToBytes32(ch.merkleTreeHook), mailbox_domain: ch.domain, root, index },
          message_id: messageId,
        },
        signature,
      };
      writeFileSync(path.join(ch.folder, `checkpoint_${index}_with_id.json`), JSON.stringify(checkpoint));
      writeFileSync(path.join(ch.folder, "checkpoint_latest_index.json"), JSON.stringify(index));
      ch.count += 1;
      log("signed", { domain: ch.domain, index, messageId, block: l.blockNumber });
    }
    ch.next = head + 1n;
  }

  const server = await serveStorage(opts.dir, opts.port);
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : opts.port}`;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      for (const ch of chains) {
        try {
          await pass(ch);
        } catch (e) {
          log("pass-failed", { domain: ch.domain, error: e instanceof Error ? e.message : String(e) });
        }
      }
      if (!stopped) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
    }
  })();
  log("started", { chains: chains.map((c) => c.domain), validator: signer.address, storage: url });
  return {
    url,
    signed: (domain) => chains.find((c) => c.domain === domain)?.count ?? 0,
    stop: async () => {
      stopped = true;
      await done;
      await new Promise((r) => server.close(r));
    },
  };
}

/** The validator's chains for a cross-chain deployment file and each chain's RPC URL. */
export function validatorChains(d: CrossChainDeployment, rpcUrls: Record<number, string>): ValidatorChain[] {
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

/** `--rpc 31337=URL` flags as a map of chain id to URL. */
export function parseRpcFlags(flags: readonly string[]): Record<number, string> {
  return Object.fromEntries(
    flags.map((r) => {
      const at = r.indexOf("=");
      if (at < 1 || !Number.isSafeInteger(Number(r.slice(0, at)))) throw new Error(`--rpc takes <chainId>=<url>, not "${r}"`);
      return [Number(r.slice(0, at)), r.slice(at + 1)];
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      deployment: { type: "string" },
      rpc: { type: "string", multiple: true },
      dir: { type: "string" },
      port: { type: "string" },
      interval: { type: "string" },
    },
  });
  if (!values.deployment || !values.rpc?.length || !values.dir || !values.port) {
    console.error("usage: tsx agents/hyperlane-validator.ts --deployment <crosschain.json> --rpc <chainId>=<url> … --dir <folder> --port <n>");
    process.exit(1);
  }
  const d = JSON.parse(readFileSync(values.deployment, "utf8")) as CrossChainDeployment;
  const validator = await startValidator({
    chains: validatorChains(d, parseRpcFlags(values.rpc)),
    validatorKey: (process.env.KEEL_VALIDATOR_KEY as Hex | undefined) ?? LOCAL_VALIDATOR_KEY,
    dir: values.dir,
    port: Number(values.port),
    intervalMs: Number(values.interval ?? 500),
  });
  const stop = () => void validator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
