import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { repoRoot } from "./artifacts";
import { aaveArtifact, linkBytecode } from "./deploy-aave";

/** The libraries Aave v3's Pool and PoolConfigurator link (FlashLoanLogic itself links BorrowLogic). */
const LIBRARIES = ["SupplyLogic", "BorrowLogic", "LiquidationLogic", "EModeLogic", "BridgeLogic", "PoolLogic", "ConfiguratorLogic", "FlashLoanLogic"];
/** The contracts contracts/test/periphery/AaveFixture.sol creates. */
const CONTRACTS = [
  "PoolAddressesProvider",
  "ACLManager",
  "Pool",
  "PoolConfigurator",
  "AaveOracle",
  "AToken",
  "VariableDebtToken",
  "StableDebtToken",
  "DefaultReserveInterestRateStrategy",
];

/** Where the forge fixture places library `name` (vm.etch): the same formula as AaveFixture.libraryAddress. */
export const aaveLibraryAddress = (name: string): Address => `0x${keccak256(toHex(`keel.aave.${name}`)).slice(-40)}`;

/**
 * Writes node_modules/.cache/keel/Aave.json for the forge tests: the creation bytecode of each contract of the Aave v3
 * npm artifacts the local deploy uses (scripts/lib/deploy-aave.ts, same artifacts), linked to libraries placed at
 * fixed addresses, and the libraries' runtime code for `vm.etch` there. Idempotent; seconds.
 */
export function writeAaveForgeFixture(): string {
  const libraries = Object.fromEntries(LIBRARIES.map((n) => [n, aaveLibraryAddress(n)]));
  const out: Record<string, Hex | Record<string, Hex>> = {};
  const libs: Record<string, Hex> = {};
  for (const name of LIBRARIES) {
    const a = aaveArtifact(name) as ReturnType<typeof aaveArtifact> & {
      deployedBytecode: Hex;
      deployedLinkReferences?: ReturnType<typeof aaveArtifact>["linkReferences"];
    };
    libs[name] = linkBytecode({ ...a, bytecode: a.deployedBytecode, linkReferences: a.deployedLinkReferences ?? {} }, libraries);
  }
  out.libs = libs;
  for (const name of CONTRACTS) out[name] = linkBytecode(aaveArtifact(name), libraries);
  const dir = path.join(repoRoot, "node_modules", ".cache", "keel");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "Aave.json");
  const text = JSON.stringify(out);
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  return file;
}

// `tsx scripts/lib/aave-forge.ts`: before the forge tests that deploy Aave (contracts/test/periphery/AaveFixture.sol).
if (import.meta.url === `file://${process.argv[1]}`) console.log(writeAaveForgeFixture());
