/**
 * Fills a local chain with many vaults for the risk dashboard (and its e2e test and benchmark), and gives the dev
 * feeds a price history to measure volatility from.
 *
 *   tsx scripts/seed-risk.ts [--rpc http://127.0.0.1:8545] [--chain 31337] [--vaults 10000] [--history 168]
 *
 * Vaults: spread over the deployment's markets (¾ in the first), owned by 2,500 pseudo-random addresses (impersonated
 * on anvil once per market to make the seeder their operator: a vault is only handed to an owner that consents); collateral
 * value lognormal (median $8,000, σ 1.5 in log: from ~$100 to over $1M), one or two collaterals, borrowing from nothing
 * to 99.5 % of the borrow limit (health factors from LT/LTV ≈ 1.06 up). DevRiskSeeder (contracts/src/dev) creates 60
 * per transaction. Prices: `history` hourly rounds per feed before now (driftless GBM: WETH 65 %, WBTC 55 %, stablecoins
 * 2 % a year), ending at the current price, so the price itself is unchanged.
 *
 * Accounts: anvil #0 (the dev feeds' owner) writes the history; a dedicated seeding account, funded with
 * anvil_setBalance, mints and supplies each market's base asset and drives DevRiskSeeder. Both re-read their nonce if
 * another process uses the account meanwhile, so it runs safely next to `npm run dev`'s price simulator.
 */
import { seededRandom } from "../lib/analytics/random";
import { parseArgs } from "node:util";
import {
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  keccak256,
  parseUnits,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { devErc20Abi, devPriceFeedAbi, devRiskSeederAbi, keelLensAbi, keelMarketAbi } from "../contracts-abi";
import type { Deployment } from "../lib/config/deployment";
import type { LensMarket } from "../lib/read/vaults";
import { readDeployment } from "../lib/server/config";
import { ANVIL_KEYS } from "./lib/anvil";
import { bytecodeOf } from "./lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { wadToNumber } from "../lib/engine/math";

/** Annual volatility of the simulated history per symbol. */
const HISTORY_VOL: Record<string, number> = { WETH: 0.65, WBTC: 0.55 };
const volOf = (symbol: string) => HISTORY_VOL[symbol] ?? (symbol.startsWith("USD") ? 0.02 : 0.6);

const VAULTS_PER_TX = 60;
const OWNERS = 2_500;
/** Fixed fees: every transaction of the run is sent without a fee or gas estimate round trip. */
const FEES = { maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };

type Clients = ReturnType<typeof clientsFor>;

/**
 * Sends raw transactions from `c` back to back with its own nonce count (no estimate or fee round trips). When another
 * process uses the same account meanwhile (the dev stack's price simulator moves the feeds as anvil #0), the nonce is
 * re-read and the transaction sent again.
 */
function rawSender(c: Clients) {
  let nonce: number | null = null;
  return async (to: Address, data: Hex, gas: bigint): Promise<Hex> => {
    for (let attempt = 0; ; attempt++) {
      nonce ??= await c.publicClient.getTransactionCount({ address: c.account.address, blockTag: "pending" });
      try {
        const hash = await c.walletClient.sendTransaction({ to, data, gas, nonce, ...FEES });
        nonce++;
        return hash;
      } catch (e) {
        nonce = null;
        if (attempt >= 5 || !/nonce/i.test((e as Error).message)) throw e;
      }
    }
  };
}

/** The account that seeds vaults: its own key (funded with anvil_setBalance), so it never races anvil #0. */
async function seedingAccount(rpcUrl: string, chainId: number): Promise<Clients> {
  const c = clientsFor(rpcUrl, chainId, keccak256(toHex("keel-risk-seeder")));
  const test = createTestClient({ chain: c.chain, mode: "anvil", transport: http(rpcUrl) });
  await test.setBalance({ address: c.account.address, value: parseUnits("1000", 18) });
  return c;
}

/**
 * Has each of `owners` (keyless pseudo-random addresses, impersonated on anvil) make `seeder` its operator on `market`:
 * the market moves a vault only to an owner that consents, and trusting the sender as operator is that consent, so the
 * seeder's `transferVault` hands each vault over at once. `funded` tracks the owners already given gas money.
 */
async function consentToSeeder(c: Clients, rpcUrl: string, market: Address, seeder: Address, owners: Address[], funded: Set<Address>) {
  const test = createTestClient({ chain: c.chain, mode: "anvil", transport: http(rpcUrl) });
  const data = encodeFunctionData({ abi: keelMarketAbi, functionName: "setOperator", args: [seeder, true] });
  const CHUNK = 50;
  for (let i = 0; i < owners.length; i += CHUNK) {
    const hashes = await Promise.all(
      owners.slice(i, i + CHUNK).map(async (owner) => {
        if (!funded.has(owner)) {
          await test.setBalance({ address: owner, value: parseUnits("1", 18) });
          await test.impersonateAccount({ address: owner });
          funded.add(owner);
        }
        const wallet = createWalletClient({ account: owner, chain: c.chain, transport: http(rpcUrl) });
        return wallet.sendTransaction({ to: market, data, gas: 100_000n, ...FEES });
      }),
    );
    for (const hash of hashes) {
      const r = await c.publicClient.waitForTransactionReceipt({ hash });
      if (r.status !== "success") throw new Error(`setOperator for the seeder reverted (${hash})`);
    }
  }
}

export interface SeedRiskOptions {
  rpcUrl: string;
  deployment: Deployment;
  vaults: number;
  /** Share of the vaults per market, in deployment order (default: ¾ in the first, the rest split evenly). */
  marketShares?: number[];
  /** Hourly rounds of price history per feed (0: none). */
  historyHours?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** Owner `i` of the pool: a deterministic address nobody holds the key to. */
const ownerCache: Address[] = [];
const ownerAt = (i: number): Address => ownerCache[i] ?? (ownerCache[i] = getAddress(`0x${keccak256(toHex(`keel-risk-owner-${i}`)).slice(26)}`));

/** Writes `hours` hourly rounds to every dev feed, ending at its current answer, then the current answer again now. */
export async function writePriceHistory(opts: { rpcUrl: string; deployment: Deployment; hours: number; seed?: number }) {
  const c = clientsFor(opts.rpcUrl, opts.deployment.chainId, ANVIL_KEYS[0]!);
  const { normal } = seededRandom((opts.seed ?? 1) * 7919);
  const now = Number((await c.publicClient.getBlock()).timestamp);
  const send = rawSender(c);
  const hashes: Hex[] = [];
  for (const asset of opts.deployment.assets) {
    const [, answer] = await c.publicClient.readContract({ address: asset.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
    const sigma = volOf(asset.symbol) * Math.sqrt(3600 / 31_536_000);
    // Walk back from today's price: log-price steps of a driftless GBM, reversed.
    const logs = [0];
    for (let h = 1; h <= opts.hours; h++) logs.push(logs[h - 1]! - (-0.5 * sigma * sigma + sigma * normal()));
    for (let h = opts.hours; h >= 1; h--) {
      const price = BigInt(Math.round(Number(answer) * Math.exp(logs[h]!)));
      hashes.push(
        await send(
          asset.feed,
          encodeFunctionData({ abi: devPriceFeedAbi, functionName: "setAnswerAt", args: [price, BigInt(now - h * 3600)] }),
          120_000n,
        ),
      );
    }
    hashes.push(await send(asset.feed, encodeFunctionData({ abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] }), 120_000n));
  }
  const last = await c.publicClient.waitForTransactionReceipt({ hash: hashes[hashes.length - 1]! });
  if (last.status !== "success") throw new Error("writing the price history failed");
  return hashes.length;
}

/**
 * Creates `vaults` vaults across the deployment's markets (see the file comment) and supplies each market enough of
 * its base asset to lend them. Returns the vault ids created per market.
 */
/** One vault of a seeding plan: its owner, the amount of each of the market's collaterals (market order), its borrow. */
export interface PlannedVault {
  owner: Address;
  amounts: bigint[];
  borrow: bigint;
}

/**
 * `count` vaults for `view` with the seeding distribution (see the file's header): value lognormal (median $8,000),
 * one or two collaterals, 0–99.5 % of the borrow limit in use. Also what `npm run bench:risk` synthesises at 100,000.
 */
export function planRiskVaults(
  view: Pick<LensMarket, "collaterals" | "baseFeed" | "baseDecimals">,
  count: number,
  { uniform, normal }: ReturnType<typeof seededRandom>,
): PlannedVault[] {
  const cols = view.collaterals;
  const basePrice = wadToNumber(view.baseFeed.price);
  const plan: PlannedVault[] = [];
  for (let i = 0; i < count; i++) {
    const usd = Math.min(2e6, Math.max(50, 8_000 * Math.exp(1.5 * normal())));
    // One collateral (the first more often) or two, split at random.
    const pick = uniform();
    const weights = cols.map(() => 0);
    if (cols.length === 1 || pick < 0.55) weights[0] = 1;
    else if (pick < 0.8) weights[1] = 1;
    else {
      const s = 0.2 + 0.6 * uniform();
      weights[0] = s;
      weights[1] = 1 - s;
    }
    let limit = 0;
    const amounts = cols.map((col, j) => {
      const price = wadToNumber(col.feed.price);
      const units = (usd * weights[j]!) / price;
      if (units === 0) return 0n;
      const amount = parseUnits(units.toFixed(Math.min(col.info.decimals, 12)), col.info.decimals);
      limit += (Number(amount) / 10 ** col.info.decimals) * price * wadToNumber(col.info.ltv);
      return amount;
    });
    // Borrow limit in use: 10 % none; 30 % 10–60 %; 40 % 60–90 %; 20 % 90–99.5 %.
    const u = uniform();
    const used = u < 0.1 ? 0 : u < 0.4 ? 0.1 + 0.5 * uniform() : u < 0.8 ? 0.6 + 0.3 * uniform() : 0.9 + 0.095 * uniform();
    const borrow = used === 0 ? 0n : parseUnits(((limit * used) / basePrice).toFixed(Math.min(view.baseDecimals, 12)), view.baseDecimals);
    plan.push({ owner: ownerAt(Math.floor(uniform() * OWNERS)), amounts, borrow });
  }
  return plan;
}

export async function seedRiskVaults(opts: SeedRiskOptions): Promise<{ market: Address; firstId: number; count: number }[]> {
  const log = opts.log ?? (() => {});
  const d = opts.deployment;
  const c = await seedingAccount(opts.rpcUrl, d.chainId);
  const { uniform, normal } = seededRandom(opts.seed ?? 1);
  if (opts.historyHours) {
    const n = await writePriceHistory({ rpcUrl: opts.rpcUrl, deployment: d, hours: opts.historyHours, seed: opts.seed });
    log(`price history: ${n} rounds`);
  }
  const lens = d.contracts.lens;
  if (!lens) throw new Error("the deployment has no lens");
  const seeder = await c.deploy(devRiskSeederAbi, bytecodeOf("DevRiskSeeder"));
  const views = await c.publicClient.readContract({
    address: lens,
    abi: keelLensAbi,
    functionName: "getMarkets",
    args: [d.markets.map((m) => m.address)],
  });
  const shares = opts.marketShares ?? d.markets.map((_, i) => (d.markets.length === 1 ? 1 : i === 0 ? 0.75 : 0.25 / (d.markets.length - 1)));
  const out: { market: Address; firstId: number; count: number }[] = [];
  const funded = new Set<Address>();

  for (const [mi, view] of views.entries()) {
    const count = Math.round(opts.vaults * (shares[mi] ?? 0));
    if (count <= 0) continue;
    const assets = view.collaterals.map((x) => x.info.asset);
    const plan = planRiskVaults(view, count, { uniform, normal });
    const totalBorrow = plan.reduce((a, p) => a + p.borrow, 0n);

    // Enough cash to lend it all (utilisation ~75 %): the seeding account mints the base asset and supplies it to the
    // market's ledger.
    const supply = (totalBorrow * 4n) / 3n + 1n;
    await c.send({ address: view.baseAsset, abi: devErc20Abi, functionName: "mint", args: [c.account.address, supply] });
    await c.send({ address: view.baseAsset, abi: devErc20Abi, functionName: "approve", args: [view.market, supply] });
    await c.send({ address: view.market, abi: keelMarketAbi, functionName: "supply", args: [supply, 0n, c.account.address] });

    await consentToSeeder(c, opts.rpcUrl, view.market, seeder, [...new Set(plan.map((p) => p.owner))], funded);
    const send = rawSender(c);
    const firstId = Number(view.vaultCount) + 1;
    const hashes: Hex[] = [];
    for (let o = 0; o < plan.length; o += VAULTS_PER_TX) {
      hashes.push(
        await send(
          seeder,
          encodeFunctionData({ abi: devRiskSeederAbi, functionName: "seed", args: [view.market, assets, plan.slice(o, o + VAULTS_PER_TX)] }),
          29_000_000n,
        ),
      );
    }
    for (const hash of hashes) {
      const r = await c.publicClient.waitForTransactionReceipt({ hash });
      if (r.status !== "success") throw new Error(`seeding ${d.markets[mi]!.name} reverted (${hash})`);
    }
    log(`${d.markets[mi]!.name}: vaults #${firstId}–#${firstId + count - 1} in ${hashes.length} transactions`);
    out.push({ market: view.market, firstId, count });
  }
  return out;
}

// CLI
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
      chain: { type: "string", default: "31337" },
      vaults: { type: "string", default: "10000" },
      history: { type: "string", default: "168" },
      seed: { type: "string", default: "1" },
    },
  });
  const started = Date.now();
  seedRiskVaults({
    rpcUrl: values.rpc!,
    deployment: readDeployment(Number(values.chain)),
    vaults: Number(values.vaults),
    historyHours: Number(values.history),
    seed: Number(values.seed),
    log: console.log,
  })
    .then(() => console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`))
    .catch((e: Error) => {
      console.error(`seeding failed: ${e.message}`);
      process.exit(1);
    });
}
