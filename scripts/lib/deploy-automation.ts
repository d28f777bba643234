import type { Address } from "viem";
import { aaveV3GuardAdapterAbi, keelAutomationAbi, keelGuardAdapterAbi, morphoBlueGuardAdapterAbi } from "../../contracts-abi";
import type { AaveV3Deployment, AutomationDeployment, MorphoBlueDeployment } from "../../lib/config/deployment";
import { bytecodeOf } from "./artifacts";
import type { clientsFor } from "../../lib/server/clients";

/** Oldest Chainlink answer the Aave adapter accepts behind an AaveOracle price (seconds). */
export const AAVE_MAX_PRICE_AGE = 86_400;
/** Oldest Chainlink answer the Morpho adapter accepts behind a market's oracle (seconds; Morpho's oracles do not check). */
export const MORPHO_MAX_PRICE_AGE = 86_400;

/**
 * KeelAutomation (the guard for every protocol) and one adapter per protocol the chain has: Keel (needs the swap
 * adapter), Aave v3 (pool + AaveOracle) and Morpho Blue. Adapters are bound to the guard at construction.
 */
export async function deployAutomation(
  c: ReturnType<typeof clientsFor>,
  p: { swapAdapter: Address; riskAdmin: Address; aaveV3?: AaveV3Deployment; morphoBlue?: MorphoBlueDeployment },
  log: (line: string) => void,
): Promise<AutomationDeployment> {
  const guard = await c.deploy(keelAutomationAbi, bytecodeOf("KeelAutomation"));
  const out: AutomationDeployment = { guard };
  out.keel = await c.deploy(keelGuardAdapterAbi, bytecodeOf("KeelGuardAdapter"), [guard, p.swapAdapter, p.riskAdmin]);
  if (p.aaveV3) {
    out.aaveV3 = await c.deploy(aaveV3GuardAdapterAbi, bytecodeOf("AaveV3GuardAdapter"), [
      guard,
      p.swapAdapter,
      p.aaveV3.pool,
      p.aaveV3.oracle,
      BigInt(AAVE_MAX_PRICE_AGE),
    ]);
  }
  if (p.morphoBlue) {
    out.morphoBlue = await c.deploy(morphoBlueGuardAdapterAbi, bytecodeOf("MorphoBlueGuardAdapter"), [
      guard,
      p.swapAdapter,
      p.morphoBlue.morpho,
      BigInt(MORPHO_MAX_PRICE_AGE),
    ]);
  }
  log(
    `KeelAutomation ${guard}  adapters: Keel ${out.keel}${out.aaveV3 ? `  Aave ${out.aaveV3}` : ""}${out.morphoBlue ? `  Morpho ${out.morphoBlue}` : ""}`,
  );
  return out;
}
