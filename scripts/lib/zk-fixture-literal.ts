/**
 * The Solidity literal of a real proof and its note transition, as the fixture scripts write them into
 * contracts/test/privacy (`Groth16Proof(...), NoteTransition(...)`: the arguments of a `Step` or `Link`). Formatted
 * afterwards by `forge fmt`.
 */
import type { SolidityProof } from "../../lib/privacy/prover";

/** The public signals a transition carries (a circuit input has them among others). */
export interface TransitionSignals {
  root: bigint;
  newRoot: bigint;
  nullifier: bigint;
  newCommitment: bigint;
  ephKey: bigint;
  ct0: bigint;
  ct1: bigint;
  ct2: bigint;
  memberRoot: bigint;
}

const u = (x: bigint) => x.toString();

/** `Groth16Proof(...), NoteTransition(...)` for `p` and `x` with ring slot `memberSlot`. */
export function proofAndTransition(p: SolidityProof, x: TransitionSignals, memberSlot: number): string {
  return `Groth16Proof(
                    [uint256(${u(p.a[0])}), ${u(p.a[1])}],
                    [[uint256(${u(p.b[0][0])}), ${u(p.b[0][1])}], [uint256(${u(p.b[1][0])}), ${u(p.b[1][1])}]],
                    [uint256(${u(p.c[0])}), ${u(p.c[1])}]
                ),
                NoteTransition(
                    ${u(x.root)},
                    ${u(x.newRoot)},
                    ${u(x.nullifier)},
                    ${u(x.newCommitment)},
                    ${u(x.ephKey)},
                    [uint256(${u(x.ct0)}), ${u(x.ct1)}, ${u(x.ct2)}],
                    ${u(x.memberRoot)},
                    ${memberSlot}
                )`;
}
