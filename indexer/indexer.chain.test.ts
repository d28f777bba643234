import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { maxUint256, parseUnits, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi, devPriceFeedAbi, keelGuardAbi, keelLenderVaultAbi, keelLensAbi, keelMarketAbi } from "@/contracts-abi";
import { parseVaultTimeline, positionResult, type IndexedLiquidation } from "@/lib/read/indexer";
import { loadRiskBook, riskBookOfColumns } from "@/lib/analytics/risk-book";
import { decodeBook, gunzip, readBook, type CompactBook } from "@/lib/analytics/risk-book-codec";
import type { Deployment } from "@/lib/config/deployment";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { freshPostgresDatabase, startIndexer, type Indexer } from "@/scripts/lib/indexer";

/**
 * The indexer (Ponder, indexer/) against anvil, on embedded PGlite and — when `KEEL_TEST_DATABASE_URL` names a Postgres
 * server (scripts/test.sh starts a throwaway one) — on Postgres: every event kind the handlers follow is indexed with
 * the chain's amounts; each market's totals equal the chain's; a reorg past indexed blocks is rolled back and the new
 * branch indexed; a restart resumes from where it stopped without losing or doubling a row.
 */
const backends: { name: string; databaseUrl?: string }[] = [{ name: "PGlite" }];
if (process.env.KEEL_TEST_DATABASE_URL) backends.push({ name: "Postgres", databaseUrl: process.env.KEEL_TEST_DATABASE_URL });

const usdcUnits = (x: string) => parseUnits(x, 6);
const wethUnits = (x: string) => parseUnits(x, 18);
const price8 = (x: string) => parseUnits(x, 8);

for (const { name, databaseUrl } of backends)
  describe(`the indexer on ${name}`, { timeout: 180_000 }, () => {
    let anvil: Anvil;
    let d: Deployment;
    let indexer: Indexer;
    let port: number;
    let market: Address;
    let lenderVault: Address;
    let weth: Deployment["assets"][number];
    let usdc: Deployment["assets"][number];
    let admin: ReturnType<typeof clientsFor>;
    let alice: ReturnType<typeof clientsFor>;
    let bob: ReturnType<typeof clientsFor>;
    let lender: ReturnType<typeof clientsFor>;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "keel-indexer-data-"));
    const schema = `keel_test_${process.pid}`;
    const outDir = mkdtempSync(path.join(os.tmpdir(), "keel-indexer-"));

    /** Postgres: a database of this suite's own (Ponder's sync cache is per database: scripts/lib/indexer.ts). */
    let dbUrl: string | undefined;
    const start = async () => {
      indexer = await startIndexer({
        port,
        chains: [{ chainId: d.chainId, rpcUrl: anvil.url }],
        deploymentsDir: outDir,
        dataDir,
        databaseUrl: dbUrl,
        schema,
      });
    };
    const head = () => admin.publicClient.getBlockNumber({ cacheTime: 0 });
    const synced = async () => indexer.waitFor({ [d.chainId]: await head() }, 90_000);
    const get = async <T>(p: string): Promise<T> => {
      const res = await fetch(`${indexer.url}${p}`);
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const timeline = async (id: bigint) => parseVaultTimeline(await get(`/vaults/${d.chainId}/${market}/${id}`));

    /** `c` opens a vault with `wethAmount` WETH and borrows `usdcAmount`. */
    async function openVault(c: ReturnType<typeof clientsFor>, wethAmount: string, usdcAmount: string) {
      const id = (await c.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
      await c.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
      await c.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, wethUnits(wethAmount)] });
      await c.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, usdcUnits(usdcAmount), c.account.address] });
      return id;
    }
    const setEth = (usd: string) => admin.send({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [price8(usd)] });

    beforeAll(async () => {
      dbUrl = databaseUrl ? await freshPostgresDatabase(databaseUrl, "keel_indexer") : undefined;
      anvil = await startAnvil({ port: await freePort() });
      ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir }));
      ({ address: market, lenderVault } = d.markets.find((m) => m.name === "Keel USDC")!);
      weth = d.assets.find((a) => a.symbol === "WETH")!;
      usdc = d.assets.find((a) => a.symbol === "USDC")!;
      admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
      alice = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
      bob = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
      lender = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[4]!);
      for (const c of [alice, bob, lender]) {
        await c.send({ address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
        await c.send({ address: usdc.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
      }
      await lender.send({ address: usdc.address, abi: devErc20Abi, functionName: "approve", args: [lenderVault, maxUint256] });
      port = await freePort();
      await start();
      await synced();
    }, 240_000);
    afterAll(async () => {
      await indexer?.stop();
      await anvil?.stop();
    });

    it(`indexes every vault action with the chain's amounts and the lens's health before → after (${name})`, async () => {
      const id = await openVault(alice, "10", "12000");
      await alice.send({ address: market, abi: keelMarketAbi, functionName: "repay", args: [id, usdcUnits("2000")] });
      await alice.send({
        address: market,
        abi: keelMarketAbi,
        functionName: "withdrawCollateral",
        args: [id, weth.address, wethUnits("1"), alice.account.address],
      });
      await alice.send({ address: market, abi: keelMarketAbi, functionName: "transferVault", args: [id, bob.account.address] });
      await bob.send({ address: market, abi: keelMarketAbi, functionName: "acceptVault", args: [id] });
      await synced();
      const t = await timeline(id);
      expect(t.events.map((e) => e.kind)).toEqual([
        "VaultOpened",
        "CollateralDeposited",
        "Borrowed",
        "Repaid",
        "CollateralWithdrawn",
        "VaultTransferred",
      ]);
      const [, dep, bor, rep, wd] = t.events;
      expect(dep!.amount).toBe(wethUnits("10"));
      expect(dep!.price).toBe(wethUnits("3000")); // the lens's WAD price at that block
      expect(bor!.baseAmount).toBe(usdcUnits("12000"));
      expect(rep!.baseAmount).toBe(usdcUnits("2000"));
      expect(wd!.amount).toBe(wethUnits("1"));
      // health after each event is the lens's at the end of its block; before, at the end of the block before
      for (const [i, e] of t.events.entries()) {
        const v = await admin.publicClient.readContract({
          address: d.contracts.lens!,
          abi: keelLensAbi,
          functionName: "getVault",
          args: [market, id],
          blockNumber: e.block,
        });
        expect(e.healthAfter).toBe(v.healthFactor);
        expect(e.debtAfter).toBe(v.debt);
        expect(e.collateralValueAfter).toBe(v.collateralValue);
        if (i > 0) {
          const prev = await admin.publicClient.readContract({
            address: d.contracts.lens!,
            abi: keelLensAbi,
            functionName: "getVault",
            args: [market, id],
            blockNumber: e.block - 1n,
          });
          expect(e.healthBefore).toBe(prev.healthFactor);
          expect(e.debtBefore).toBe(prev.debt);
        }
      }
      expect(t.vault!.owner.toLowerCase()).toBe(bob.account.address.toLowerCase());
      const r = positionResult(t.vault!);
      // interest charged = repaid + owed now − borrowed, ≥ 0 and tiny over a few blocks
      expect(r.interestPaid).toBe(t.vault!.repaid + t.vault!.debt - t.vault!.borrowed);
      expect(r.interestPaid).toBeLessThan(usdcUnits("1"));
    });

    it("indexes lenders' flows (lender vault and ledger), feed rounds, guard rules and executions, liquidations and bad debt", async () => {
      const me = lender.account.address;
      // Through the lender vault (ERC-4626): deposit, withdraw by assets, redeem by shares; and straight on the ledger.
      await lender.send({ address: lenderVault, abi: keelLenderVaultAbi, functionName: "deposit", args: [usdcUnits("50000"), me] });
      await lender.send({ address: lenderVault, abi: keelLenderVaultAbi, functionName: "withdraw", args: [usdcUnits("20000"), me, me] });
      await lender.send({ address: lenderVault, abi: keelLenderVaultAbi, functionName: "redeem", args: [10n ** 12n, me, me] });
      await lender.send({ address: market, abi: keelMarketAbi, functionName: "supply", args: [usdcUnits("1000"), 0n, me] });
      await lender.send({ address: market, abi: keelMarketAbi, functionName: "withdraw", args: [0n, 10n ** 11n, me, me] });

      // A protected vault: Bob lets the guard act, sets a deleverage rule, pauses and resumes it, and a stop-loss he removes.
      const guard = d.contracts.guard!;
      const protectedId = await openVault(bob, "10", "20000"); // HF 1.275 at $3,000
      await bob.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [guard, true] });
      await bob.send({
        address: guard,
        abi: keelGuardAbi,
        functionName: "setRule",
        args: [market, protectedId, 0, weth.address, wethUnits("1.15"), wethUnits("1.4"), 300n, 50n],
      });
      await bob.send({ address: guard, abi: keelGuardAbi, functionName: "setPaused", args: [market, protectedId, 0, true] });
      await bob.send({ address: guard, abi: keelGuardAbi, functionName: "setPaused", args: [market, protectedId, 0, false] });
      await bob.send({
        address: guard,
        abi: keelGuardAbi,
        functionName: "setRule",
        args: [market, protectedId, 1, weth.address, wethUnits("1000"), 0n, 300n, 50n],
      });
      await bob.send({ address: guard, abi: keelGuardAbi, functionName: "removeRule", args: [market, protectedId, 1] });
      // Two vaults to liquidate: one partly (HF ≈ 0.98), one too deep (everything seized, the rest written off).
      const partial = await openVault(alice, "10", "22000");
      const deep = await openVault(alice, "10", "23500");
      await setEth("2650"); // protected vault's HF ≈ 1.13 < 1.15
      await admin.send({ address: guard, abi: keelGuardAbi, functionName: "execute", args: [market, protectedId, 0, 50n] });
      await setEth("2550");
      await bob.send({ address: market, abi: keelMarketAbi, functionName: "liquidate", args: [partial, weth.address, usdcUnits("22000"), 0n] });
      await setEth("1800");
      await bob.send({ address: market, abi: keelMarketAbi, functionName: "liquidate", args: [deep, weth.address, usdcUnits("23500"), 0n] });
      await setEth("3000");
      await synced();

      // The market's sums are its ledger's events, every lender vault flow included.
      const fromBlock = BigInt(d.deploymentBlock);
      const ledger = (eventName: "Supplied" | "Withdrawn") =>
        admin.publicClient.getContractEvents({ address: market, abi: keelMarketAbi, eventName, fromBlock });
      const [supplied, withdrawn] = await Promise.all([ledger("Supplied"), ledger("Withdrawn")]);
      const [m] = (await get<{ markets: Record<string, string>[] }>("/markets")).markets.filter(
        (x) => x.address!.toLowerCase() === market.toLowerCase(),
      );
      expect(BigInt(m!.lenderDepositSum!)).toBe(supplied.reduce((a, e) => a + e.args.assets!, 0n));
      expect(BigInt(m!.lenderWithdrawSum!)).toBe(withdrawn.reduce((a, e) => a + e.args.assets!, 0n));
      // One row per lender's flow: the vault's Deposit / Withdraw under the share owner, a direct ledger flow under onBehalf.
      const vaultEvent = (eventName: "Deposit" | "Withdraw") =>
        admin.publicClient.getContractEvents({ address: lenderVault, abi: keelLenderVaultAbi, eventName, fromBlock });
      const [deposits, withdrawals] = await Promise.all([vaultEvent("Deposit"), vaultEvent("Withdraw")]);
      const row = (kind: string, owner: string, assets: bigint | undefined, shares: bigint | undefined) =>
        `${kind}:${owner.toLowerCase()}:${String(assets)}:${String(shares)}`;
      const expected = [
        ...deposits.map((e) => row("Deposit", e.args.owner!, e.args.assets, e.args.shares)),
        ...withdrawals.map((e) => row("Withdraw", e.args.owner!, e.args.assets, e.args.shares)),
        ...supplied.filter((e) => e.args.onBehalf !== lenderVault).map((e) => row("Supplied", e.args.onBehalf!, e.args.assets, e.args.shares)),
        ...withdrawn.filter((e) => e.args.onBehalf !== lenderVault).map((e) => row("Withdrawn", e.args.onBehalf!, e.args.assets, e.args.shares)),
      ];
      const rows = (await get<{ lenders: Record<string, string>[] }>(`/lenders/${d.chainId}/${market}`)).lenders;
      expect(rows.map((r) => row(r.kind!, r.owner!, BigInt(r.assets!), BigInt(r.shares!))).sort()).toEqual(expected.sort());
      expect(rows.filter((r) => r.kind === "Supplied" || r.kind === "Withdrawn").map((r) => r.owner)).toEqual([me.toLowerCase(), me.toLowerCase()]);
      expect(rows.filter((r) => r.lenderVault).every((r) => r.lenderVault === lenderVault.toLowerCase())).toBe(true);

      const rules = (await get<{ rules: Record<string, unknown>[] }>(`/rules/${d.chainId}/${market}/${protectedId}`)).rules;
      expect(rules.find((r) => r.kind === 0)).toMatchObject({ paused: false, removed: false, executions: 1 });
      expect(rules.find((r) => r.kind === 1)).toMatchObject({ removed: true });
      const prot = await timeline(protectedId);
      const exec = prot.events.find((e) => e.kind === "RuleExecuted:Deleverage")!;
      expect(exec).toBeDefined();
      expect(exec.healthAfter).toBeGreaterThan(exec.healthBefore!);

      const liq = (
        await get<{ liquidations: (Record<string, string> & Pick<IndexedLiquidation, "vaultId">)[] }>(
          `/liquidations?chainId=${d.chainId}&market=${market}`,
        )
      ).liquidations;
      const chainLiq = await admin.publicClient.getContractEvents({
        address: market,
        abi: keelMarketAbi,
        eventName: "Liquidated",
        fromBlock: BigInt(d.deploymentBlock),
      });
      expect(liq.map((l) => `${l.vaultId}:${l.repaid}:${l.seized}`).sort()).toEqual(
        chainLiq.map((e) => `${e.args.id}:${e.args.repaid}:${e.args.seized}`).sort(),
      );
      const deepTimeline = await timeline(deep);
      // the market writes the remaining debt off inside liquidate, before it emits Liquidated: the timeline keeps chain order
      expect(deepTimeline.events.map((e) => e.kind).slice(-2)).toEqual(["BadDebt", "Liquidated"]);
      expect(deepTimeline.vault!.debt).toBe(0n);

      const rounds = (await get<{ rounds: { answer: string }[] }>(`/prices/${d.chainId}/${weth.feed}`)).rounds;
      const chainRounds = await admin.publicClient.getContractEvents({
        address: weth.feed,
        abi: devPriceFeedAbi,
        eventName: "AnswerUpdated",
        fromBlock: BigInt(d.deploymentBlock),
      });
      expect(rounds.map((r) => r.answer)).toEqual(chainRounds.map((e) => e.args.current!.toString()));
    });

    it("has each market's totals equal to the chain's", async () => {
      await synced();
      const markets = (await get<{ markets: Record<string, string>[] }>("/markets")).markets;
      for (const dm of d.markets) {
        const row = markets.find((x) => x.address!.toLowerCase() === dm.address.toLowerCase())!;
        const block = BigInt(row.block!);
        const [v] = await admin.publicClient.readContract({
          address: d.contracts.lens!,
          abi: keelLensAbi,
          functionName: "getMarkets",
          args: [[dm.address]],
          blockNumber: block,
        });
        expect({
          supplied: row.totalSupplied,
          borrows: row.totalBorrows,
          reserves: row.totalReserves,
          badDebt: row.totalBadDebt,
          vaults: row.vaultCount,
        }).toEqual({
          supplied: v!.totalSupplyAssets.toString(),
          borrows: v!.totalBorrows.toString(),
          reserves: v!.totalReserves.toString(),
          badDebt: v!.totalBadDebt.toString(),
          vaults: v!.vaultCount.toString(),
        });
        // and the same totals from the events alone: borrows = Σ borrowed + Σ interest − Σ repaid − Σ liquidated − Σ bad debt
        expect(
          BigInt(row.borrowedSum!) + BigInt(row.interestSum!) - BigInt(row.repaidSum!) - BigInt(row.liquidatedSum!) - BigInt(row.badDebtSum!),
        ).toBe(v!.totalBorrows);
        expect(BigInt(row.badDebtSum!)).toBe(v!.totalBadDebt);
      }
    });

    /** The indexer's `/book` of market `address`, decoded, and how it was served (`x-keel-book-from`). */
    const book = async (address: `0x${string}`) => {
      const res = await fetch(`${indexer.url}/book/${d.chainId}/${address}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.keel.book+gzip");
      const raw = await gunzip(await res.arrayBuffer());
      return { compact: decodeBook(raw), raw, from: res.headers.get("x-keel-book-from") };
    };
    /** `compact` vault by vault equal to the chain's book of the market at the book's block. */
    const expectChainsBook = async (address: `0x${string}`, name: string, { compact, raw }: { compact: CompactBook; raw: Uint8Array }) => {
      expect(compact.block).toBeGreaterThan(0n);
      // The chain at that block, through the lens's pages (the RPC path /risk falls back to).
      const at = { readContract: ((args: object) => admin.publicClient.readContract({ ...args, blockNumber: compact.block } as never)) as never };
      const lens = await loadRiskBook(at, d.contracts.lens!, address);
      expect(compact.n).toBe(Number(lens.market.vaultCount));
      const fromIndexer = riskBookOfColumns(lens.market, readBook(raw));
      expect([...fromIndexer.ids]).toEqual([...lens.book.ids]);
      expect(fromIndexer.owners.map((o) => o.toLowerCase())).toEqual(lens.book.owners.map((o) => o.toLowerCase()));
      expect(fromIndexer.debt).toEqual(lens.book.debt);
      expect(fromIndexer.totals).toEqual(lens.book.totals);
      // Σ debt of the book: the market's borrows (each vault's debt rounds up, so the sum is at most one unit a vault above).
      const debt = fromIndexer.debt.reduce((a, b) => a + b, 0n);
      expect(debt >= lens.market.totalBorrows && debt <= lens.market.totalBorrows + BigInt(compact.n)).toBe(true);
      // Σ of every collateral column: what the market holds for it.
      for (const [j, c] of lens.market.collaterals.entries()) {
        let sum = 0n;
        for (let i = 0; i < compact.n; i++)
          sum += compact.amounts[i * compact.assets.length + compact.assets.findIndex((a) => a === c.info.asset)] ?? 0n;
        if (!compact.assets.includes(c.info.asset)) sum = 0n;
        expect(c.heldOk).toBe(true);
        expect(sum, `${name} column ${j}`).toBe(c.held); // nothing was sent to the markets directly here
      }
    };

    it("serves each market's whole book in the compact form, vault by vault equal to the chain's at the indexed block", async () => {
      await synced();
      for (const dm of d.markets) await expectChainsBook(dm.address, dm.name, await book(dm.address));
      expect((await fetch(`${indexer.url}/book/${d.chainId}/not-an-address`)).status).toBe(400);
    });

    it("rolls back a reorg past indexed blocks and indexes the new branch", async () => {
      await synced();
      const kept = await book(market);
      // A vault of alice's that the orphaned branch changes (a deposit): the reorg must give it back its state before.
      const x = kept.compact.ownerIndex.findIndex((o) => kept.compact.owners[o] === alice.account.address.toLowerCase());
      const changed = BigInt(kept.compact.ids[x]!);
      const snapshot = (await admin.publicClient.request({ method: "evm_snapshot" as never })) as string;
      const orphan = await openVault(alice, "1", "100");
      await alice.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [changed, weth.address, wethUnits("3")] });
      await synced();
      expect((await timeline(orphan)).events.length).toBe(3);
      // The book, patched with the orphaned branch's vaults (the cache now holds them).
      const onOrphan = await book(market);
      expect(onOrphan.from).toBe("patched");
      expect(onOrphan.compact.n).toBe(kept.compact.n + 1);
      await expectChainsBook(market, "Keel USDC (orphaned branch)", onOrphan);
      const orphanHead = await head();
      await admin.publicClient.request({ method: "evm_revert" as never, params: [snapshot] as never });
      // The new branch: a different vault at the same id, with more blocks than the orphaned one.
      await bob.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
      await admin.publicClient.request({ method: "anvil_mine" as never, params: ["0x5"] as never });
      expect(await head()).toBeGreaterThan(orphanHead);
      await synced();
      const t = await timeline(orphan);
      expect(t.events.map((e) => e.kind)).toEqual(["VaultOpened"]);
      expect(t.vault!.owner.toLowerCase()).toBe(bob.account.address.toLowerCase());
      // The book after the reorg, patched from the cache: the orphaned vault is bob's and empty, the deposit is gone.
      const after = await book(market);
      expect(after.from).toBe("patched");
      await expectChainsBook(market, "Keel USDC (after the reorg)", after);
      const y = [...after.compact.ids].indexOf(Number(changed));
      const amounts = (c: CompactBook, i: number) =>
        c.assets.map((a, j) => [a, c.amounts[i * c.assets.length + j]!] as const).filter(([, v]) => v > 0n);
      expect(amounts(after.compact, y)).toEqual(amounts(kept.compact, x));
    });

    it("resumes after a restart without losing or doubling a row", async () => {
      const before = await timeline(1n);
      await indexer.stop();
      // events while it is down
      const id = await openVault(alice, "2", "1000");
      await start();
      await synced();
      expect((await timeline(1n)).events.length).toBe(before.events.length);
      expect((await timeline(id)).events.map((e) => e.kind)).toEqual(["VaultOpened", "CollateralDeposited", "Borrowed"]);
    });
  });
