/**
 * The committed circuit's witness generator and Groth16 proving key on disk (circuits/artifacts), for whatever proves in
 * Node: the keeper, the fixture scripts, the dev stack's seed, the tests and the benches. Node only (the browser fetches
 * the same files through /api/zk: lib/privacy/prove.worker.ts).
 */
import path from "node:path";
import type { Artifacts } from "./prover";

const DIR = path.resolve(import.meta.dirname, "..", "..", "circuits", "artifacts");

export const CIRCUIT_ARTIFACTS: Artifacts = {
  wasm: path.join(DIR, "private_vault.wasm"),
  zkey: path.join(DIR, "private_vault.zkey"),
};
