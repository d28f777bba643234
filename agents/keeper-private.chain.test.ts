import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, decodeFunctionData, erc20Abi, http, parseEventLogs, parseGwei, parseUnits, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { keelPrivatePoolCallAbi } from "@/contracts-abi/call";
import { devErc20Abi, devPriceFeedAbi, keelMarketAbi, keelPrivatePoolAbi } from "@/contracts-abi";
import type { Deployment } from "@/lib/config/deployment";
import { readNoteTree, readPool, reconcileLiquidation, reconcilePending } from "@/hooks/use-private-pool";
import { planAction, poolCall } from "@/lib/privacy/actions";
import { CIRCUIT_ARTIFACTS } from "@/lib/privacy/artifacts";
import { commitment, commitmentOf, liquidatedNote, noteHealth, nullifier, nullifierOf, openingOf, randomField } from "@/lib/privacy/note";
import { proveAction } from "@/lib/privacy/prover";
import { MerkleTree } from "@/lib/privacy/tree";
import type { PrivateWallet } from "@/lib/privacy/wallet";
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

  /** WETH's feed at `usd`. */
  const price = (usd: string) =>
    clientsFor(anvil.url, d.chainId, feedOwnerKey(d)).send({
      address: token("WETH").feed,
      abi: devPriceFeedAbi,
      functionName: "setAnswer",
      args: [parseUnits(usd, 8)],
    });
  const poolRead = (functionName: "nextIndex" | "root") =>
    clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!).publicClient.readContract({ address: p.pool, abi: keelPrivatePoolAbi, functionName });

  /** The keeper's log lines from `from` on about the note at `leafIndex`. */
  const linesOf = (from: number, leafIndex: number) =>
    lines
      .slice(from)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.leafIndex === leafIndex);

  /** What the keeper's passes since line `from` did with a liquidation: landed, refused by its eth_call, or reverted. */
  const outcomes = (from: number) =>
    lines
      .slice(from)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => /^private-(liquidated|rejected|reverted)$/.test(l.event as string));

  /**
   * The race of the aside tests: at WETH 3,000, note C (10 WETH, 18,000 USDC, its owner's key kept) and another
   * owner's deposit proven against the root after C (the rival, not sent: it lands while, or before, the keeper's
   * liquidation of C proven against the same root); USDC for the keeper; then WETH at 2,050: C past the 85% LT (18,000
   * > 17,425), seized 18,900 / 2,050 ≈ 9.22 WETH, a remainder of ≈ 0.78.
   */
  async function raceSetup() {
    const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    await price("3000");
    const WETH = token("WETH").address;
    const USDC = token("USDC").address;
    const pp = { pool: p.pool, verifier: p.verifier, market: p.market, collateral: p.collateral, startBlock: Number(p.fromBlock) };
    const client = user.publicClient as PublicClient;
    const books = async () => (await readPool(client, d.chainId, pp, USDC)).books;
    const ownerKey = randomField();
    const c = await openPrivatePosition(user, p, (await readNoteTree(client, pp)).tree, {
      collateral: 10n * E18,
      debt: 18_000n * 10n ** 6n,
      ownerKey,
    });
    const rival = planAction(
      { kind: "deposit", amount: E18, note: null, ownerKey: randomField(), recipient: user.account.address },
      (await readNoteTree(client, pp)).tree,
      await books(),
    );
    const rivalCall = poolCall(rival, (await proveAction(rival.input, CIRCUIT_ARTIFACTS)).solidity);
    await user.send({ address: WETH, abi: devErc20Abi, functionName: "mint", args: [user.account.address, E18] });
    await user.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [p.pool, E18] });
    await user.send({
      address: USDC,
      abi: devErc20Abi,
      functionName: "mint",
      args: [privateKeyToAccount(AGENT_KEYS.keeper).address, 50_000n * 10n ** 6n],
    });
    await price("2050");
    return { user, WETH, USDC, pp, client, books, ownerKey, c, rivalCall };
  }

  /**
   * The owner's rescue of the aside tests: at WETH 3,000, note E (10 WETH, 18,000 USDC, its owner's key kept) and F
   * (40 WETH, 150 USDC: healthy, keeps the pool's vault far from the market's LT once E is past it); USDC for the
   * keeper; then WETH at 2,150, E near the 85% LT (18,000 of 18,275), and its owner deposits 1 WETH aside
   * (depositAside): the note, still owing, alone at leaf 0 of a tree of its own (checked here), and the owner's wallet
   * with it (`reconcilePending`).
   */
  async function rescueAsideSetup() {
    const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const WETH = token("WETH").address;
    const USDC = token("USDC").address;
    const pp = { pool: p.pool, verifier: p.verifier, market: p.market, collateral: p.collateral, startBlock: Number(p.fromBlock) };
    const client = user.publicClient as PublicClient;
    await price("3000");
    const ownerKey = randomField();
    const e = await openPrivatePosition(user, p, (await readNoteTree(client, pp)).tree, {
      collateral: 10n * E18,
      debt: 18_000n * 10n ** 6n,
      ownerKey,
    });
    await openPrivatePosition(user, p, (await readNoteTree(client, pp)).tree, { collateral: 40n * E18, debt: 150n * 10n ** 6n });
    const keeper = privateKeyToAccount(AGENT_KEYS.keeper).address;
    await user.send({ address: USDC, abi: devErc20Abi, functionName: "mint", args: [keeper, 50_000n * 10n ** 6n] });

    await price("2150");
    await user.send({ address: WETH, abi: devErc20Abi, functionName: "mint", args: [user.account.address, E18] });
    await user.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [p.pool, E18] });
    const rescue = planAction(
      { kind: "deposit", amount: E18, note: e.note, ownerKey, recipient: user.account.address, aside: true },
      (await readNoteTree(client, pp)).tree,
      (await readPool(client, d.chainId, pp, USDC)).state!,
    );
    const leaves = await poolRead("nextIndex");
    const rescueCall = poolCall(rescue, (await proveAction(rescue.input, CIRCUIT_ARTIFACTS)).solidity);
    expect(rescueCall.functionName).toBe("depositAside");
    const landed = await user.send({ address: p.pool, abi: keelPrivatePoolCallAbi, ...rescueCall });
    const [insertedAside] = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInsertedAside", logs: landed.logs });
    const asideRoot = insertedAside!.args.root!;
    expect(insertedAside!.args.commitment).toBe(commitment(rescue.next));
    expect(asideRoot).toBe(rescue.input.newRoot);
    expect(await user.publicClient.readContract({ address: p.pool, abi: keelPrivatePoolAbi, functionName: "frozenRoot", args: [asideRoot] })).toBe(
      true,
    );
    expect(await poolRead("nextIndex")).toBe(leaves);
    // the owner's wallet, its pending rescue reconciled: the note at leaf 0 of the aside root, still owing
    const wallet = await reconcilePending(client, pp, { ownerKey, note: e.note, pending: rescue.next });
    expect(wallet.note).toEqual({ ...rescue.next, leafIndex: 0, asideRoot });
    expect(wallet.note!.shares).toBe(e.note.shares);
    return { user, WETH, USDC, pp, client, ownerKey, e, rescue, asideRoot, wallet, leaves };
  }

  /** The keeper on the pool, its log lines into `lines` (and to `onLine`). */
  const startPrivateKeeper = (onLine: (l: string) => void = () => {}) =>
    startKeeper({
      rpcUrl: anvil.url,
      deployment: d,
      maxLossBps: 0,
      privatePool: { pool: p.pool, fromBlock: p.fromBlock },
      log: (l) => {
        lines.push(l);
        onLine(l);
      },
    });

  /**
   * The keeper on the pool, and `rivalCall` sent by `user` the first time the keeper logs `private-planned`: it lands
   * while the keeper proves (its liquidation then meets StaleRoot). `rivalSent()`: the rival's transaction, once sent.
   */
  const startKeeperWithRival = (user: ReturnType<typeof clientsFor>, rivalCall: ReturnType<typeof poolCall>) => {
    let sent: Promise<unknown> | null = null;
    const k = startPrivateKeeper((l) => {
      if (!sent && l.includes('"event":"private-planned"')) sent = user.send({ address: p.pool, abi: keelPrivatePoolCallAbi, ...rivalCall });
    });
    return { k, rivalSent: () => sent };
  };

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
      await price("2250");
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
  it("liquidates aside a note whose liquidation lost the race for the root (audit h M-1); the owner spends the remainder against its own root", async () => {
    const { user, pp, client, books, ownerKey, c, rivalCall, WETH, USDC } = await raceSetup();
    const from = lines.length;
    // the rival sent once the keeper has planned: it lands while the keeper proves C's liquidation (StaleRoot)
    const { k, rivalSent } = startKeeperWithRival(user, rivalCall);
    try {
      const ofC = () => linesOf(from, c.note.leafIndex);
      // The first pass loses the race (the rival landed first); the next one, started by the rival's block or by
      // this loop, liquidates aside.
      for (let i = 0; i < 3 && !ofC().some((l) => l.event === "private-liquidated"); i++) {
        await k.scanPrivate();
        await k.idle();
      }
      await rivalSent();
      const events = ofC();
      const rejected = events.findIndex((l) => l.event === "private-rejected");
      const done = events.findIndex((l) => l.event === "private-liquidated");
      expect(rejected, lines.slice(from).join("\n")).toBeGreaterThanOrEqual(0);
      expect(events[rejected]!.reason).toMatch(/^StaleRoot/);
      expect(done, lines.slice(-10).join("\n")).toBeGreaterThan(rejected);
      const liquidated = events[done]!;
      expect(liquidated.aside).toBe(true);
      expect(liquidated.newLeaf).toBeUndefined();
      expect(events.filter((l) => l.event === "private-liquidated")).toHaveLength(1);
      const seized = BigInt(liquidated.seized as string);
      const asideRoot = BigInt(liquidated.asideRoot as string);
      expect(seized).toBeLessThan(c.note.collateral);

      // The pool: C spent, its remainder's one-note tree root known for good, the current tree not extended by it
      // (only the rival's deposit took a leaf).
      expect(await read<boolean>("nullifierSpent", [nullifier(c.note, c.note.leafIndex)])).toBe(true);
      expect(await user.publicClient.readContract({ address: p.pool, abi: keelPrivatePoolAbi, functionName: "frozenRoot", args: [asideRoot] })).toBe(
        true,
      );
      const { tree } = await readNoteTree(client, pp);
      expect(BigInt(tree.size)).toBe(await poolRead("nextIndex"));
      expect(tree.root()).toBe(await poolRead("root"));
      const left = liquidatedNote(openingOf(c.note), seized);

      // The keeper's mirror reads NoteInsertedAside at its next pass: the remainder, debt-free, its nullifier at leaf 0.
      await k.scanPrivate();
      await k.idle();
      const mirror = await k.privatePool!.mirror();
      expect(mirror.tree.root()).toBe(await poolRead("root"));
      const aside = mirror.aside.get(asideRoot)!;
      expect(aside.opening).toEqual(left);
      expect(aside.nullifier).toBe(nullifierOf(left, 0));
      expect(mirror.liveWithDebt().map((n) => n.nullifier)).not.toContain(aside.nullifier);

      // The owner's wallet finds the remainder in the liquidation's NoteInsertedAside: leaf 0 of the aside root.
      const wallet: PrivateWallet = { ownerKey, note: c.note, pending: null };
      const after = await reconcileLiquidation(client, pp, USDC, wallet);
      expect(after.note).toEqual({ collateral: left.collateral, shares: 0n, ownerKey, blinding: left.blinding, leafIndex: 0, asideRoot });
      expect(after.liquidation?.seized).toBe(seized);

      // ...and spends it: half withdrawn, proven against the aside root, the new note inserted in the pool's tree.
      const half = left.collateral / 2n;
      const plan = planAction({ kind: "withdraw", amount: half, note: after.note, ownerKey, recipient: user.account.address }, tree, await books());
      expect(plan.input.memberRoot).toBe(asideRoot);
      const pending: PrivateWallet = { ...after, pending: plan.next };
      const wethBefore = await user.publicClient.readContract({
        address: WETH,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [user.account.address],
      });
      const receipt = await user.send({
        address: p.pool,
        abi: keelPrivatePoolCallAbi,
        ...poolCall(plan, (await proveAction(plan.input, CIRCUIT_ARTIFACTS)).solidity),
      });
      expect(
        (await user.publicClient.readContract({ address: WETH, abi: erc20Abi, functionName: "balanceOf", args: [user.account.address] })) -
          wethBefore,
      ).toBe(half);
      expect(await read<boolean>("nullifierSpent", [nullifier(after.note!, 0)])).toBe(true);
      const inserted = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInserted", logs: receipt.logs });
      expect(inserted.map((ev) => ev.args.commitment)).toEqual([commitment(plan.next)]);
      // a pending action spending the aside note reconciles as any other: promoted to its leaf in the pool's tree
      expect((await reconcilePending(client, pp, pending)).note).toEqual({ ...plan.next, leafIndex: Number(inserted[0]!.args.leafIndex) });

      // The keeper's next pass: the aside note spent in its books, its tree the pool's, nothing to do.
      await k.scanPrivate();
      await k.idle();
      expect(mirror.spent.has(aside.nullifier)).toBe(true);
      expect(mirror.tree.root()).toBe(await poolRead("root"));
      expect(k.privatePool!.stats.failures).toBe(0);
    } finally {
      await k.stop();
    }
  }, 600_000);
  it("liquidates aside a note whose liquidation was mined reverted behind another action in its block (StaleRoot replayed at that block): no back-off", async () => {
    // the rival sent into the same block as the keeper's liquidation with a higher tip (anvil orders a block by fees):
    // mined first, it makes the liquidation revert StaleRoot
    const { user, USDC, c, rivalCall } = await raceSetup();
    const chain = createTestClient({ mode: "anvil", transport: http(anvil.url) });
    const from = lines.length;
    const ofC = () => linesOf(from, c.note.leafIndex);
    // Blocks mined by hand: only the keeper's approval (never a block while its liquidation may be pending), until its
    // liquidation waits in the mempool.
    const pending = async (to: string) =>
      Object.values((await chain.getTxpoolContent()).pending)
        .flatMap((byNonce) => Object.values(byNonce))
        .filter((tx) => tx.to?.toLowerCase() === to.toLowerCase()).length;
    await chain.setAutomine(false);
    const k = startPrivateKeeper();
    try {
      void k.scanPrivate();
      for (let i = 0; i < 1_200 && !(await pending(p.pool)); i++) {
        if (await pending(USDC)) await chain.mine({ blocks: 1 });
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await pending(p.pool), lines.slice(from).join("\n")).toBe(1);
      const hash = await user.walletClient.writeContract({
        address: p.pool,
        abi: keelPrivatePoolCallAbi,
        ...rivalCall,
        account: user.account,
        chain: user.walletClient.chain,
        gas: 2_000_000n,
        maxPriorityFeePerGas: parseGwei("50"),
        maxFeePerGas: parseGwei("100"),
      } as Parameters<typeof user.walletClient.writeContract>[0]);
      await chain.mine({ blocks: 1 });
      await chain.setAutomine(true);
      const rivalReceipt = await user.publicClient.waitForTransactionReceipt({ hash });
      expect(rivalReceipt.status).toBe("success");
      await k.idle();
      const reverted = ofC().find((l) => l.event === "private-reverted");
      expect(reverted, lines.slice(from).join("\n")).toBeDefined();
      // in the rival's block, after it
      const keeperReceipt = await user.publicClient.getTransactionReceipt({ hash: reverted!.hash as `0x${string}` });
      expect(keeperReceipt.status).toBe("reverted");
      expect(keeperReceipt.blockNumber).toBe(rivalReceipt.blockNumber);
      expect(keeperReceipt.transactionIndex).toBeGreaterThan(rivalReceipt.transactionIndex);
      expect(reverted!.reason).toMatch(/^StaleRoot/);
      // not a failure: no back-off, the very next pass liquidates it aside
      expect(k.privatePool!.stats.failures).toBe(0);
      for (let i = 0; i < 3 && !ofC().some((l) => l.event === "private-liquidated"); i++) {
        await k.scanPrivate();
        await k.idle();
      }
      const done = ofC().filter((l) => l.event === "private-liquidated");
      expect(done, lines.slice(-10).join("\n")).toHaveLength(1);
      expect(done[0]!.aside).toBe(true);
      expect(await read<boolean>("nullifierSpent", [nullifier(c.note, c.note.leafIndex)])).toBe(true);
      expect(
        await user.publicClient.readContract({
          address: p.pool,
          abi: keelPrivatePoolAbi,
          functionName: "frozenRoot",
          args: [BigInt(done[0]!.asideRoot as string)],
        }),
      ).toBe(true);
    } finally {
      await chain.setAutomine(true);
      await k.stop();
    }
  }, 600_000);
  it("liquidates an owner's rescue inserted aside that still owes (depositAside, audit i L-1): membership against its aside root, the remainder in the pool's tree, found by the owner's wallet", async () => {
    const { user, USDC, pp, client, ownerKey, e, rescue, asideRoot, wallet, leaves } = await rescueAsideSetup();

    // The keeper, started at 2,150: its mirror holds the rescued note aside, with its debt, and nothing is due.
    const from = lines.length;
    const k = startPrivateKeeper();
    try {
      await k.scanPrivate();
      await k.idle();
      const mirror = await k.privatePool!.mirror();
      const held = mirror.aside.get(asideRoot)!;
      expect(held.opening).toEqual(openingOf(rescue.next));
      expect(held.nullifier).toBe(nullifierOf(openingOf(rescue.next), 0));
      expect(mirror.liveWithDebt().map((n) => n.nullifier)).toContain(held.nullifier);
      expect(outcomes(from)).toEqual([]);

      // WETH at 1,850: 18,000 > 85% of 11 × 1,850 = 17,297.5, the aside note is past the LT; seized 18,900 / 1,850
      // ≈ 10.22 WETH of its 11, a remainder of ≈ 0.78. One pass liquidates it.
      await price("1850");
      await k.idle();
      const before = lines.length;
      await k.scanPrivate();
      await k.idle();
      const done = outcomes(from);
      expect(
        done.map((l) => l.event),
        lines.slice(before - 10).join("\n"),
      ).toEqual(["private-liquidated"]);
      const liquidated = done[0]!;
      expect(liquidated.shares).toBe(e.note.shares.toString());
      expect(liquidated.aside).toBe(false);
      const seized = BigInt(liquidated.seized as string);
      expect(seized).toBeLessThan(rescue.next.collateral);
      expect(await read<boolean>("nullifierSpent", [held.nullifier])).toBe(true);
      expect(mirror.spent.has(held.nullifier)).toBe(true);
      expect(k.privatePool!.stats.failures).toBe(0);

      // The liquidation's membership is against the aside root (a frozen root: known whatever the ring holds); not
      // raced, it is no aside liquidation, so the remainder took the pool's next leaf.
      const tx = await user.publicClient.getTransaction({ hash: liquidated.hash as `0x${string}` });
      const call = decodeFunctionData({ abi: privatePoolAbi, data: tx.input });
      if (call.functionName !== "liquidate") throw new Error(`the keeper called ${call.functionName}, not liquidate`);
      const t = call.args[1];
      expect(t.memberRoot).toBe(asideRoot);
      const left = liquidatedNote(openingOf(rescue.next), seized);
      expect(t.newCommitment).toBe(commitmentOf(left));
      expect(liquidated.newLeaf).toBe(leaves.toString());
      expect(await poolRead("nextIndex")).toBe(leaves + 1n);
      expect((await readNoteTree(client, pp)).tree.root()).toBe(await poolRead("root"));

      // The owner's wallet finds the remainder: debt-free, at its leaf in the pool's tree (no longer aside).
      const after = await reconcileLiquidation(client, pp, USDC, wallet);
      expect(after.note).toEqual({ collateral: left.collateral, shares: 0n, ownerKey, blinding: left.blinding, leafIndex: Number(leaves) });
      expect(after.liquidation?.seized).toBe(seized);
      expect(after.liquidation?.shares).toBe(e.note.shares);
    } finally {
      await k.stop();
    }
  }, 600_000);
  it("liquidates aside an owner's owing aside rescue whose liquidation lost the race: membership against its aside root, the remainder aside again, found by the owner's wallet", async () => {
    const { user, WETH, USDC, pp, client, e, rescue, asideRoot, wallet, leaves } = await rescueAsideSetup();
    // another owner's deposit, proven now against the pool's root; sent once the keeper has planned E's liquidation
    await user.send({ address: WETH, abi: devErc20Abi, functionName: "mint", args: [user.account.address, E18] });
    await user.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [p.pool, E18] });
    const rival = planAction(
      { kind: "deposit", amount: E18, note: null, ownerKey: randomField(), recipient: user.account.address },
      (await readNoteTree(client, pp)).tree,
      (await readPool(client, d.chainId, pp, USDC)).books,
    );
    const rivalCall = poolCall(rival, (await proveAction(rival.input, CIRCUIT_ARTIFACTS)).solidity);
    await price("1850");
    const from = lines.length;
    const { k, rivalSent } = startKeeperWithRival(user, rivalCall);
    try {
      for (let i = 0; i < 3 && !outcomes(from).some((l) => l.event === "private-liquidated"); i++) {
        await k.scanPrivate();
        await k.idle();
      }
      await rivalSent();
      const done = outcomes(from);
      expect(
        done.map((l) => l.event),
        lines.slice(from).join("\n"),
      ).toEqual(["private-rejected", "private-liquidated"]);
      expect(done[0]!.reason).toMatch(/^StaleRoot/);
      const liquidated = done[1]!;
      expect(liquidated.aside).toBe(true);
      expect(liquidated.newLeaf).toBeUndefined();
      expect(liquidated.shares).toBe(e.note.shares.toString());
      const seized = BigInt(liquidated.seized as string);
      const newAsideRoot = BigInt(liquidated.asideRoot as string);
      expect(newAsideRoot).not.toBe(asideRoot);
      expect(await read<boolean>("nullifierSpent", [nullifierOf(openingOf(rescue.next), 0)])).toBe(true);
      expect(
        await user.publicClient.readContract({ address: p.pool, abi: keelPrivatePoolAbi, functionName: "frozenRoot", args: [newAsideRoot] }),
      ).toBe(true);
      // only the rival's deposit took a leaf
      expect(await poolRead("nextIndex")).toBe(leaves + 1n);
      const tx = await user.publicClient.getTransaction({ hash: liquidated.hash as `0x${string}` });
      const call = decodeFunctionData({ abi: privatePoolAbi, data: tx.input });
      if (call.functionName !== "liquidateAside") throw new Error(`the keeper called ${call.functionName}, not liquidateAside`);
      expect(call.args[1].memberRoot).toBe(asideRoot);
      expect(k.privatePool!.stats.failures).toBe(0);

      // The owner's wallet finds the remainder at leaf 0 of its new aside root.
      const left = liquidatedNote(openingOf(rescue.next), seized);
      const after = await reconcileLiquidation(client, pp, USDC, wallet);
      expect(after.note).toEqual({
        collateral: left.collateral,
        shares: 0n,
        ownerKey: wallet.ownerKey,
        blinding: left.blinding,
        leafIndex: 0,
        asideRoot: newAsideRoot,
      });
      expect(after.liquidation?.seized).toBe(seized);
    } finally {
      await k.stop();
    }
  }, 600_000);
});
