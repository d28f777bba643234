import { encodeAbiParameters, keccak256, parseUnits, type Address, type Hex } from "viem";
import { devErc20Abi } from "../../contracts-abi";
import type { MorphoBlueDeployment } from "../../lib/config/deployment";
import { abiOf, bytecodeOf } from "./artifacts";
import type { clientsFor } from "../../lib/server/clients";
import { buildMorpho } from "./morpho-build";

type Clients = ReturnType<typeof clientsFor>;

const SECONDS_PER_YEAR = 31_536_000n;
/** A yearly rate as a decimal string → Morpho's rate per second (WAD), rounded down. */
const perSecond = (yearly: string) => parseUnits(yearly, 18) / SECONDS_PER_YEAR;

/** The local IRM's curve: 0 % at no use, 4 % a year at 90 % utilization, +60 % a year more at 100 %. */
export const MORPHO_LOCAL_IRM = { base: "0", slope1: "0.04", slope2: "0.6", kink: "0.9" };

/** The local Morpho markets: loan USDC against WETH and WBTC, with Morpho's 86 % LLTV, and what the deployer lends. */
export const MORPHO_LOCAL_MARKETS = [
  { name: "WETH/USDC", collateral: "WETH", loan: "USDC", lltv: "0.86", supply: "3000000" },
  { name: "WBTC/USDC", collateral: "WBTC", loan: "USDC", lltv: "0.86", supply: "2000000" },
] as const;

/** A Morpho market's id: keccak256 of its ABI-encoded MarketParams (Morpho's MarketParamsLib). */
export function morphoMarketId(p: { loanToken: Address; collateralToken: Address; oracle: Address; irm: Address; lltv: bigint }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "address" }, { type: "address" }, { type: "address" }, { type: "address" }, { type: "uint256" }],
      [p.loanToken, p.collateralToken, p.oracle, p.irm, p.lltv],
    ),
  );
}

export interface MorphoLocalInput {
  tokens: Record<string, { token: Address; feed: Address; decimals: number }>;
  log: (line: string) => void;
}

/**
 * Deploys Morpho Blue (compiled from its npm package with its own solc, scripts/lib/morpho-build.ts), a KinkedIrm and
 * a ChainlinkMorphoOracle per market over the dev feeds, enables the IRM and the LLTVs, creates MORPHO_LOCAL_MARKETS
 * and supplies their loan liquidity. All from `deployer`, so it may run beside the other deploys.
 */
export async function deployMorpho(deployer: Clients, input: MorphoLocalInput): Promise<MorphoBlueDeployment> {
  const me = deployer.account.address;
  const build = buildMorpho();
  const morphoAbi = build.Morpho.abi;
  const morpho = await deployer.deploy(morphoAbi, build.Morpho.bytecode, [me]);
  const irmParams = [MORPHO_LOCAL_IRM.base, MORPHO_LOCAL_IRM.slope1, MORPHO_LOCAL_IRM.slope2].map(perSecond);
  const irm = await deployer.deploy(abiOf("KinkedIrm"), bytecodeOf("KinkedIrm"), [...irmParams, parseUnits(MORPHO_LOCAL_IRM.kink, 18)]);
  await deployer.send({ address: morpho, abi: morphoAbi, functionName: "enableIrm", args: [irm] });
  const lltvs = [...new Set(MORPHO_LOCAL_MARKETS.map((m) => m.lltv))];
  for (const l of lltvs) await deployer.send({ address: morpho, abi: morphoAbi, functionName: "enableLltv", args: [parseUnits(l, 18)] });

  const markets: MorphoBlueDeployment["markets"] = [];
  for (const m of MORPHO_LOCAL_MARKETS) {
    const c = input.tokens[m.collateral]!;
    const l = input.tokens[m.loan]!;
    const oracle = await deployer.deploy(abiOf("ChainlinkMorphoOracle"), bytecodeOf("ChainlinkMorphoOracle"), [
      c.feed,
      l.feed,
      c.decimals,
      l.decimals,
    ]);
    const params = { loanToken: l.token, collateralToken: c.token, oracle, irm, lltv: parseUnits(m.lltv, 18) };
    await deployer.send({ address: morpho, abi: morphoAbi, functionName: "createMarket", args: [params] });
    const supply = parseUnits(m.supply, l.decimals);
    await deployer.send({ address: l.token, abi: devErc20Abi, functionName: "mint", args: [me, supply] });
    await deployer.send({ address: l.token, abi: devErc20Abi, functionName: "approve", args: [morpho, supply] });
    await deployer.send({ address: morpho, abi: morphoAbi, functionName: "supply", args: [params, supply, 0n, me, "0x"] });
    markets.push({ id: morphoMarketId(params), name: m.name, ...params, lltv: params.lltv.toString() });
  }
  input.log(`Morpho Blue ${morpho}  markets ${markets.map((m) => m.name).join(", ")}`);
  return { morpho, markets };
}
