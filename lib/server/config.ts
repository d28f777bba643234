import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { readChainSettings, type ChainConfig } from "../config/chains";
import { parseDeployment, DeploymentError, type Deployment } from "../config/deployment";
import { parseCrossChainDeployment, type CrossChainDeployment } from "../crosschain/deployment";

/** `<dir>/crosschain.json` validated, or null when there is none (one chain) or it is unreadable (logged). */
export function readCrossChain(dir = deploymentsDir()): CrossChainDeployment | null {
  const file = path.join(dir, "crosschain.json");
  if (!existsSync(file)) return null;
  try {
    return parseCrossChainDeployment(JSON.parse(readFileSync(file, "utf8")), file);
  } catch (e) {
    console.error(`cross-chain collateral off: ${(e as Error).message}`);
    return null;
  }
}

export function deploymentsDir(env: Record<string, string | undefined> = process.env): string {
  return env.KEEL_DEPLOYMENTS_DIR ?? path.join(process.cwd(), "contracts-abi", "deployments");
}

/** Reads `<dir>/<chainId>.json` and validates it; a missing or malformed file throws a DeploymentError. */
export function readDeployment(chainId: number, dir = deploymentsDir()): Deployment {
  const file = path.join(dir, `${chainId}.json`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new DeploymentError(file, [`no deployment file for chain ${chainId}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DeploymentError(file, [`not valid JSON (${(e as Error).message})`]);
  }
  return parseDeployment(raw, chainId, file);
}

/** Server side, at request time: the chains from configuration and each one's deployment. */
export function loadChainConfigs(env: Record<string, string | undefined> = process.env): ChainConfig[] {
  const dir = deploymentsDir(env);
  const settings = readChainSettings(env);
  const xc = readCrossChain(dir);
  const both = xc && [xc.gateway.chainId, xc.outpost.chainId].every((id) => settings.some((c) => c.id === id));
  return settings.map((chain) => {
    const crossChain = both && (xc.gateway.chainId === chain.id || xc.outpost.chainId === chain.id) ? { crossChain: xc } : {};
    try {
      return { ...chain, deployment: readDeployment(chain.id, dir), deploymentError: null, ...crossChain };
    } catch (e) {
      const message =
        e instanceof DeploymentError && chain.local
          ? `${e.message}. Start the local stack with \`npm run dev\`, which deploys and writes it.`
          : (e as Error).message;
      return { ...chain, deployment: null, deploymentError: message };
    }
  });
}
