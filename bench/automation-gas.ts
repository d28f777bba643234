/**
 * `npm run bench:gas` (called by bench/leverage-gas.ts on its deployment): the gas of one `KeelAutomation.execute` of
 * each rule kind — auto-deleverage, stop-loss, take-profit, auto-boost, trailing stop — on each protocol (Aave v3 and
 * Morpho Blue through the real bytecode, a Keel vault), each on its own fresh position (10 WETH against 20,000 USDC at
 * $3,000), the ETH feed moved to the rule's condition and the Uniswap V2 pools traded back to the feed (the market
 * maker), executed at the rule's fee cap from an executor account. The receipt's gasUsed is the figure.
 */
import { encodeAbiParameters, erc20Abi, maxUint256, parseUnits, toHex, type Address, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import {
  devErc20Abi,
  devPriceFeedAbi,
  iGuardAavePoolAbi,
  iGuardCreditDelegationAbi,
  iGuardMorphoAbi,
  keelAutomationAbi,
  keelMarketAbi,
} from "../contracts-abi";
import { alignPools, findPools } from "../agents/amm-arbitrage";
import { feedOwnerKey } from "../agents/market-simulator";
import type { Deployment } from "../lib/config/deployment";
import { AUTOMATION_KINDS, kindIndex, type AutomationKind, type AutomationProtocol } from "../lib/engine/automation";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { morphoBlueAbi } from "../lib/protocols/morpho-blue/abi";
import { clientsFor } from "../lib/server/clients";

const wad = (x: string) => parseUnits(x, 18);
const FEE_BPS = 50n;

/** Each kind's rule and the ETH prices (USD) that bring its condition about, in order (a trailing stop: up, then down). */
const SCENARIOS: Record<AutomationKind, { trigger: bigint; target: bigint; trailBps: bigint; prices: string[]; what: string }> = {
  // HF at $3,000: 30,000 × LT / 20,000 (Aave 0.83 → 1.25, Morpho 0.86 → 1.29, Keel 0.85 → 1.28).
  deleverage: { trigger: wad("1.15"), target: wad("1.4"), trailBps: 0n, prices: ["2650"], what: "HF 1.15 → 1.4, ETH to $2,650" },
  stopLoss: { trigger: wad("2700"), target: 0n, trailBps: 0n, prices: ["2650"], what: "close at $2,700, ETH to $2,650" },
  takeProfit: { trigger: wad("3300"), target: 0n, trailBps: 0n, prices: ["3400"], what: "close at $3,300, ETH to $3,400" },
  boost: { trigger: wad("1.5"), target: wad("1.3"), trailBps: 0n, prices: ["3700"], what: "HF above 1.5 → 1.3, ETH to $3,700" },
  trailingStop: {
    trigger: 0n,
    target: 0n,
    trailBps: 1000n,
    prices: ["3400", "3000"],
    what: "10 % under the high, ETH to $3,400 (high poked), then $3,000",
  },
};

const PROTOCOLS: { id: AutomationProtocol; name: string }[] = [
  { id: "aaveV3", name: "Aave v3" },
  { id: "morphoBlue", name: "Morpho Blue WETH/USDC" },
  { id: "keel", name: "Keel USDC vault" },
];

export interface RuleGas {
  protocol: AutomationProtocol;
  kind: AutomationKind;
  gasUsed: bigint;
}

/** Executes each rule kind once on each protocol; returns the gas of each execution. */
export async function measureRuleExecutions(rpcUrl: string, d: Deployment): Promise<RuleGas[]> {
  const a = d.automation;
  if (!a?.aaveV3 || !a.morphoBlue || !a.keel || !d.aaveV3 || !d.morphoBlue)
    throw new Error("the deployment has no automation on Aave, Morpho and Keel");
  const WETH = d.assets.find((x) => x.symbol === "WETH")!;
  const USDC = d.assets.find((x) => x.symbol === "USDC")!.address;
  const pools = await findPools(rpcUrl, d);
  const feedOwner = clientsFor(rpcUrl, d.chainId, feedOwnerKey(d));
  const ethPrice = async (usd: string) => {
    await feedOwner.send({ address: WETH.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(usd, 8)] });
    await alignPools({ rpcUrl, deployment: d, pools });
  };
  const account = async () => {
    const c = clientsFor(rpcUrl, d.chainId, generatePrivateKey());
    await c.publicClient.request({ method: "anvil_setBalance" as never, params: [c.account.address, toHex(10n ** 19n)] as never });
    return c;
  };
  const executor = await account();
  const mk = d.morphoBlue.markets.find((m) => m.name === "WETH/USDC")!;
  const params = { loanToken: mk.loanToken, collateralToken: mk.collateralToken, oracle: mk.oracle, irm: mk.irm, lltv: BigInt(mk.lltv) };
  const market = d.markets.find((m) => m.collaterals.includes(WETH.address) && m.baseAsset === USDC)!.address;
  const [col, debt] = [wad("10"), parseUnits("20000", 6)];

  /** A fresh position of 10 WETH against 20,000 USDC on `protocol`, the adapter authorised (both ways on Aave). */
  const open = async (protocol: AutomationProtocol): Promise<{ c: Awaited<ReturnType<typeof account>>; adapter: Address; position: Hex }> => {
    const c = await account();
    const me = c.account.address;
    await c.send({ address: WETH.address, abi: devErc20Abi, functionName: "mint", args: [me, col] });
    if (protocol === "aaveV3") {
      const pool = d.aaveV3!.pool;
      await c.send({ address: WETH.address, abi: devErc20Abi, functionName: "approve", args: [pool, col] });
      await c.send({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [WETH.address, col, me, 0] });
      await c.send({ address: pool, abi: aavePoolAbi, functionName: "borrow", args: [USDC, debt, 2n, 0, me] });
      const [w, u] = await Promise.all(
        [WETH.address, USDC].map((t) =>
          c.publicClient.readContract({ address: pool, abi: iGuardAavePoolAbi, functionName: "getReserveData", args: [t] }),
        ),
      );
      await c.send({ address: w!.aTokenAddress, abi: erc20Abi, functionName: "approve", args: [a.aaveV3!, maxUint256] });
      await c.send({
        address: u!.variableDebtTokenAddress,
        abi: iGuardCreditDelegationAbi,
        functionName: "approveDelegation",
        args: [a.aaveV3!, maxUint256],
      });
      const position = encodeAbiParameters([{ type: "address" }, { type: "address" }, { type: "address" }], [me, WETH.address, USDC]);
      return { c, adapter: a.aaveV3!, position };
    }
    if (protocol === "morphoBlue") {
      const morpho = d.morphoBlue!.morpho;
      await c.send({ address: WETH.address, abi: devErc20Abi, functionName: "approve", args: [morpho, col] });
      await c.send({ address: morpho, abi: morphoBlueAbi, functionName: "supplyCollateral", args: [params, col, me, "0x"] });
      await c.send({ address: morpho, abi: morphoBlueAbi, functionName: "borrow", args: [params, debt, 0n, me, me] });
      await c.send({ address: morpho, abi: iGuardMorphoAbi, functionName: "setAuthorization", args: [a.morphoBlue!, true] });
      const position = encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [me, mk.id as Hex]);
      return { c, adapter: a.morphoBlue!, position };
    }
    await c.send({ address: WETH.address, abi: devErc20Abi, functionName: "approve", args: [market, col] });
    const id = (await c.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    await c.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    await c.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, WETH.address, col] });
    await c.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, debt, me] });
    await c.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [a.keel!, true] });
    const position = encodeAbiParameters([{ type: "address" }, { type: "uint256" }, { type: "address" }], [market, id, WETH.address]);
    return { c, adapter: a.keel!, position };
  };

  const out: RuleGas[] = [];
  for (const kind of AUTOMATION_KINDS) {
    const s = SCENARIOS[kind];
    for (const { id: protocol } of PROTOCOLS) {
      await ethPrice("3000");
      const { c, adapter, position } = await open(protocol);
      const validUntil = (await c.publicClient.getBlock()).timestamp + 30n * 86_400n;
      await c.send({
        address: a.guard,
        abi: keelAutomationAbi,
        functionName: "setRule",
        args: [
          adapter,
          position,
          kindIndex(kind),
          { trigger: s.trigger, target: s.target, trailBps: s.trailBps, minCollateral: 0n, maxSlippageBps: 100n, maxFeeBps: FEE_BPS, validUntil },
        ],
      });
      for (const [i, usd] of s.prices.entries()) {
        await ethPrice(usd);
        // The trailing stop's high follows the rise only when someone records it (anyone may): the poke is not counted.
        if (kind === "trailingStop" && i < s.prices.length - 1)
          await executor.send({ address: a.guard, abi: keelAutomationAbi, functionName: "poke", args: [adapter, position] });
      }
      const r = await executor.send({
        address: a.guard,
        abi: keelAutomationAbi,
        functionName: "execute",
        args: [adapter, position, kindIndex(kind), FEE_BPS],
      });
      if (r.status !== "success") throw new Error(`${protocol} ${kind}: execute reverted`);
      out.push({ protocol, kind, gasUsed: r.gasUsed });
    }
  }
  await ethPrice("3000");
  return out;
}

/** The table rows: one per rule kind, a column per protocol. */
export function ruleExecutionTable(rows: RuleGas[]): string {
  const n = (x: bigint) => x.toLocaleString("en-US");
  const name: Record<AutomationKind, string> = {
    deleverage: "auto-deleverage",
    stopLoss: "stop-loss",
    takeProfit: "take-profit",
    boost: "auto-boost",
    trailingStop: "trailing stop",
  };
  return [
    `| one rule execution (\`KeelAutomation.execute\`, fee ${FEE_BPS} bps; 10 WETH against 20,000 USDC at $3,000) | ${PROTOCOLS.map((p) => p.name).join(" | ")} | condition |`,
    `| --- | ${PROTOCOLS.map(() => "---:").join(" | ")} | --- |`,
    ...AUTOMATION_KINDS.map(
      (kind) =>
        `| ${name[kind]} | ${PROTOCOLS.map((p) => n(rows.find((r) => r.protocol === p.id && r.kind === kind)!.gasUsed)).join(" | ")} | ${SCENARIOS[kind].what} |`,
    ),
  ].join("\n");
}
