/**
 * Groth16 proving of the private-vault circuit with snarkjs, and the proof in the shape the Solidity verifier takes.
 * The same code runs in Node (agents, fixtures, bench) and in a browser worker (artifacts passed as bytes).
 */
import * as snarkjs from "snarkjs";
import type { Groth16Proof } from "snarkjs";
import { PUBLIC_INPUTS } from "./note";

export type CircuitInput = Record<(typeof PUBLIC_INPUTS)[number], bigint> & Record<string, bigint | bigint[]>;

export interface Artifacts {
  /** The witness generator (path in Node, bytes anywhere). */
  wasm: string | Uint8Array;
  /** The Groth16 proving key. */
  zkey: string | Uint8Array;
}

/** The proof as KeelPrivatePool's `Groth16Proof` struct: a, b (each pair reversed, EIP-197), c. */
export interface SolidityProof {
  a: readonly [bigint, bigint];
  b: readonly [readonly [bigint, bigint], readonly [bigint, bigint]];
  c: readonly [bigint, bigint];
}

const stringify = (v: bigint | bigint[]): string | string[] => (Array.isArray(v) ? v.map(String) : String(v));

/**
 * Proves `input`; throws (snarkjs's "Assert Failed" from the witness calculator) when a constraint does not hold.
 * `singleThread`: prove on this thread only (else snarkjs's thread pool: one worker per core, built once per process).
 */
export async function proveAction(input: CircuitInput, artifacts: Artifacts, opts: { singleThread?: boolean } = {}) {
  const raw = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, stringify(v)]));
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(
    raw,
    artifacts.wasm,
    artifacts.zkey,
    undefined,
    undefined,
    opts.singleThread ? { singleThread: true } : undefined,
  );
  return { proof, publicSignals: publicSignals.map(BigInt), solidity: toSolidityProof(proof) };
}

export function toSolidityProof(p: Groth16Proof): SolidityProof {
  const n = (s: string | undefined) => {
    if (s === undefined) throw new Error("malformed Groth16 proof");
    return BigInt(s);
  };
  const [b0, b1] = [p.pi_b[0] ?? [], p.pi_b[1] ?? []];
  return {
    a: [n(p.pi_a[0]), n(p.pi_a[1])],
    b: [
      [n(b0[1]), n(b0[0])],
      [n(b1[1]), n(b1[0])],
    ],
    c: [n(p.pi_c[0]), n(p.pi_c[1])],
  };
}
