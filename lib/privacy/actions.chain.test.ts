import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { maxUint256, parseEventLogs, parseUnits, type Address, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import { keelPrivatePoolAbi } from "@/contracts-abi/abi/KeelPrivatePool";
import { keelPrivatePoolCallAbi } from "@/contracts-abi/call";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment, PrivatePoolDeployment } from "../config/deployment";
import { reconcilePending } from "@/hooks/use-private-pool";
import { notePosition, planAction, planClose, poolCall, type PoolState, type PrivateActionKind } from "./actions";
import type { PlacedNote } from "./note";
import { ASIDE_POSITION, DEBT_FREE_INDEX, isExit, randomField } from "./note";
import { CIRCUIT_ARTIFACTS } from "./artifacts";
import { proveAction } from "./prover";
import { MerkleTree, ROOT_HISTORY, TREE_DEPTH, zeroRoot } from "./tree";

/** KeelPrivatePool.NO_LEAF (type(uint256).max): the leafIndex of an action that inserted nothing. */
const NO_LEAF = maxUint256;

/**
 * The local stack's private pool (scripts/lib/deploy-private-pool.ts, deployed by deployLocal) driven the way the app
 * drives it: state read from the chain, planAction, a real proof, poolCall — open, borrow, repay, withdraw.
 */
describe("the dev stack's private pool, driven by lib/privacy/actions", () => {
  let anvil: Anvil;
  let dir: string;
  let deployment: Deployment;
  let pp: PrivatePoolDeployment;
  let trader: ReturnType<typeof clientsFor>;
  let client: PublicClient;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    dir = mkdtempSync(path.join(os.tmpdir(), "keel-private-"));
    deployment = (await deployLocal({ rpcUrl: anvil.url, outDir: dir })).deployment;
    pp = deployment.privatePool!;
    trader = clientsFor(anvil.url, 31337, ANVIL_KEYS[1]!);
    client = trader.publicClient as PublicClient;
  }, 600_000);
  afterAll(async () => {
    await anvil?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function state(): Promise<PoolState> {
    const base = deployment.markets.find((m) => m.address === pp.market)!.baseAsset;
    const oracle = await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "oracle" });
    const [[collateralPrice, debtPrice], info, debtIndex, totalBorrows, totalBorrowShares, minDeposit, minBorrow] = await Promise.all([
      client.readContract({ address: oracle, abi: keelOracleAbi, functionName: "prices", args: [pp.collateral, base] }),
      client.readContract({ address: pp.market, abi: keelMarketAbi, functionName: "collateralInfo", args: [pp.collateral] }),
      client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "debtIndex" }),
      client.readContract({ address: pp.market, abi: keelMarketAbi, functionName: "totalBorrows" }),
      client.readContract({ address: pp.market, abi: keelMarketAbi, functionName: "totalBorrowShares" }),
      client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "minDeposit" }),
      client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "minBorrow" }),
    ]);
    return {
      pool: pp.pool,
      chainId: 31337,
      collateralPrice,
      debtPrice,
      marketLtv: info.ltv,
      marketLiquidationThreshold: info.liquidationThreshold,
      debtIndex,
      totalBorrows,
      totalBorrowShares,
      minDeposit,
      minBorrow,
    };
  }
  async function tree() {
    const logs = await client.getContractEvents({
      address: pp.pool,
      abi: keelPrivatePoolAbi,
      eventName: "NoteInserted",
      fromBlock: BigInt(pp.startBlock),
    });
    return new MerkleTree(logs.map((l) => l.args.commitment!));
  }

  const ownerKey = randomField();
  let note: PlacedNote | null = null;
  async function act(kind: PrivateActionKind, amount: bigint) {
    const me = trader.account.address;
    const plan = planAction({ kind, amount, note, ownerKey, recipient: me }, await tree(), await state());
    const { solidity } = await proveAction(plan.input, CIRCUIT_ARTIFACTS);
    const pull: Address | null =
      kind === "deposit" ? pp.collateral : kind === "repay" ? deployment.markets.find((m) => m.address === pp.market)!.baseAsset : null;
    if (pull) await trader.send({ address: pull, abi: devErc20Abi, functionName: "approve", args: [pp.pool, plan.tokens * 2n + 1n] });
    const receipt = await trader.send({ address: pp.pool, abi: keelPrivatePoolCallAbi, ...poolCall(plan, solidity) });
    const inserted = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInserted", logs: receipt.logs });
    const action = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "PrivateAction", logs: receipt.logs })[0]!.args;
    if (isExit(plan.next)) {
      // circuit v3: an exit inserts nothing, encrypts nothing, and reports NO_LEAF
      expect(inserted).toEqual([]);
      expect(parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteEncrypted", logs: receipt.logs })).toEqual([]);
      expect(action.leafIndex).toBe(NO_LEAF);
      note = null;
    } else {
      expect(action.leafIndex).toBe(inserted[0]!.args.leafIndex);
      note = { ...plan.next, leafIndex: Number(inserted[0]!.args.leafIndex!) };
    }
    return { plan, receipt };
  }

  it("records the pool in the deployment file over the Keel WETH/USDC market", async () => {
    const market = deployment.markets.find((m) => m.address === pp.market)!;
    expect(deployment.assets.find((a) => a.address === market.baseAsset)!.symbol).toBe("USDC");
    expect(deployment.assets.find((a) => a.address === pp.collateral)!.symbol).toBe("WETH");
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "verifier" })).toBe(pp.verifier);
  });

  it("mirrors the pool's tree constants: depth, empty root, ring of recent roots, the aside position", async () => {
    const read = (functionName: "DEPTH" | "EMPTY_ROOT" | "ROOT_HISTORY" | "ASIDE") =>
      client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName });
    expect(await read("DEPTH")).toBe(BigInt(TREE_DEPTH));
    expect(await read("EMPTY_ROOT")).toBe(zeroRoot(TREE_DEPTH));
    expect(await read("ROOT_HISTORY")).toBe(BigInt(ROOT_HISTORY));
    expect(await read("ASIDE")).toBe(ASIDE_POSITION);
  });

  it("opens, borrows, repays and withdraws with real proofs; the pool's totals follow the note", async () => {
    const weth = (x: string) => parseUnits(x, 18);
    const { plan: open } = await act("deposit", weth("2"));
    expect(open.provenDebtIndex).toBe(DEBT_FREE_INDEX); // a debt-free note: no price (zkaudit4 L1)
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteCollateral" })).toBe(weth("2"));
    const { plan: borrow } = await act("borrow", parseUnits("1000", 6));
    expect(borrow.tokens).toBeGreaterThanOrEqual(parseUnits("1000", 6) - 1n);
    expect(borrow.provenDebtIndex).toBeGreaterThan(DEBT_FREE_INDEX);
    expect(notePosition(note!, await state()).debt).toBeGreaterThanOrEqual(parseUnits("1000", 6));
    const { plan: repay } = await act("repay", parseUnits("2000", 6)); // more than owed: every share
    expect(note!.shares).toBe(0n);
    expect(repay.provenDebtIndex).toBe(DEBT_FREE_INDEX);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteShares" })).toBe(0n);
    // withdrawing everything is an exit: no leaf taken, the pool's leaf count and root unchanged
    const leaves = await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "nextIndex" });
    const root = await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "root" });
    await act("withdraw", weth("2"));
    expect(note).toBeNull();
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteCollateral" })).toBe(0n);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "nextIndex" })).toBe(leaves);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "root" })).toBe(root);
    expect(privateKeyToAccount(ANVIL_KEYS[1]!).address).toBe(trader.account.address);
  }, 600_000);

  it("races (circuit v2): of two actions proven against the same root, the second is refused with StaleRoot and lands proven again", async () => {
    const me = trader.account.address;
    const weth = parseUnits("1", 18);
    const proveOpen = async (key: bigint) => {
      const plan = planAction({ kind: "deposit", amount: weth, note: null, ownerKey: key, recipient: me }, await tree(), await state());
      const { solidity } = await proveAction(plan.input, CIRCUIT_ARTIFACTS);
      return { plan, call: { address: pp.pool, abi: keelPrivatePoolCallAbi, ...poolCall(plan, solidity) } };
    };
    await trader.send({ address: pp.collateral, abi: devErc20Abi, functionName: "approve", args: [pp.pool, 3n * weth] });
    const [first, second] = [await proveOpen(randomField()), await proveOpen(randomField())];
    expect(second.plan.input.root).toBe(first.plan.input.root);
    await trader.send(first.call);
    const simulate = { ...second.call, account: trader.account } as Parameters<typeof client.simulateContract>[0];
    await expect(client.simulateContract(simulate)).rejects.toThrow(/StaleRoot/);
    const again = await proveOpen(randomField());
    expect(again.plan.input.root).toBe(first.plan.input.newRoot);
    const receipt = await trader.send(again.call);
    const inserted = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInserted", logs: receipt.logs })[0]!.args;
    expect(inserted.root).toBe(again.plan.input.newRoot);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "root" })).toBe(again.plan.input.newRoot);
  }, 600_000);
  it("an exit races for no root (circuit v3): proven before another action lands, it lands after it, its membership root from the ring", async () => {
    const me = trader.account.address;
    const weth = parseUnits("1", 18);
    await trader.send({ address: pp.collateral, abi: devErc20Abi, functionName: "approve", args: [pp.pool, 2n * weth] });
    const key = randomField();
    note = null;
    const open = planAction({ kind: "deposit", amount: weth, note: null, ownerKey: key, recipient: me }, await tree(), await state());
    const opened = await trader.send({
      address: pp.pool,
      abi: keelPrivatePoolCallAbi,
      ...poolCall(open, (await proveAction(open.input, CIRCUIT_ARTIFACTS)).solidity),
    });
    const leaf = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInserted", logs: opened.logs })[0]!.args.leafIndex!;
    const held: PlacedNote = { ...open.next, leafIndex: Number(leaf) };
    // the exit (withdraw everything), proven against the current root
    const exit = planAction({ kind: "withdraw", amount: weth, note: held, ownerKey: key, recipient: me }, await tree(), await state());
    expect(exit.input.newCommitment).toBe(0n);
    expect(exit.input.newRoot).toBe(exit.input.root);
    const exitProof = (await proveAction(exit.input, CIRCUIT_ARTIFACTS)).solidity;
    // another owner's deposit lands first: the root moves on
    const other = planAction({ kind: "deposit", amount: weth, note: null, ownerKey: randomField(), recipient: me }, await tree(), await state());
    await trader.send({
      address: pp.pool,
      abi: keelPrivatePoolCallAbi,
      ...poolCall(other, (await proveAction(other.input, CIRCUIT_ARTIFACTS)).solidity),
    });
    const root = await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "root" });
    expect(root).not.toBe(exit.input.memberRoot);
    // …and the exit still lands: membership against the ring's earlier root, no insertion, the root unchanged
    const receipt = await trader.send({ address: pp.pool, abi: keelPrivatePoolCallAbi, ...poolCall(exit, exitProof) });
    expect(parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInserted", logs: receipt.logs })).toEqual([]);
    expect(parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "PrivateAction", logs: receipt.logs })[0]!.args.leafIndex).toBe(NO_LEAF);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "root" })).toBe(root);
  }, 600_000);

  it("a rescue deposit sent aside lands after another insertion (audit i L-1); the note then closes in one proof after another, repaying and withdrawing everything", async () => {
    const me = trader.account.address;
    const weth = (x: string) => parseUnits(x, 18);
    const base = deployment.markets.find((m) => m.address === pp.market)!.baseAsset;
    const send = async (plan: ReturnType<typeof planAction>) =>
      trader.send({ address: pp.pool, abi: keelPrivatePoolCallAbi, ...poolCall(plan, (await proveAction(plan.input, CIRCUIT_ARTIFACTS)).solidity) });
    const someoneElse = async () => {
      await trader.send({ address: pp.collateral, abi: devErc20Abi, functionName: "approve", args: [pp.pool, weth("1")] });
      return send(
        planAction({ kind: "deposit", amount: weth("1"), note: null, ownerKey: randomField(), recipient: me }, await tree(), await state()),
      );
    };
    note = null;
    await act("deposit", weth("2"));
    await act("borrow", parseUnits("1000", 6));
    const indebted = note!;
    // the owner's deposit, proven aside against the pool as it is; another insertion lands first
    const rescue = planAction(
      { kind: "deposit", amount: weth("0.5"), note: indebted, ownerKey, recipient: me, aside: true },
      await tree(),
      await state(),
    );
    expect(rescue.aside).toBe(true);
    expect(
      poolCall(rescue, {
        a: [0n, 0n],
        b: [
          [0n, 0n],
          [0n, 0n],
        ],
        c: [0n, 0n],
      }).functionName,
    ).toBe("depositAside");
    const rescueProof = (await proveAction(rescue.input, CIRCUIT_ARTIFACTS)).solidity;
    await someoneElse();
    await trader.send({ address: pp.collateral, abi: devErc20Abi, functionName: "approve", args: [pp.pool, weth("0.5")] });
    const leaves = await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "nextIndex" });
    const landed = await trader.send({ address: pp.pool, abi: keelPrivatePoolCallAbi, ...poolCall(rescue, rescueProof) });
    const aside = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInsertedAside", logs: landed.logs })[0]!.args;
    expect(aside.root).toBe(rescue.input.newRoot);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "nextIndex" })).toBe(leaves);
    const rescued: PlacedNote = { ...rescue.next, leafIndex: 0, asideRoot: aside.root! };
    // a tab closed while it was pending finds it again: promoted to its own tree's leaf 0 (hooks/use-private-pool)
    expect((await reconcilePending(client, pp, { ownerKey, note: indebted, pending: rescue.next })).note).toEqual(rescued);
    expect(rescued.collateral).toBe(weth("2.5"));
    // the close, proven now; another insertion lands first; it lands anyway (an exit), paying the debt and sending
    // all 2.5 WETH back
    const close = planClose({ note: rescued, recipient: me }, await tree(), await state());
    expect(close.input.newCommitment).toBe(0n);
    expect(close.provenDebtIndex).toBe(DEBT_FREE_INDEX);
    await trader.send({ address: base, abi: devErc20Abi, functionName: "approve", args: [pp.pool, close.pays * 2n + 1n] });
    const closeProof = (await proveAction(close.input, CIRCUIT_ARTIFACTS)).solidity;
    await someoneElse();
    const [wethBefore, sharesBefore, collateralBefore] = await Promise.all([
      client.readContract({ address: pp.collateral, abi: devErc20Abi, functionName: "balanceOf", args: [me] }),
      client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteShares" }),
      client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteCollateral" }),
    ]);
    const closed = await trader.send({ address: pp.pool, abi: keelPrivatePoolCallAbi, ...poolCall(close, closeProof) });
    const action = parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "PrivateAction", logs: closed.logs })[0]!.args;
    expect(action.kind).toBe(5); // Action.Close
    expect(action.leafIndex).toBe(NO_LEAF);
    expect(await client.readContract({ address: pp.collateral, abi: devErc20Abi, functionName: "balanceOf", args: [me] })).toBe(
      wethBefore + weth("2.5"),
    );
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteShares" })).toBe(sharesBefore - rescued.shares);
    expect(await client.readContract({ address: pp.pool, abi: keelPrivatePoolAbi, functionName: "noteCollateral" })).toBe(
      collateralBefore - weth("2.5"),
    );
  }, 600_000);
});
