import { parseUnits, type Address } from "viem";
import { aaveLeverageRouterAbi, devErc20Abi, morphoLeverageRouterAbi } from "../../contracts-abi";
import { bytecodeOf } from "./artifacts";
import type { AaveV3Deployment, MorphoBlueDeployment } from "../../lib/config/deployment";
import { ANVIL_KEYS, PROTOCOL_KEYS } from "./anvil";
import { aaveArtifact, deployAave } from "./deploy-aave";
import { deployMorpho } from "./deploy-morpho";
import { clientsFor } from "../../lib/server/clients";
import { buildMorpho } from "./morpho-build";

type Tokens = Record<string, { token: Address; feed: Address; decimals: number }>;

/** Aave v3 (anvil #8) and Morpho Blue (anvil #9) deployed side by side on a local chain. */
export async function deployLendingProtocols(rpcUrl: string, chainId: number, tokens: Tokens, log: (line: string) => void) {
  const [aaveV3, morphoBlue] = await Promise.all([
    deployAave(clientsFor(rpcUrl, chainId, PROTOCOL_KEYS.aave), { tokens, log }),
    deployMorpho(clientsFor(rpcUrl, chainId, PROTOCOL_KEYS.morpho), { tokens, log }),
  ]);
  return { aaveV3, morphoBlue };
}

/**
 * Anvil #0's demo positions: on Aave, WETH and WBTC supplied as collateral with USDC and WETH borrowed (comfortable);
 * on Morpho's WETH/USDC market, 1 WETH against 2,450 USDC (health ≈ 1.05 at ETH $3,000: close to liquidation).
 */
export async function seedProtocolPositions(
  rpcUrl: string,
  chainId: number,
  p: { aaveV3: AaveV3Deployment; morphoBlue: MorphoBlueDeployment },
  log: (line: string) => void,
) {
  const c = clientsFor(rpcUrl, chainId, ANVIL_KEYS[0]!);
  const me = c.account.address;
  const decimalsOf = (token: Address) => c.publicClient.readContract({ address: token, abi: devErc20Abi, functionName: "decimals" });
  const market = p.morphoBlue.markets.find((m) => m.name === "WETH/USDC")!;
  const weth = market.collateralToken;
  const usdc = market.loanToken;
  const wbtc = p.morphoBlue.markets.find((m) => m.name === "WBTC/USDC")!.collateralToken;
  const units = async (token: Address, amount: string) => parseUnits(amount, await decimalsOf(token));
  const poolAbi = aaveArtifact("Pool").abi;

  for (const [token, amount] of [
    [weth, "5"],
    [wbtc, "0.2"],
  ] as const) {
    const x = await units(token, amount);
    await c.send({ address: token, abi: devErc20Abi, functionName: "approve", args: [p.aaveV3.pool, x] });
    await c.send({ address: p.aaveV3.pool, abi: poolAbi, functionName: "supply", args: [token, x, me, 0] });
  }
  for (const [token, amount] of [
    [usdc, "10000"],
    [weth, "1"],
  ] as const) {
    await c.send({ address: p.aaveV3.pool, abi: poolAbi, functionName: "borrow", args: [token, await units(token, amount), 2n, 0, me] });
  }

  const morphoAbi = buildMorpho().Morpho.abi;
  const params = { loanToken: usdc, collateralToken: weth, oracle: market.oracle, irm: market.irm, lltv: BigInt(market.lltv) };
  const collateral = await units(weth, "1");
  await c.send({ address: weth, abi: devErc20Abi, functionName: "approve", args: [p.morphoBlue.morpho, collateral] });
  await c.send({ address: p.morphoBlue.morpho, abi: morphoAbi, functionName: "supplyCollateral", args: [params, collateral, me, "0x"] });
  await c.send({ address: p.morphoBlue.morpho, abi: morphoAbi, functionName: "borrow", args: [params, await units(usdc, "2450"), 0n, me, me] });
  log(
    "demo positions (anvil #0): Aave 5 WETH + 0.2 WBTC against 10,000 USDC + 1 WETH; Morpho WETH/USDC 1 WETH against 2,450 USDC (close to liquidation)",
  );
}

/**
 * The leverage routers for Aave v3 and Morpho Blue (Multiply on their positions), swapping through Keel's swap adapter;
 * deployed by `deployer` after the protocols, and recorded as `aaveV3.leverageRouter` / `morphoBlue.leverageRouter`.
 */
export async function deployLeverageRouters(
  deployer: ReturnType<typeof clientsFor>,
  p: { aaveV3: AaveV3Deployment; morphoBlue: MorphoBlueDeployment },
  swapAdapter: Address,
  log: (line: string) => void,
) {
  const aaveRouter = await deployer.deploy(aaveLeverageRouterAbi, bytecodeOf("AaveLeverageRouter"), [p.aaveV3.pool, swapAdapter]);
  const morphoRouter = await deployer.deploy(morphoLeverageRouterAbi, bytecodeOf("MorphoLeverageRouter"), [p.morphoBlue.morpho, swapAdapter]);
  log(`AaveLeverageRouter ${aaveRouter}  MorphoLeverageRouter ${morphoRouter}`);
  return { aaveV3: { ...p.aaveV3, leverageRouter: aaveRouter }, morphoBlue: { ...p.morphoBlue, leverageRouter: morphoRouter } };
}
