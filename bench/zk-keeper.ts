/**
 * `npm run bench:zk-keeper`: the keeper's end-to-end time per private liquidation on anvil — from the start of its pass
 * (the price already dropped) to the liquidation's receipt: mirroring the pool's events, decrypting, pricing, proving
 * in Node, the exact approval, the eth_call, the transaction. Each run opens a new note with real proofs (10 WETH,
 * ~20,000 USDC at 3,000 USD), drops WETH to 2,400 USD, runs one keeper pass, and puts the price back.
 * Writes bench/results/zk-keeper.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAbiItem, parseUnits } from "viem";
import { startKeeper } from "../agents/keeper";
import { feedOwnerKey } from "../agents/market-simulator";
import { devErc20Abi, devPriceFeedAbi } from "../contracts-abi/generated";
import { MerkleTree } from "../lib/privacy/tree";
import { clientsFor } from "../lib/server/clients";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { deployLocal } from "../scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { deployPrivatePool, openPrivatePosition } from "../scripts/lib/deploy-private-pool";
import { privateKeyToAccount } from "viem/accounts";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.ZK_KEEPER_RUNS ?? 3);
const E18 = 10n ** 18n;
const noteInserted = parseAbiItem("event NoteInserted(uint256 indexed commitment, uint256 indexed leafIndex, uint256 root)");

async function main() {
  const anvil = await startAnvil({ port: await freePort() });
  const tmp = mkdtempSync(path.join(os.tmpdir(), "keel-zk-keeper-"));
  try {
    const { deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: tmp });
    const token = (s: string) => d.assets.find((a) => a.symbol === s)!;
    const deployer = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    const market = d.markets.find((m) => m.baseAsset.toLowerCase() === token("USDC").address.toLowerCase())!;
    const p = await deployPrivatePool(deployer, { market: market.address, collateral: token("WETH").address });
    const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const owner = clientsFor(anvil.url, d.chainId, feedOwnerKey(d));
    const keeperAddress = privateKeyToAccount(AGENT_KEYS.keeper).address;
    await user.send({
      address: token("USDC").address,
      abi: devErc20Abi,
      functionName: "mint",
      args: [keeperAddress, 100_000n * BigInt(RUNS) * 10n ** 6n],
    });
    const price = (usd: string) =>
      owner.send({ address: token("WETH").feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(usd, 8)] });
    const lines: string[] = [];
    const keeper = startKeeper({
      rpcUrl: anvil.url,
      deployment: d,
      maxLossBps: 0,
      privatePool: { pool: p.pool, fromBlock: p.fromBlock },
      log: (l) => lines.push(l),
    });
    /** The pool's tree as its events show it (the keeper's liquidations insert leaves too). */
    const poolTree = async () => {
      const logs = await user.publicClient.getLogs({ address: p.pool, event: noteInserted, fromBlock: p.fromBlock, strict: true });
      return new MerkleTree(logs.map((l) => l.args.commitment));
    };
    try {
      for (let i = 0; i < RUNS; i++) {
        await price("3000");
        await keeper.idle();
        await openPrivatePosition(user, p, await poolTree(), { collateral: 10n * E18, debt: 20_000n * 10n ** 6n });
        await price("2400");
        await keeper.scanPrivate();
        await keeper.idle();
        const s = keeper.privatePool!.stats;
        if (s.liquidations !== i + 1) throw new Error(`run ${i}: ${s.liquidations} liquidations\n${lines.slice(-6).join("\n")}`);
        console.log(`run ${i + 1}: ${s.liquidationMs.at(-1)} ms end to end, proof ${s.proveMs.at(-1)} ms`);
      }
    } finally {
      await keeper.stop();
    }
    const s = keeper.privatePool!.stats;
    const stat = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.floor(sorted.length / 2)]!) / 2;
      return { median: Math.round(mid), min: sorted[0]!, max: sorted.at(-1)! };
    };
    const e2e = stat(s.liquidationMs);
    const prove = stat(s.proveMs);
    const md = `# Keeper: private-pool liquidation, end to end

\`npm run bench:zk-keeper\` — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; shared machine (load ${os.loadavg()[0]!.toFixed(1)}), so times are upper bounds. Anvil (automine), the local USDC market, one note per run.

From the start of the keeper's private pass (the price already dropped) to the liquidation's receipt: mirroring the
pool's events, decrypting, reading the oracle, proving in Node (snarkjs), the exact approval, the eth_call and the
transaction, and the allowance reset.

| runs | end to end: median | min | max | of which proving: median | min | max |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| ${RUNS} | ${e2e.median} ms | ${e2e.min} ms | ${e2e.max} ms | ${prove.median} ms | ${prove.min} ms | ${prove.max} ms |
`;
    console.log(md);
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results/zk-keeper.md"), md);
  } finally {
    anvil.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
