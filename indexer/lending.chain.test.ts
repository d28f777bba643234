import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { erc20Abi, maxUint256, parseAbi, parseUnits, type Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi, devPriceFeedAbi } from "@/contracts-abi";
import type { Deployment, MorphoBlueMarketDeployment } from "@/lib/config/deployment";
import { parseLendingSeries, parseLendingTimeline, type LendingTimeline } from "@/lib/read/indexer-lending";
import { aavePoolAbi } from "@/lib/protocols/aave-v3/abi";
import { parseLendingAccounts } from "@/lib/read/indexer-lending";
import { bookAccounts, readProtocolBook } from "@/lib/protocols/book";
import { morphoBlueAbi, morphoOracleAbi } from "@/lib/protocols/morpho-blue/abi";
import { healthOf } from "@/lib/protocols/morpho-blue/math";
import { toAssetsUp } from "@/lib/engine/shares";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { freshPostgresDatabase, startIndexer, type Indexer } from "@/scripts/lib/indexer";
import { buildMorpho } from "@/scripts/lib/morpho-build";
import { aavePoolEventsAbi, aaveReserveDataAbi, morphoEventsAbi } from "./src/lending-abi";

/**
 * The indexer's Aave v3 and Morpho Blue handlers against the real protocols on anvil (the local deploy's), on PGlite and
 * — with `KEEL_TEST_DATABASE_URL` — on Postgres: every event kind is on its account's timeline with the chain's
 * amounts (Aave: the pool's health after each, read back at that block); Morpho's market and position rows equal
 * `market(id)` and `position(id, account)`; Aave's reserve rows equal the aToken and debt token supplies and the
 * reserve's indices at their block; Σ of every flow equals Σ of the chain's logs; the accounts the indexer gives /risk
 * are the ones the RPC log scan finds.
 */
const backends: { name: string; databaseUrl?: string }[] = [{ name: "PGlite" }];
if (process.env.KEEL_TEST_DATABASE_URL) backends.push({ name: "Postgres", databaseUrl: process.env.KEEL_TEST_DATABASE_URL });

const usdc = (x: string) => parseUnits(x, 6);
const weth = (x: string) => parseUnits(x, 18);
const aaveLiquidationAbi = parseAbi([
  "function liquidationCall(address collateralAsset, address debtAsset, address user, uint256 debtToCover, bool receiveAToken)",
]);
type Client = ReturnType<typeof clientsFor>;

for (const { name, databaseUrl } of backends)
  describe(`the indexer follows Aave v3 and Morpho Blue on ${name}`, { timeout: 300_000 }, () => {
    let anvil: Anvil;
    let d: Deployment;
    let indexer: Indexer;
    let admin: Client;
    let one: Client;
    let two: Client;
    let keeper: Client;
    let tokens: Record<string, Address>;
    let market: MorphoBlueMarketDeployment;
    const morphoAbi = () => buildMorpho().Morpho.abi as Abi;
    const dirs = ["keel-lending-data-", "keel-lending-out-"].map((p) => mkdtempSync(path.join(os.tmpdir(), p)));

    const head = () => admin.publicClient.getBlockNumber({ cacheTime: 0 });
    const synced = async () => indexer.waitFor({ [d.chainId]: await head() }, 240_000);
    const get = async (p: string): Promise<unknown> => {
      const res = await fetch(`${indexer.url}${p}`);
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const timeline = async (protocol: string, m: string, account: Address) =>
      parseLendingTimeline(await get(`/lending/${d.chainId}/${protocol}/${m}/positions/${account}`));
    const later = async () => {
      await admin.publicClient.request({ method: "evm_increaseTime" as never, params: [3600] as never });
    };
    const setPrice = (symbol: string, usd: string) =>
      admin.send({
        address: d.assets.find((a) => a.symbol === symbol)!.feed,
        abi: devPriceFeedAbi,
        functionName: "setAnswer",
        args: [parseUnits(usd, 8)],
      });

    beforeAll(async () => {
      anvil = await startAnvil({ port: await freePort() });
      ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: dirs[1]!, lendingProtocols: true }));
      tokens = Object.fromEntries(d.assets.map((a) => [a.symbol, a.address]));
      market = d.morphoBlue!.markets.find((m) => m.name === "WETH/USDC")!;
      admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
      one = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
      two = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[2]!);
      keeper = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
      for (const [who, sym, amount] of [
        [one, "WETH", weth("20")],
        [two, "USDC", usdc("100000")],
        [keeper, "USDC", usdc("100000")],
      ] as const)
        await admin.send({ address: tokens[sym]!, abi: devErc20Abi, functionName: "mint", args: [who.account.address, amount] });
      for (const c of [one, two, keeper])
        for (const spender of [d.aaveV3!.pool, d.morphoBlue!.morpho])
          for (const sym of ["WETH", "USDC"])
            await c.send({ address: tokens[sym]!, abi: erc20Abi, functionName: "approve", args: [spender, maxUint256] });
      indexer = await startIndexer({
        port: await freePort(),
        chains: [{ chainId: d.chainId, rpcUrl: anvil.url }],
        deploymentsDir: dirs[1]!,
        dataDir: dirs[0]!,
        // Postgres: a database of this suite's own (Ponder's sync cache is per database: scripts/lib/indexer.ts).
        databaseUrl: databaseUrl ? await freshPostgresDatabase(databaseUrl, "keel_lending") : undefined,
        schema: `keel_lending_${process.pid}`,
      });
      await synced();
    }, 400_000);
    afterAll(async () => {
      await indexer?.stop();
      await anvil?.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it("puts every Aave flow and a liquidation on the account's timeline, with the pool's health after each", async () => {
      const pool = d.aaveV3!.pool;
      const me = one.account.address;
      await one.send({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [tokens.WETH!, weth("10"), me, 0] });
      await two.send({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [tokens.USDC!, usdc("50000"), two.account.address, 0] });
      await later();
      await one.send({ address: pool, abi: aavePoolAbi, functionName: "borrow", args: [tokens.USDC!, usdc("12000"), 2n, 0, me] });
      await later();
      await one.send({ address: pool, abi: aavePoolAbi, functionName: "repay", args: [tokens.USDC!, usdc("2000"), 2n, me] });
      await one.send({ address: pool, abi: aavePoolAbi, functionName: "withdraw", args: [tokens.WETH!, weth("1"), me] });
      await setPrice("WETH", "700");
      await keeper.send({
        address: pool,
        abi: aaveLiquidationAbi,
        functionName: "liquidationCall",
        args: [tokens.WETH!, tokens.USDC!, me, usdc("2000"), false],
      });
      await setPrice("WETH", "3000");
      await synced();

      const t = await timeline("aave-v3", pool, me);
      expect(t.events.map((e) => e.kind)).toEqual(["Supply", "Borrow", "Repay", "Withdraw", "LiquidationCall"]);
      expect(t.events.map((e) => e.amount)).toEqual([weth("10"), usdc("12000"), usdc("2000"), weth("1"), usdc("2000")]);
      const liq = t.events[4]!;
      expect(liq.seizedToken?.toLowerCase()).toBe(tokens.WETH!.toLowerCase());
      expect(liq.actor?.toLowerCase()).toBe(keeper.account.address.toLowerCase());
      for (const e of t.events) {
        const [collateral, debt, , , , health] = await admin.publicClient.readContract({
          address: pool,
          abi: aavePoolAbi,
          functionName: "getUserAccountData",
          args: [me],
          blockNumber: e.block,
        });
        expect([e.healthAfter, e.collateralAfter, e.debtAfter]).toEqual([health, collateral, debt]);
      }
      expect(t.position!.events).toBe(5);
    });

    it("puts every Morpho flow, accruals, a liquidation and bad debt on the timelines, with Morpho's own shares", async () => {
      const morpho = d.morphoBlue!.morpho;
      const params = {
        loanToken: market.loanToken,
        collateralToken: market.collateralToken,
        oracle: market.oracle,
        irm: market.irm,
        lltv: BigInt(market.lltv),
      };
      const me = one.account.address;
      const call = (c: Client, functionName: string, args: unknown[]) => c.send({ address: morpho, abi: morphoAbi(), functionName, args } as never);
      await call(two, "supply", [params, usdc("40000"), 0n, two.account.address, "0x"]);
      await call(one, "supplyCollateral", [params, weth("5"), me, "0x"]);
      await later();
      await call(one, "borrow", [params, usdc("4000"), 0n, me, me]);
      await later();
      await call(one, "repay", [params, usdc("500"), 0n, me, "0x"]);
      await call(one, "withdrawCollateral", [params, weth("0.5"), me, me]);
      await later();
      await call(two, "withdraw", [params, usdc("10000"), 0n, two.account.address, two.account.address]);
      await setPrice("WETH", "700");
      await call(keeper, "liquidate", [params, me, weth("1"), 0n, "0x"]);
      // everything left seized: the rest of the debt is bad debt
      const [, , left] = (await admin.publicClient.readContract({
        address: morpho,
        abi: morphoBlueAbi,
        functionName: "position",
        args: [market.id, me],
      })) as readonly [bigint, bigint, bigint];
      await call(keeper, "liquidate", [params, me, left, 0n, "0x"]);
      await setPrice("WETH", "3000");
      await synced();

      const t = await timeline("morpho-blue", market.id, me);
      expect(t.events.map((e) => e.kind)).toEqual(["SupplyCollateral", "Borrow", "Repay", "WithdrawCollateral", "Liquidate", "Liquidate"]);
      expect(t.events.slice(0, 4).map((e) => e.amount)).toEqual([weth("5"), usdc("4000"), usdc("500"), weth("0.5")]);
      expect(t.events[4]!.seized).toBe(weth("1"));
      expect(t.events[5]!.badDebt).toBeGreaterThan(0n);
      // each row's health factor is Morpho's at that block: position and market read back there, the oracle's price there
      for (const e of t.events) {
        const at = { blockNumber: e.block };
        const [, borrowShares, collateral] = (await admin.publicClient.readContract({
          address: morpho,
          abi: morphoBlueAbi,
          functionName: "position",
          args: [market.id, me],
          ...at,
        })) as readonly [bigint, bigint, bigint];
        const [, , totalBorrowAssets, totalBorrowShares] = (await admin.publicClient.readContract({
          address: morpho,
          abi: morphoBlueAbi,
          functionName: "market",
          args: [market.id],
          ...at,
        })) as readonly bigint[];
        const price = await admin.publicClient.readContract({ address: market.oracle, abi: morphoOracleAbi, functionName: "price", ...at });
        const debt = toAssetsUp(borrowShares, totalBorrowAssets!, totalBorrowShares!);
        expect([e.healthAfter, e.collateralAfter, e.debtAfter], e.kind).toEqual([
          healthOf(collateral, debt, price, BigInt(market.lltv)),
          collateral,
          debt,
        ]);
      }
      expect(t.events.map((e) => e.healthAfter !== null)).toEqual([false, true, true, true, true, false]);
      expect(t.events[4]!.healthAfter).toBeLessThan(10n ** 18n); // liquidated at 700
      const lender = await timeline("morpho-blue", market.id, two.account.address);
      expect(lender.events.map((e) => e.kind)).toEqual(["Supply", "Withdraw"]);
      // position rows equal Morpho's at the indexed head (no fee is set locally, so no shares move without an event)
      for (const [who, tl] of [
        [me, t],
        [two.account.address, lender],
      ] as const) {
        const [supplyShares, borrowShares, collateral] = (await admin.publicClient.readContract({
          address: morpho,
          abi: morphoBlueAbi,
          functionName: "position",
          args: [market.id, who],
        })) as readonly [bigint, bigint, bigint];
        expect([tl.position!.supplyShares, tl.position!.borrowShares, tl.position!.collateral]).toEqual([supplyShares, borrowShares, collateral]);
      }
      expect(t.position!.collateral).toBe(0n);
      expect(t.position!.borrowShares).toBe(0n);
    });

    it("has every Morpho market's totals equal to market(id), and Σ of every flow and accrual equal to the logs", async () => {
      const morpho = d.morphoBlue!.morpho;
      const logs = await admin.publicClient.getLogs({
        address: morpho,
        events: morphoEventsAbi,
        fromBlock: BigInt(d.deploymentBlock),
        toBlock: await head(),
      });
      const kinds = new Set(logs.map((l) => l.eventName));
      for (const k of [
        "CreateMarket",
        "Supply",
        "Withdraw",
        "Borrow",
        "Repay",
        "SupplyCollateral",
        "WithdrawCollateral",
        "Liquidate",
        "AccrueInterest",
      ])
        expect(kinds.has(k as never), k).toBe(true);
      for (const m of d.morphoBlue!.markets) {
        const { market: row, points } = parseLendingSeries(await get(`/lending/${d.chainId}/morpho-blue/${m.id}/series`));
        expect(row).not.toBeNull();
        const chain = (await admin.publicClient.readContract({
          address: morpho,
          abi: morphoBlueAbi,
          functionName: "market",
          args: [m.id],
          blockNumber: row!.block,
        })) as readonly bigint[];
        expect([row!.totalSupplyAssets, row!.totalSupplyShares, row!.totalBorrowAssets, row!.totalBorrowShares]).toEqual(chain.slice(0, 4));
        const mine = logs.filter((l) => (l.args as { id?: Hex }).id?.toLowerCase() === m.id.toLowerCase());
        const sum = (name: string, field: string) =>
          mine.filter((l) => l.eventName === name).reduce((s, l) => s + ((l.args as Record<string, bigint>)[field] ?? 0n), 0n);
        expect(row!.suppliedSum).toBe(sum("Supply", "assets"));
        expect(row!.withdrawnSum).toBe(sum("Withdraw", "assets"));
        expect(row!.borrowedSum).toBe(sum("Borrow", "assets"));
        expect(row!.repaidSum).toBe(sum("Repay", "assets"));
        expect(row!.collateralSuppliedSum).toBe(sum("SupplyCollateral", "assets"));
        expect(row!.collateralWithdrawnSum).toBe(sum("WithdrawCollateral", "assets"));
        expect(row!.liquidatedDebtSum).toBe(sum("Liquidate", "repaidAssets"));
        expect(row!.seizedSum).toBe(sum("Liquidate", "seizedAssets"));
        expect(row!.badDebtSum).toBe(sum("Liquidate", "badDebtAssets"));
        expect(row!.interestSum).toBe(sum("AccrueInterest", "interest"));
        // one series point per block with an event of the market, the last one the row's
        expect(points.length).toBe(new Set(mine.map((l) => l.blockNumber)).size);
        expect(points.at(-1)!.totalBorrowAssets).toBe(row!.totalBorrowAssets);
      }
    });

    it("has every Aave reserve's supplies and indices equal to the chain's at its block, and Σ of every flow equal to the logs", async () => {
      const pool = d.aaveV3!.pool;
      const logs = await admin.publicClient.getLogs({
        address: pool,
        events: aavePoolEventsAbi,
        fromBlock: BigInt(d.deploymentBlock),
        toBlock: await head(),
      });
      const reserves = [...new Set(logs.filter((l) => l.eventName === "ReserveDataUpdated").map((l) => (l.args as { reserve: Address }).reserve))];
      expect(reserves.length).toBeGreaterThan(1);
      for (const reserve of reserves) {
        const { market: row, points } = parseLendingSeries(await get(`/lending/${d.chainId}/aave-v3/${reserve}/series`));
        const at = { blockNumber: row!.block };
        const data = await admin.publicClient.readContract({
          address: pool,
          abi: aaveReserveDataAbi,
          functionName: "getReserveData",
          args: [reserve],
          ...at,
        });
        const supply = (address: Address) => admin.publicClient.readContract({ address, abi: erc20Abi, functionName: "totalSupply", ...at });
        expect(row!.totalSupplyAssets).toBe(await supply(data.aTokenAddress));
        expect(row!.totalBorrowAssets).toBe(await supply(data.variableDebtTokenAddress));
        expect([row!.liquidityIndex, row!.borrowIndex, row!.supplyRate, row!.borrowRate]).toEqual([
          data.liquidityIndex,
          data.variableBorrowIndex,
          data.currentLiquidityRate,
          data.currentVariableBorrowRate,
        ]);
        const of = (name: string) => logs.filter((l) => l.eventName === name) as unknown as { args: Record<string, bigint | Address> }[];
        const sum = (name: string, key: string, field: string) =>
          of(name)
            .filter((l) => (l.args[key] as Address).toLowerCase() === reserve.toLowerCase())
            .reduce((s, l) => s + (l.args[field] as bigint), 0n);
        expect(row!.suppliedSum).toBe(sum("Supply", "reserve", "amount"));
        expect(row!.withdrawnSum).toBe(sum("Withdraw", "reserve", "amount"));
        expect(row!.borrowedSum).toBe(sum("Borrow", "reserve", "amount"));
        expect(row!.repaidSum).toBe(sum("Repay", "reserve", "amount"));
        expect(row!.liquidatedDebtSum).toBe(sum("LiquidationCall", "debtAsset", "debtToCover"));
        expect(row!.seizedSum).toBe(sum("LiquidationCall", "collateralAsset", "liquidatedCollateralAmount"));
        expect(points.length).toBeGreaterThan(0);
      }
      // every account event of the pool is on its account's timeline, once, with its amount
      const accountOf = (l: (typeof logs)[number]) => {
        const a = l.args as { onBehalfOf?: Address; user?: Address };
        return l.eventName === "Supply" || l.eventName === "Borrow" ? a.onBehalfOf! : a.user!;
      };
      const flows = logs.filter((l) => l.eventName !== "ReserveDataUpdated");
      const seen = new Map<string, LendingTimeline["events"][number]>();
      for (const account of new Set(flows.map(accountOf)))
        for (const e of (await timeline("aave-v3", pool, account)).events) seen.set(`${e.txHash}:${e.logIndex}`, e);
      expect(seen.size).toBe(flows.length);
      for (const l of flows) {
        const e = seen.get(`${l.transactionHash}:${l.logIndex}`);
        expect(e?.kind).toBe(l.eventName);
        const a = l.args as { amount?: bigint; debtToCover?: bigint };
        expect(e?.amount).toBe(a.amount ?? a.debtToCover);
      }
    });

    it("gives /risk the same accounts as the RPC log scan", async () => {
      const to = await head();
      for (const target of [{ protocol: "aave-v3" as const }, { protocol: "morpho-blue" as const, marketId: market.id }]) {
        const m = target.protocol === "aave-v3" ? d.aaveV3!.pool : market.id;
        const { accounts } = (await get(`/lending/${d.chainId}/${target.protocol}/${m}/accounts`)) as { accounts: string[] };
        const rpc = await bookAccounts(admin.publicClient as never, d, target, BigInt(d.deploymentBlock), to);
        const set = (xs: string[]) => xs.map((a) => a.toLowerCase()).sort();
        expect(set(accounts)).toEqual(set(rpc.accounts));
        expect(accounts.length).toBeGreaterThan(1);
      }
    });

    it("reads /risk's book from the indexer's accounts, scanning only the blocks after its own: the same book as the whole scan", async () => {
      // the tests above moved the clock by hours: fresh rounds, or Keel's oracle refuses its stale feeds
      for (const feed of new Set(d.assets.map((a) => a.feed))) {
        const answer = await admin.publicClient.readContract({ address: feed, abi: devPriceFeedAbi, functionName: "latestAnswer" });
        await admin.send({ address: feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] });
      }
      for (const target of [{ protocol: "aave-v3" as const }, { protocol: "morpho-blue" as const, marketId: market.id }]) {
        const m = target.protocol === "aave-v3" ? d.aaveV3!.pool : market.id;
        const indexed = parseLendingAccounts(await get(`/lending/${d.chainId}/${target.protocol}/${m}/accounts`));
        expect(indexed.throughBlock).toBeGreaterThan(0n);
        // as if the indexer had stopped halfway: the accounts opened by then (from the logs), the rest scanned
        const blockNumber = await head();
        const half = (BigInt(d.deploymentBlock) + blockNumber) / 2n;
        const behind = {
          accounts: (await bookAccounts(admin.publicClient as never, d, target, BigInt(d.deploymentBlock), half)).accounts,
          throughBlock: half,
        };
        const whole = await readProtocolBook(admin.publicClient as never, d, target, BigInt(d.deploymentBlock), { blockNumber });
        for (const known of [indexed, behind]) {
          const book = await readProtocolBook(admin.publicClient as never, d, target, BigInt(d.deploymentBlock), { blockNumber, indexed: known });
          expect(book.indexed).toEqual({ accounts: known.accounts.length, throughBlock: known.throughBlock });
          expect(book.paging.fromBlock).toBe(known.throughBlock + 1n);
          const rows = (b: typeof book) => b.book.owners.map((o, i) => `${o.toLowerCase()}:${b.book.healthFactor[i]}:${b.book.debt[i]}`).sort();
          expect(rows(book)).toEqual(rows(whole));
        }
      }
    });
  });
