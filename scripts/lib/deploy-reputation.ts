import { readFileSync } from "node:fs";
import path from "node:path";
import { getAddress, type Abi, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { keelReputationAbi, keelRiskAdminAbi } from "../../contracts-abi";
import type { ReputationDeployment } from "../../lib/config/deployment";
import { AGENT_KEYS } from "../../lib/server/dev-keys";
import { bytecodeOf, repoRoot } from "./artifacts";
import type { clientsFor } from "../../lib/server/clients";

/** The local reputation source's cap: a perfect score adds 5 points of LTV (the market caps it at halfway to LT). */
export const LOCAL_MAX_BONUS = 5n * 10n ** 16n;

/**
 * ABI and creation bytecode of an EAS contract from the npm package's own build artifacts
 * (`@ethereum-attestation-service/eas-contracts`): its sources pin solc 0.8.29, which our forge build does not have.
 */
export function easArtifact(name: "SchemaRegistry" | "EAS"): { abi: Abi; bytecode: Hex } {
  const p = path.join(
    repoRoot,
    "node_modules",
    "@ethereum-attestation-service",
    "eas-contracts",
    "artifacts",
    "contracts",
    `${name}.sol`,
    `${name}.json`,
  );
  const json = JSON.parse(readFileSync(p, "utf8")) as { abi: Abi; bytecode: Hex };
  return { abi: json.abi, bytecode: json.bytecode };
}

/**
 * Reputation-tailored margins on a local chain (docs/reputation.md): SchemaRegistry and EAS, a KeelReputation whose
 * one attester is the reputation scorer (anvil #9, agents/reputation-scorer.ts) and which publishes the record and
 * dispute schemas, and every market pointed at it. Must run before anyone supplies: the risk admin sets a source at
 * once only on an unused market (afterwards it goes through the delay).
 */
export async function deployReputation(
  c: ReturnType<typeof clientsFor>,
  p: { riskAdmin: Address; markets: Address[] },
  log: (line: string) => void,
): Promise<ReputationDeployment> {
  const registry = easArtifact("SchemaRegistry");
  const easBuild = easArtifact("EAS");
  const schemaRegistry = await c.deploy(registry.abi, registry.bytecode);
  const eas = await c.deploy(easBuild.abi, easBuild.bytecode, [schemaRegistry]);
  const attester = getAddress(privateKeyToAccount(AGENT_KEYS.attester).address);
  const source = await c.deploy(keelReputationAbi, bytecodeOf("KeelReputation"), [eas, attester, LOCAL_MAX_BONUS]);
  const read = (functionName: "recordSchema" | "disputeSchema") =>
    c.publicClient.readContract({ address: source, abi: keelReputationAbi, functionName });
  const [recordSchema, disputeSchema] = await Promise.all([read("recordSchema"), read("disputeSchema")]);
  for (const market of p.markets) {
    await c.send({ address: p.riskAdmin, abi: keelRiskAdminAbi, functionName: "setReputation", args: [market, source] });
  }
  log(
    `EAS ${eas} (registry ${schemaRegistry}); KeelReputation ${source}: attester ${attester} (anvil #9), cap 5 LTV points, ${p.markets.length} markets`,
  );
  return { eas, schemaRegistry, source, attester, recordSchema, disputeSchema };
}
