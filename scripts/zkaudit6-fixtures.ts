// zkaudit6 (docs/audit-2026-12-02-h.md): real circuit v3 proofs for contracts/test/privacy/ZkAudit6Real.t.sol, for a
// fresh pool at POOL on chain 31337, all made before any lands (DEBT_FREE: no price, no chain read):
//   0 ALICE_OPEN   Alice opens 2 WETH (the empty note), against EMPTY_ROOT, leaf 0
//   1 BOB_OPEN     Bob opens 1 WETH, against the root step 0 leaves, leaf 1
//   2 ALICE_EXIT   Alice withdraws all 2 WETH (an exit), membership against the root after step 0 (ring slot 0)
//   3 ALICE_WITHDRAW Alice withdraws 1 WETH (inserting: 1 WETH stays), against the root after step 0: the same
//                  note, so the same nullifier as step 2
//   4 ALICE_EXIT_LATER Alice's exit again, membership against the root after step 1 (slot 1): the same nullifier
// `npx tsx scripts/zkaudit6-fixtures.ts` (~10-30 s a proof) writes contracts/test/privacy/ZkAudit6Fixtures.sol (then
// `forge fmt` it, as committed).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { zeroAddress, type Address } from "viem";
import { actionBinding, actionWitness, commitment, DEBT_FREE_INPUTS, emptyNote, type Note } from "../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction, type CircuitInput } from "../lib/privacy/prover";
import { MerkleTree } from "../lib/privacy/tree";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "contracts/test/privacy/ZkAudit6Fixtures.sol");
/** Where ZkAudit6Real.t.sol deploys its pool (the proofs are bound to it). */
const POOL: Address = "0x0000000000000000000000000000000000009006";
const ALICE_TO: Address = "0x00000000000000000000000000000000000a11ce";
const MIN_DEBT = 100n * 10n ** 6n;
const E18 = 10n ** 18n;
const ctx = { pool: POOL, chainId: 31337 };

async function main() {
  const tree = new MerkleTree();
  const steps: { name: string; input: CircuitInput; memberSlot: number }[] = [];
  const aliceOpen = actionWitness(tree, {
    old: emptyNote(0xa11cen, 601n),
    collateralDelta: 2n * E18,
    sharesDelta: 0n,
    ltvInputs: DEBT_FREE_INPUTS,
    minDebt: MIN_DEBT,
    binding: actionBinding(ctx, zeroAddress),
    newBlinding: 602n,
    ephSecret: 0x5eed1n,
  });
  steps.push({ name: "ALICE_OPEN", input: aliceOpen.input as CircuitInput, memberSlot: aliceOpen.memberSlot });
  const alice: Note & { leafIndex: number } = { ...aliceOpen.next, leafIndex: tree.insert(aliceOpen.input.newCommitment) };
  const afterAlice = tree.root();
  const bobOpen = actionWitness(tree, {
    old: emptyNote(0xb0bn, 701n),
    collateralDelta: E18,
    sharesDelta: 0n,
    ltvInputs: DEBT_FREE_INPUTS,
    minDebt: MIN_DEBT,
    binding: actionBinding(ctx, zeroAddress),
    newBlinding: 702n,
    ephSecret: 0x5eed2n,
  });
  steps.push({ name: "BOB_OPEN", input: bobOpen.input as CircuitInput, memberSlot: bobOpen.memberSlot });
  // Alice's proofs against the tree holding her note only (made before Bob's opening lands)
  const aliceTree = new MerkleTree([commitment(alice)]);
  if (aliceTree.root() !== afterAlice) throw new Error("the mirror disagrees");
  for (const [name, delta, t] of [
    ["ALICE_EXIT", -2n * E18, aliceTree],
    ["ALICE_WITHDRAW", -E18, aliceTree],
  ] as const) {
    const w = actionWitness(t, {
      old: alice,
      collateralDelta: delta,
      sharesDelta: 0n,
      ltvInputs: DEBT_FREE_INPUTS,
      minDebt: MIN_DEBT,
      binding: actionBinding(ctx, ALICE_TO),
      newBlinding: 603n,
      ephSecret: 0x5eed3n,
    });
    steps.push({ name, input: w.input as CircuitInput, memberSlot: w.memberSlot });
  }
  tree.insert(bobOpen.input.newCommitment);
  const later = actionWitness(tree, {
    old: alice,
    collateralDelta: -2n * E18,
    sharesDelta: 0n,
    ltvInputs: DEBT_FREE_INPUTS,
    minDebt: MIN_DEBT,
    binding: actionBinding(ctx, ALICE_TO),
    newBlinding: 604n,
    ephSecret: 0x5eed4n,
  });
  steps.push({ name: "ALICE_EXIT_LATER", input: later.input as CircuitInput, memberSlot: later.memberSlot });

  const u = (x: bigint) => x.toString();
  const rows: string[] = [];
  for (const [i, s] of steps.entries()) {
    const started = Date.now();
    const { solidity: p } = await proveAction(s.input, CIRCUIT_ARTIFACTS);
    console.log(`zkaudit6 fixtures · ${s.name}: proved in ${Date.now() - started} ms`);
    const x = s.input;
    rows.push(`        if (i == ${i}) {
            // ${s.name}
            return Step(
                Groth16Proof(
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
                    ${s.memberSlot}
                )
            );
        }`);
  }
  writeFileSync(
    OUT,
    `// SPDX-License-Identifier: MIT
// Generated by \`npx tsx scripts/zkaudit6-fixtures.ts\` with circuits/artifacts/private_vault.zkey: do not edit.
pragma solidity 0.8.37;

import {Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";

/// @dev One proven action (DEBT_FREE, memo empty).
struct Step {
    Groth16Proof proof;
    NoteTransition t;
}

/// @dev Real circuit v3 proofs for a fresh pool at POOL (scripts/zkaudit6-fixtures.ts says which is which).
library ZkAudit6Fixtures {
    address internal constant POOL = address(${BigInt(POOL)});
    address internal constant ALICE_TO = address(${BigInt(ALICE_TO)});
    uint256 internal constant ALICE_OPEN = 0;
    uint256 internal constant BOB_OPEN = 1;
    uint256 internal constant ALICE_EXIT = 2;
    uint256 internal constant ALICE_WITHDRAW = 3;
    uint256 internal constant ALICE_EXIT_LATER = 4;

    function step(uint256 i) internal pure returns (Step memory) {
${rows.join("\n")}
        revert("no such step");
    }
}
`,
  );
  console.log(`zkaudit6 fixtures · wrote ${path.relative(ROOT, OUT)}`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
