import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erc20Abi, parseEventLogs, parseUnits } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, devPriceFeedAbi, keelMarketAbi, keelPrivatePoolAbi } from "@/contracts-abi/generated";
import type { Deployment } from "@/lib/config/deployment";
import { noteHealth, nullifier } from "@/lib/privacy/note";
import { MerkleTree } from "@/lib/privacy/tree";
import { clientsFor } from "@/lib/server/clients";
import { AGENT_KEYS } from "@/lib/server/dev-keys";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { deployPrivatePoolOn, openPrivatePosition, type DeployedPrivatePool } from "@/scripts/lib/deploy-private-pool";
import { privatePoolAbi } from "./keeper-private";
import { startKeeper } from "./keeper";
import { feedOwnerKey } from "./market-simulator";

const E18 = 10n ** 18n;

/**
 * The keeper liquidates a private note on anvil: a pool deployed on the local USDC market, a position opened with real
 * proofs (deposit 10 WETH, borrow ~20,000 USDC at 3,000 USD; a second, healthy note), a stale WETH feed (the keeper
 * logs it and waits), WETH at 2,250 USD (the note is past the market's 85% LT), one keeper pass: the keeper decrypts
 * the note from the pool's events, proves the liquidation, repays the debt and takes the collateral; a second pass does
 * nothing.
 */
describe("keeper: private-pool liquidations (anvil, real proofs)", () => {
  let anvil: Anvil;
  let d: Deployment;
  let p: DeployedPrivatePool;
  let tmp: string;
  const lines: string[] = [];
  const events = (name: string) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === name);
  const token = (s: string) => d.assets.find((a) => a.symbol === s)!;
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!).publicClient.readContract({
      address: p.pool,
      abi: privatePoolAbi,
      functionName,
      args,
    } as never) as Promise<T>;

  /** The keeper on the pool, its log lines into `lines`. */
  const startPrivateKeeper = () =>
    startKeeper({
      rpcUrl: anvil.url,
      deployment: d,
      maxLossBps: 0,
      privatePool: { pool: p.pool, fromBlock: p.fromBlock },
      log: (l) => lines.push(l),
    });

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    tmp = mkdtempSync(path.join(os.tmpdir(), "keel-keeper-private-"));
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: tmp }));
    const deployer = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    const usdcMarket = d.markets.find((m) => m.baseAsset.toLowerCase() === token("USDC").address.toLowerCase())!;
    p = await deployPrivatePoolOn(deployer, { market: usdcMarket.address, collateral: token("WETH").address });
  });
  afterAll(() => {
    anvil?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("liquidates a note past the LT, takes the collateral, keeps the pool's books, and does nothing twice", async () => {
    const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const WETH = token("WETH").address;
    const USDC = token("USDC").address;
    const tree = new MerkleTree();
    // Open: 10 WETH, ~20,000 USDC borrowed at 3,000 USD (limit: 90% of the 80% LTV of 30,000 = 21,600). Proofs 1, 2.
    const amount = 10n * E18;
    const index = await read<bigint>("debtIndex");
    const { note } = await openPrivatePosition(user, p, tree, { collateral: amount, debt: 20_000n * 10n ** 6n });
    expect(await read<bigint>("noteShares")).toBe(note.shares);
    // A second, healthy position (4 WETH, 150 USDC: above the pool's 100 USDC minimum borrow) keeps the pool's vault
    // under the market's LT once the first note is past it: only the pool, not the market, liquidates that note. Proofs 3, 4.
    const other = await openPrivatePosition(user, p, tree, { collateral: 4n * E18, debt: 150n * 10n ** 6n });

    // The keeper holds USDC to repay with.
    const keeper = privateKeyToAccount(AGENT_KEYS.keeper).address;
    await user.send({ address: USDC, abi: devErc20Abi, functionName: "mint", args: [keeper, 50_000n * 10n ** 6n] });
    const owner = clientsFor(anvil.url, d.chainId, feedOwnerKey(d));
    const keeperWeth = () => user.publicClient.readContract({ address: WETH, abi: erc20Abi, functionName: "balanceOf", args: [keeper] });
    const wethBefore = await keeperWeth();

    // A stale WETH round: the pass logs it and waits (no proof, no transaction).
    const now = (await user.publicClient.getBlock()).timestamp;
    await owner.send({
      address: token("WETH").feed,
      abi: devPriceFeedAbi,
      functionName: "setAnswerAt",
      args: [parseUnits("2400", 8), now - 86_400n],
    });
    const k = startPrivateKeeper();
    try {
      await k.scanPrivate();
      await k.idle();
      expect(events("private-oracle-unavailable").at(-1)?.error).toMatch(/^StalePrice/);
      expect(k.privatePool!.stats.liquidations).toBe(0);

      // WETH at 2,250: debt 20,000 > 85% of 22,500 = 19,125 (the market's LT: audit3 A3-P1).
      await owner.send({ address: token("WETH").feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2250", 8)] });
      await k.scanPrivate();
      await k.idle();
      const done = events("private-liquidated");
      expect(done, lines.slice(-8).join("\n")).toHaveLength(1);
      const seized = BigInt(done[0]!.seized as string);
      const repaid = BigInt(done[0]!.repaid as string);
      // 20,000 × 1.05 / 2,250 ≈ 9.33 WETH seized, the whole debt (every share) repaid.
      expect(seized).toBeGreaterThan((933n * E18) / 100n - E18 / 100n);
      expect(seized).toBeLessThanOrEqual((933n * E18) / 100n + E18 / 100n);
      expect(repaid).toBeGreaterThanOrEqual(noteHealth(note, { collateralPrice: 0n, ltv: 0n, debtPrice: E18, debtIndex: index }).debtAssets);

      expect(await read<boolean>("nullifierSpent", [nullifier(note, note.leafIndex)])).toBe(true);
      // The seized WETH is the keeper's (released at once, or claimed in the same pass), nothing owed.
      expect((await keeperWeth()) - wethBefore).toBe(seized);
      expect(await read<bigint>("seizedOwed", [keeper])).toBe(0n);
      // The pool's books: its vault holds the live notes' collateral plus what it owes; the notes owe nothing.
      const mirror = await k.privatePool!.mirror();
      const live = [...mirror.notes.values()].filter((n) => !mirror.spent.has(n.nullifier));
      expect(live).toHaveLength(2);
      expect(live.map((n) => n.opening.collateral).sort()).toEqual([amount - seized, other.note.collateral].sort());
      const vaultId = await read<bigint>("vaultId");
      const vaultWeth = await user.publicClient.readContract({
        address: p.market,
        abi: keelMarketAbi,
        functionName: "collateralOf",
        args: [vaultId, WETH],
      });
      expect(vaultWeth).toBe(live.reduce((s, n) => s + n.opening.collateral, 0n) + (await read<bigint>("totalSeizedOwed")));
      expect(await read<bigint>("noteCollateral")).toBe(amount - seized + other.note.collateral);
      expect(await read<bigint>("noteShares")).toBe(other.note.shares);
      // The keeper's exact approval was reset: nothing left for the pool to pull.
      expect(await user.publicClient.readContract({ address: USDC, abi: erc20Abi, functionName: "allowance", args: [keeper, p.pool] })).toBe(0n);

      // A second pass: nothing to do, no transaction.
      const nonce = await user.publicClient.getTransactionCount({ address: keeper });
      const before = lines.length;
      await k.scanPrivate();
      await k.idle();
      expect(await user.publicClient.getTransactionCount({ address: keeper })).toBe(nonce);
      expect(lines.slice(before).filter((l) => /"event":"private-(liquidated|rejected|reverted|prove-failed|planned)"/.test(l))).toEqual([]);
      expect(k.privatePool!.stats.liquidations).toBe(1);
    } finally {
      await k.stop();
    }
  }, 240_000);
  it("chains its own liquidations (audit f L-1): two notes proven against the roots its insertions give, sent before the first receipt; a full seize inserts nothing", async () => {
    const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const owner = clientsFor(anvil.url, d.chainId, feedOwnerKey(d));
    const price = (usd: string) =>
      owner.send({ address: token("WETH").feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(usd, 8)] });
    await price("3000");
    // the pool's tree as its events show it (the first test's liquidation inserted a remainder)
    const logs = await user.publicClient.getLogs({ address: p.pool, fromBlock: p.fromBlock });
    const tree = new MerkleTree(parseEventLogs({ abi: privatePoolAbi, logs, eventName: "NoteInserted" }).map((ev) => ev.args.commitment));
    // A: 10 WETH, 18,000 USDC; B: 10 WETH, 20,000 USDC; D: 40 WETH, 150 USDC (healthy, keeps the vault far from the LT).
    const a = await openPrivatePosition(user, p, tree, { collateral: 10n * E18, debt: 18_000n * 10n ** 6n });
    const b = await openPrivatePosition(user, p, tree, { collateral: 10n * E18, debt: 20_000n * 10n ** 6n });
    const healthy = await openPrivatePosition(user, p, tree, { collateral: 40n * E18, debt: 150n * 10n ** 6n });
    const keeper = privateKeyToAccount(AGENT_KEYS.keeper).address;
    await user.send({ address: token("USDC").address, abi: devErc20Abi, functionName: "mint", args: [keeper, 50_000n * 10n ** 6n] });
    const sharesBefore = await read<bigint>("noteShares");
    const poolRead = (functionName: "nextIndex" | "root") =>
      user.publicClient.readContract({ address: p.pool, abi: keelPrivatePoolAbi, functionName });
    const leavesBefore = await poolRead("nextIndex");

    // WETH at 2,050: both past the 85% LT (17,425 of 20,500); A's seizure 18,900 / 2,050 ≈ 9.22 WETH leaves it a
    // remainder (an insertion), B's 21,000 / 2,050 > 10 WETH takes all its collateral (an exit, worth 20,500 ≥ its debt).
    await price("2050");
    const from = lines.length;
    const k = startPrivateKeeper();
    try {
      await k.scanPrivate();
      await k.idle();
      const pass = lines.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);
      const at = (event: string) => pass.flatMap((l, i) => (l.event === event ? [i] : []));
      const done = pass.filter((l) => l.event === "private-liquidated");
      expect(
        done.map((l) => l.leafIndex),
        lines.slice(-10).join("\n"),
      ).toEqual([a.note.leafIndex, b.note.leafIndex]);
      // both sent before the first receipt was read, in one pass, one approval
      expect(at("private-sent")).toHaveLength(2);
      expect(Math.max(...at("private-sent"))).toBeLessThan(Math.min(...at("private-liquidated")));
      expect(k.privatePool!.stats.liquidations).toBe(2);
      expect(pass.filter((l) => l.event === "private-planned").map((l) => l.liquidatable)).toContain(2);
      // A's remainder took the one new leaf; B's full seizure inserted nothing (NO_LEAF)
      expect(done[0]!.newLeaf).toBe(leavesBefore.toString());
      expect(done[1]!.newLeaf).toBeUndefined();
      expect(BigInt(done[1]!.seized as string)).toBe(b.note.collateral);
      expect(await poolRead("nextIndex")).toBe(leavesBefore + 1n);
      for (const n of [a.note, b.note]) expect(await read<boolean>("nullifierSpent", [nullifier(n, n.leafIndex)])).toBe(true);
      expect(await read<bigint>("noteShares")).toBe(sharesBefore - a.note.shares - b.note.shares);
      // the keeper's mirror agrees with the pool: A's remainder is a live note, B has none; D untouched
      const mirror = await k.privatePool!.mirror();
      await mirror.sync(await user.publicClient.getBlockNumber());
      expect(mirror.tree.root()).toBe(await poolRead("root"));
      expect(mirror.liveWithDebt().map((n) => n.leafIndex)).toContain(healthy.note.leafIndex);
      expect(
        await user.publicClient.readContract({ address: token("USDC").address, abi: erc20Abi, functionName: "allowance", args: [keeper, p.pool] }),
      ).toBe(0n);
    } finally {
      await k.stop();
    }
  }, 600_000);
});
