import { describe, expect, it } from "vitest";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  type AbiEvent,
  parseUnits,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { keelErrorsAbi } from "@/contracts-abi/call";
import { keelMarketAbi } from "@/contracts-abi";
import type { LensMarket, LensVault } from "@/lib/read/vaults";
import { nonceManager } from "./agent-log";
import { isGone } from "./revert";
import {
  describeError,
  describeRevert,
  gasLimitFor,
  idRanges,
  liquidatorCall,
  repriceVaults,
  revertData,
  simulateTx,
  sizeAll,
  vaultsTouched,
  type KeeperIO,
  type Snapshot,
} from "./keeper";
import { bumpFees, confirmOrReplace, feesFor, sendAndConfirm, sendTx, type SentTx } from "./keeper-send";
import type { Candidate, PlannedTx } from "./keeper-plan";

const MARKET = "0x00000000000000000000000000000000000000a1" as Address;
const WETH = "0x00000000000000000000000000000000000000c1" as Address;
const LIQUIDATOR = "0x00000000000000000000000000000000000000e1" as Address;
const account = { address: "0x00000000000000000000000000000000000000f1" as Address, type: "json-rpc" } as const;
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;

const candidate = (id: number): Candidate => ({
  market: MARKET,
  id: BigInt(id),
  collateral: WETH,
  repay: 100n,
  maxRepay: 101n,
  seized: 1n,
  discount: 0n,
  assets: 1,
  followUp: false,
});
const txOf = (ids: number[]): PlannedTx => ({
  batches: [
    {
      market: MARKET,
      base: WETH,
      collateral: WETH,
      vaults: ids.map(candidate),
      loan: 0n,
      repay: 0n,
      seized: 0n,
      fee: 0n,
      proceeds: 0n,
      result: 0n,
      minProfit: 0n,
      maxLoss: 0n,
    },
  ],
  gas: 1_000_000n,
});

/** A revert as viem throws it from simulateContract. */
function reverted(data: Hex) {
  const cause = new ContractFunctionRevertedError({ abi: keelErrorsAbi, data, functionName: "liquidate" });
  return new ContractFunctionExecutionError(cause, { abi: keelErrorsAbi, functionName: "liquidate", args: [] });
}

describe("stage size: sizeAll", () => {
  it("sizes every liquidatable vault but the ones in flight", () => {
    const wad = (x: string) => parseUnits(x, 18);
    const market = {
      market: MARKET,
      baseDecimals: 6,
      baseFeed: { price: wad("1") },
      collaterals: [{ info: { asset: WETH, maxDiscount: wad("0.1") } }],
    } as unknown as LensMarket;
    const vault = (id: bigint) =>
      ({
        market: MARKET,
        id,
        healthFactor: wad("0.85"),
        liquidationValue: wad("2040"),
        debtValue: wad("2400"),
        collateralValue: wad("2400"),
        debt: 2_400_000_000n,
        collaterals: [{ asset: WETH, amount: wad("1"), decimals: 18, price: wad("2400"), status: 0, liquidationThreshold: wad("0.85") }],
      }) as unknown as LensVault;
    const snapshot = { liquidatable: [1n, 2n, 3n].map((id) => ({ vault: vault(id), market })) } as unknown as Snapshot;
    expect(sizeAll(snapshot, (_m, id) => id === 2n).map((c) => c.id)).toEqual([1n, 3n]);
    // The suspects (to simulate before sending) are marked.
    expect(
      sizeAll(
        snapshot,
        () => false,
        (_m, id) => id === 3n,
      ).map((c) => c.suspect),
    ).toEqual([false, false, true]);
  });
});

describe("stage scan: idRanges", () => {
  it("reads neighbouring touched vaults in one lens page, at most `page` ids each", () => {
    expect(idRanges(new Set([5n, 1n, 3n, 40n, 41n]))).toEqual([
      [1n, 5n],
      [40n, 2n],
    ]);
    expect(idRanges(new Set([1n, 2n, 3n, 4n]), 16n, 2n)).toEqual([
      [1n, 2n],
      [3n, 2n],
    ]);
    expect(idRanges(new Set([0n]))).toEqual([]);
  });
});

describe("stage scan: vaultsTouched", () => {
  const log = (eventName: string, args: Record<string, unknown>) => {
    const topics = encodeEventTopics({ abi: keelMarketAbi, eventName, args } as never) as Hex[];
    const event = keelMarketAbi.find((x) => x.type === "event" && x.name === eventName) as AbiEvent;
    const rest = event.inputs.filter((i) => !i.indexed);
    return { topics, data: encodeAbiParameters(rest, rest.map((i) => args[i.name!]) as never) };
  };
  it("an event of one vault names it; interest and lenders' supply change none; a risk change needs a full scan", () => {
    expect(vaultsTouched(log("Repaid", { id: 7n, caller: MARKET, assets: 1n, shares: 1n }))).toBe(7n);
    expect(vaultsTouched(log("InterestAccrued", { borrowRate: 1n, interest: 2n, reserves: 3n }))).toBe("none");
    expect(vaultsTouched(log("Supplied", { caller: MARKET, onBehalf: MARKET, assets: 1n, shares: 1n }))).toBe("none");
    expect(vaultsTouched(log("Withdrawn", { caller: MARKET, onBehalf: MARKET, receiver: MARKET, assets: 1n, shares: 1n }))).toBe("none");
    expect(vaultsTouched(log("RateModelSet", { baseRate: 1n, slope1: 2n, slope2: 3n, kink: 4n }))).toBe("all");
    expect(vaultsTouched({ topics: [hash(1)], data: "0x" })).toBe("all");
  });
});

describe("stage scan, fast path: repriceVaults", () => {
  const wad = (x: string) => parseUnits(x, 18);
  const USDC = "0x00000000000000000000000000000000000000b1" as Address;
  const market = {
    market: MARKET,
    baseAsset: USDC,
    baseDecimals: 6,
    baseFeed: { price: wad("1"), status: 0 },
    collaterals: [{ info: { asset: WETH }, feed: { price: wad("3000"), status: 0 } }],
  } as unknown as LensMarket;
  // 1 WETH (LT 85 %) against 2,000 USDC: HF 1.275 at $3,000, 0.8415 at $1,980.
  const vault = {
    market: MARKET,
    id: 1n,
    debt: 2_000_000_000n,
    healthFactor: wad("1.275"),
    liquidatable: false,
    collaterals: [{ asset: WETH, amount: wad("1"), decimals: 18, price: wad("3000"), status: 0, ltv: wad("0.8"), liquidationThreshold: wad("0.85") }],
  } as unknown as LensVault;

  it("recomputes every vault's health at the new prices (lib/risk, the engine's math)", () => {
    const { all, markets } = repriceVaults(
      { markets: [market], all: [{ vault, market }] },
      new Map([[WETH.toLowerCase(), { price: wad("1980"), status: 0 }]]),
    );
    expect(all[0]!.vault.healthFactor).toBe(wad("0.8415"));
    expect(all[0]!.vault.liquidationValue).toBe(wad("1683"));
    expect(all[0]!.vault.collateralValue).toBe(wad("1980")); // the new rules cap the discount at the margin: it must be fresh
    expect(all[0]!.vault.liquidatable).toBe(true);
    expect(all[0]!.vault.collaterals[0]!.price).toBe(wad("1980"));
    expect(markets[0]!.collaterals[0]!.feed.price).toBe(wad("1980"));
  });

  it("a vault whose collateral price is not valid is not liquidatable", () => {
    const { all } = repriceVaults(
      { markets: [market], all: [{ vault, market }] },
      new Map([[WETH.toLowerCase(), { price: wad("1980"), status: 2 }]]),
    );
    expect(all[0]!.vault.liquidatable).toBe(false);
  });

  it("counts a collateral whose feed is stale as zero, as the lens and the market do: the priced one alone can make the vault liquidatable", () => {
    const WBTC = "0x00000000000000000000000000000000000000b7" as Address;
    const two = {
      ...market,
      collaterals: [...market.collaterals, { info: { asset: WBTC }, feed: { price: wad("65000"), status: 0 } }],
    } as unknown as LensMarket;
    // 1 WETH and 0.02 WBTC ($1,300 at LT 80 %: 1,040) against 2,000 USDC.
    const both = {
      ...vault,
      collaterals: [
        ...vault.collaterals,
        { asset: WBTC, amount: 2_000_000n, decimals: 8, price: wad("65000"), status: 0, ltv: wad("0.75"), liquidationThreshold: wad("0.8") },
      ],
    } as unknown as LensVault;
    const stale = repriceVaults(
      { markets: [two], all: [{ vault: both, market: two }] },
      new Map([[WETH.toLowerCase(), { price: wad("3000"), status: 2 }]]),
    );
    const v = stale.all[0]!.vault;
    expect([v.collateralValue, v.healthFactor, v.pricesOk, v.liquidatable]).toEqual([wad("1300"), wad("0.52"), false, true]);
    expect(v.collaterals[0]!.price).toBe(0n); // no price unless fresh (usablePrice), as KeelOracle.peek answers
    // Without the base asset's price nothing is liquidatable and no health is given (the lens's 0).
    const noBase = repriceVaults(
      { markets: [two], all: [{ vault: both, market: two }] },
      new Map([[USDC.toLowerCase(), { price: wad("1"), status: 2 }]]),
    );
    expect([noBase.all[0]!.vault.healthFactor, noBase.all[0]!.vault.liquidatable]).toEqual([0n, false]);
  });
});

describe("stage simulate: simulateTx", () => {
  it("sends with the model's gas, within the block's", () => {
    expect(gasLimitFor(1_000_000n, 30_000_000n)).toBe(1_025_000n);
    expect(gasLimitFor(40_000_000n, 30_000_000n)).toBe(30_000_000n);
  });

  it("isolates the vault whose liquidation reverts, drops it with the decoded reason, keeps the rest", async () => {
    const bad = encodeErrorResult({ abi: keelErrorsAbi, errorName: "RepayBelowRequired", args: [1n, 2n] });
    const calls: bigint[][] = [];
    const publicClient = {
      async simulateContract({ args }: { args: readonly [readonly { vaults: readonly { id: bigint }[] }[]] }) {
        const ids = args[0].flatMap((b) => b.vaults.map((v) => v.id));
        calls.push(ids);
        if (ids.includes(3n)) throw reverted(bad);
        return { result: [] };
      },
    };
    const io = { publicClient, account, liquidator: LIQUIDATOR } as unknown as KeeperIO;
    const { ok, dropped } = await simulateTx(io, txOf([1, 2, 3, 4, 5]), 30_000_000n);
    expect(ok.flatMap((s) => s.tx.batches.flatMap((b) => b.vaults.map((v) => v.id)))).toEqual([1n, 2n, 4n, 5n]);
    expect(dropped.map((d) => [d.candidate.id, d.reason])).toEqual([[3n, "RepayBelowRequired(1, 2)"]]);
  });

  it("retries an out-of-gas (no revert data) once with 25 % more gas before splitting", async () => {
    const gases: bigint[] = [];
    const publicClient = {
      async simulateContract({ gas }: { gas: bigint }) {
        gases.push(gas);
        if (gases.length === 1) throw reverted("0x");
        return { result: [] };
      },
    };
    const io = { publicClient, account, liquidator: LIQUIDATOR } as unknown as KeeperIO;
    const { ok } = await simulateTx(io, txOf([1, 2]), 30_000_000n);
    expect(gases).toEqual([1_025_000n, 1_275_000n]);
    expect(ok[0]!.gas).toBe(1_275_000n);
  });

  it("revertData and describeRevert read viem's error", () => {
    const data = encodeErrorResult({ abi: keelErrorsAbi, errorName: "NotLiquidatable", args: [7n, 10n ** 18n] });
    expect(revertData(reverted(data))).toBe(data);
    expect(revertData(new Error("network"))).toBeUndefined();
    expect(describeRevert(data)).toBe(`NotLiquidatable(7, ${10n ** 18n})`);
  });

  it("describeError logs the decoded reason, not the first line of viem's message", () => {
    const data = encodeErrorResult({ abi: keelErrorsAbi, errorName: "NotLiquidatable", args: [7n, 10n ** 18n] });
    const e = reverted(data);
    // What the agents logged before: the reason is on the lines after this one.
    expect(e.message.split("\n")[0]).not.toContain("NotLiquidatable");
    expect(describeError(e)).toBe(`NotLiquidatable(7, ${10n ** 18n})`);
    expect(describeError(reverted("0x"))).toBe("reverted without data (out of gas, or a bare revert)");
    expect(describeError(new Error("socket hang up\nat …"))).toBe("socket hang up");
  });
});

describe("stage send: sendTx", () => {
  const sim = { tx: txOf([1]), gas: 500_000n };
  const fees = { maxFeePerGas: 10n, maxPriorityFeePerGas: 1n };

  it("sends at the nonce manager's nonce and records it in flight", async () => {
    const nonces = nonceManager(async () => 4);
    const sent: unknown[] = [];
    const io = { liquidator: LIQUIDATOR, walletClient: { writeContract: async (r: unknown) => (sent.push(r), hash(1)) } } as unknown as KeeperIO;
    const s = await sendTx(io, nonces, liquidatorCall(LIQUIDATOR, sim), fees, 100n);
    expect(s.nonce).toBe(4);
    expect(nonces.pending().get(4)).toEqual([hash(1)]);
    expect(sent[0]).toMatchObject({ nonce: 4, gas: 500_000n, maxFeePerGas: 10n, functionName: "liquidate" });
  });

  it("a refused transaction frees its nonce for the next one", async () => {
    const nonces = nonceManager(async () => 4);
    let fail = true;
    const io = {
      liquidator: LIQUIDATOR,
      walletClient: {
        writeContract: async () => {
          if (fail) throw new Error("insufficient funds");
          return hash(2);
        },
      },
    } as unknown as KeeperIO;
    await expect(sendTx(io, nonces, liquidatorCall(LIQUIDATOR, sim), fees, 100n)).rejects.toThrow("insufficient funds");
    fail = false;
    expect((await sendTx(io, nonces, liquidatorCall(LIQUIDATOR, sim), fees, 100n)).nonce).toBe(4);
  });

  it("fees: twice the estimate within the cap, nothing above it; a replacement bumps both by 25 %", () => {
    expect(feesFor({ maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }, 100n)).toEqual({ maxFeePerGas: 20n, maxPriorityFeePerGas: 1n });
    expect(feesFor({ maxFeePerGas: 60n, maxPriorityFeePerGas: 1n }, 100n)).toEqual({ maxFeePerGas: 100n, maxPriorityFeePerGas: 1n });
    expect(feesFor({ maxFeePerGas: 101n, maxPriorityFeePerGas: 1n }, 100n)).toBeNull();
    const b = bumpFees({ maxFeePerGas: 8_000_000_000n, maxPriorityFeePerGas: 4_000_000_000n });
    expect(b).toEqual({ maxFeePerGas: 11_000_000_000n, maxPriorityFeePerGas: 6_000_000_000n });
  });
});

describe("stage confirm or replace", () => {
  function chain() {
    const state = {
      block: 100n,
      mined: 4,
      blockGasUsed: 29_900_000n,
      receipts: new Map<Hex, TransactionReceipt>(),
      writes: [] as { nonce: number; maxFeePerGas: bigint }[],
    };
    const publicClient = {
      getTransactionReceipt: async ({ hash }: { hash: Hex }) => {
        const r = state.receipts.get(hash);
        if (!r) throw new Error("not found");
        return r;
      },
      getBlockNumber: async () => state.block,
      getTransactionCount: async () => state.mined,
      getBlock: async () => ({ gasUsed: state.blockGasUsed, gasLimit: 30_000_000n }),
    };
    const walletClient = {
      writeContract: async (r: { nonce: number; maxFeePerGas: bigint }) => {
        state.writes.push(r);
        return hash(100 + state.writes.length);
      },
    };
    const io = { publicClient, walletClient, account, liquidator: LIQUIDATOR } as unknown as KeeperIO;
    return { state, io };
  }
  const sentAt = (nonce: number): SentTx => ({
    call: liquidatorCall(LIQUIDATOR, { tx: txOf([1]), gas: 500_000n }),
    nonce,
    hashes: [hash(1)],
    fees: { maxFeePerGas: 8n, maxPriorityFeePerGas: 4n },
    sentAtBlock: 100n,
  });

  it("returns the receipt and takes the nonce out of the pending set", async () => {
    const { state, io } = chain();
    const nonces = nonceManager(async () => 4);
    const n = await nonces.take();
    nonces.sent(n, hash(1));
    state.receipts.set(hash(1), { transactionHash: hash(1), status: "success" } as TransactionReceipt);
    const out = await confirmOrReplace(io, nonces, sentAt(n), { replaceAfterBlocks: 3, pollMs: 1 });
    expect(out.kind).toBe("mined");
    expect(nonces.pending().size).toBe(0);
  });

  it("replaces an unmined transaction at the same nonce with higher fees, then takes the replacement's receipt", async () => {
    const { state, io } = chain();
    const nonces = nonceManager(async () => 4);
    const n = await nonces.take();
    nonces.sent(n, hash(1));
    const sent = sentAt(n);
    const done = confirmOrReplace(io, nonces, sent, { replaceAfterBlocks: 3, pollMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(state.writes).toEqual([]);
    state.block = 103n;
    while (!state.writes.length) await new Promise((r) => setTimeout(r, 5));
    expect(state.writes[0]).toMatchObject({ nonce: 4, gas: 500_000n });
    expect(state.writes[0]!.maxFeePerGas).toBeGreaterThan(8n);
    expect(nonces.pending().get(4)).toEqual([hash(1), hash(101)]);
    state.receipts.set(hash(101), { transactionHash: hash(101), status: "success" } as TransactionReceipt);
    state.mined = 5;
    const out = await done;
    expect(out.kind === "mined" && out.receipt.transactionHash).toBe(hash(101));
  });

  it("counts the blocks from its first look, not from the scan's block", async () => {
    const { state, io } = chain();
    state.block = 110n; // the scan was at 100; sending took long
    const nonces = nonceManager(async () => 4);
    const n = await nonces.take();
    nonces.sent(n, hash(1));
    const done = confirmOrReplace(io, nonces, sentAt(n), { replaceAfterBlocks: 2, pollMs: 1 });
    await new Promise((r) => setTimeout(r, 30));
    expect(state.writes).toEqual([]);
    state.receipts.set(hash(1), { transactionHash: hash(1), status: "success" } as TransactionReceipt);
    expect((await done).kind).toBe("mined");
  });

  it("replaces at once when a block had room for it, no earlier nonce pending, and passed it over", async () => {
    const { state, io } = chain();
    const nonces = nonceManager(async () => 4);
    const n = await nonces.take();
    nonces.sent(n, hash(1));
    const done = confirmOrReplace(io, nonces, sentAt(n), { replaceAfterBlocks: 5, pollMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    state.blockGasUsed = 1_000_000n;
    state.block = 101n;
    while (!state.writes.length) await new Promise((r) => setTimeout(r, 5));
    expect(state.writes[0]).toMatchObject({ nonce: 4 });
    state.receipts.set(hash(101), { transactionHash: hash(101), status: "success" } as TransactionReceipt);
    expect((await done).kind).toBe("mined");
  });

  it("K-1: a claim call through sendAndConfirm is sent with the keeper's fees and replaced when it waits, never holding the nonce", async () => {
    const { state, io } = chain();
    (io.publicClient as unknown as { estimateContractGas: () => Promise<bigint> }).estimateContractGas = async () => 100_000n;
    const nonces = nonceManager(async () => 4);
    const call = { address: MARKET, abi: keelMarketAbi, functionName: "liquidate", args: [1n, WETH, 10n, 0n] };
    const done = sendAndConfirm(io, nonces, call, { maxFeePerGas: 8n, maxPriorityFeePerGas: 4n }, { replaceAfterBlocks: 2, pollMs: 1 });
    while (!state.writes.length) await new Promise((r) => setTimeout(r, 5));
    // Sent at the keeper's fees (not the node's default) with the gas estimate's margin.
    expect(state.writes[0]).toMatchObject({ nonce: 4, maxFeePerGas: 8n, gas: 130_000n, functionName: "liquidate" });
    state.block = 102n; // two blocks without it: replaced at the same nonce, higher fees
    while (state.writes.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(state.writes[1]).toMatchObject({ nonce: 4, gas: 130_000n });
    expect(state.writes[1]!.maxFeePerGas).toBeGreaterThan(8n);
    state.receipts.set(hash(102), { transactionHash: hash(102), status: "success" } as TransactionReceipt);
    expect((await done).transactionHash).toBe(hash(102));
    // The nonce is free of the pending set: the keeper's next transaction goes out behind nothing.
    expect(nonces.pending().size).toBe(0);
    expect(await nonces.take()).toBe(5);
  });

  it("K-1: a replacement goes out at least at the fees of now (a fee spike), not only 25 % over the old ones", async () => {
    const { state, io } = chain();
    const nonces = nonceManager(async () => 4);
    const n = await nonces.take();
    nonces.sent(n, hash(1));
    const spike = { maxFeePerGas: 40_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n };
    const done = confirmOrReplace(io, nonces, sentAt(n), { replaceAfterBlocks: 1, pollMs: 1, feesNow: async () => spike });
    await new Promise((r) => setTimeout(r, 10));
    state.block = 102n;
    while (!state.writes.length) await new Promise((r) => setTimeout(r, 5));
    expect(state.writes[0]).toMatchObject({ nonce: 4, ...spike });
    state.receipts.set(hash(101), { transactionHash: hash(101), status: "success" } as TransactionReceipt);
    expect((await done).kind).toBe("mined");
  });

  it("reports a nonce mined without any of its hashes as taken", async () => {
    const { state, io } = chain();
    const nonces = nonceManager(async () => 4);
    const n = await nonces.take();
    nonces.sent(n, hash(1));
    state.mined = 5;
    const out = await confirmOrReplace(io, nonces, sentAt(n), { replaceAfterBlocks: 3, pollMs: 1 });
    expect(out).toEqual({ kind: "taken", nonce: 4 });
    expect(nonces.pending().size).toBe(0);
  });
});

describe("isGone", () => {
  it("is KeelLiquidator's skip rule: NotLiquidatable, or InsufficientCollateral with nothing left", () => {
    const err = (errorName: "NotLiquidatable" | "InsufficientCollateral" | "RepayBelowRequired", args: readonly bigint[] | readonly unknown[]) =>
      encodeErrorResult({ abi: keelErrorsAbi, errorName, args } as never);
    const asset = "0x0000000000000000000000000000000000000001";
    expect(isGone(err("NotLiquidatable", [4n, 10n ** 18n]))).toBe(true);
    expect(isGone(err("InsufficientCollateral", [4n, asset, 0n, 1n]))).toBe(true);
    expect(isGone(err("InsufficientCollateral", [4n, asset, 5n, 6n]))).toBe(false);
    expect(isGone(err("RepayBelowRequired", [1n, 2n]))).toBe(false);
    expect(isGone("0x")).toBe(false);
    expect(isGone(undefined)).toBe(false);
  });
});
