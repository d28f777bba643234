// zkaudit5 (docs/audit-2026-12-02-f.md): three real proofs for contracts/test/privacy/ZkAudit5.t.sol — a griefer's
// chain of 1-wei DEBT_FREE withdrawals from Alice's note of the fixture journey (its ALICE_OPEN: 10 WETH at leaf 0),
// each proven against the root its predecessor leaves, all of them before any lands: a submitter's own insertions are
// deterministic, so a chain of actions needs no chain read between proofs (no price either: DEBT_FREE).
// Circuit v3 (the fix): the chain starts after the journey's BOB_OPEN (Alice's note at leaf 0, Bob's 2 WETH at leaf 1),
// and two proofs of Bob's are made against that same root, before any link lands: BOB_TOP_UP (a 1-WETH deposit, which
// inserts a note: made stale by the first link, as before — M-1 remains for inserting actions) and BOB_EXIT (his
// whole 2 WETH out, an exit: it inserts nothing and proves membership against a root of the pool's last 32, so it
// lands after every link).
// `npx tsx scripts/zkaudit5-fixtures.ts` (~10 s a proof) writes contracts/test/privacy/ZkAudit5Fixtures.sol (then
// `forge fmt` it, as committed).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { zeroAddress, type Address } from "viem";
import { actionBinding, actionWitness, commitment, DEBT_FREE_INPUTS, type Note, type PlacedNote } from "../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction, type CircuitInput } from "../lib/privacy/prover";
import { MerkleTree } from "../lib/privacy/tree";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "contracts/test/privacy/ZkAudit5Fixtures.sol");
/** scripts/zk-fixtures.ts's FIXTURE_POOL on chain 31337 (the proofs are bound to it). */
const POOL: Address = "0x0000000000000000000000000000000000009001";
/** Where the griefer's 1-wei withdrawals go: its own address (the wei comes back). */
const GRIEFER: Address = "0x000000000000000000000000000000000006e1ef";
const MIN_DEBT = 100n * 10n ** 6n;
const E18 = 10n ** 18n;
/** Alice's note after the fixture journey's ALICE_OPEN (scripts/zk-fixtures.ts: key 0xa11ce, first blinding 1000). */
const ALICE: Note = { collateral: 10n * E18, shares: 0n, ownerKey: 0xa11cen, blinding: 1000n };
/** Bob's note after the journey's BOB_OPEN (key 0xb0b, blinding 1002: ALICE_BORROW_BEFORE_BOB took 1001). */
const BOB: Note = { collateral: 2n * E18, shares: 0n, ownerKey: 0xb0bn, blinding: 1002n };
const LINKS = 3;
const u = (x: bigint) => x.toString();

/** A Solidity `Link` literal of a proof and its transition. */
function linkLiteral(p: Awaited<ReturnType<typeof proveAction>>["solidity"], input: ReturnType<typeof actionWitness>["input"], memberSlot: number) {
  return `Link(
                Groth16Proof(
                    [uint256(${u(p.a[0])}), ${u(p.a[1])}],
                    [[uint256(${u(p.b[0][0])}), ${u(p.b[0][1])}], [uint256(${u(p.b[1][0])}), ${u(p.b[1][1])}]],
                    [uint256(${u(p.c[0])}), ${u(p.c[1])}]
                ),
                NoteTransition(
                    ${u(input.root)},
                    ${u(input.newRoot)},
                    ${u(input.nullifier)},
                    ${u(input.newCommitment)},
                    ${u(input.ephKey)},
                    [uint256(${u(input.ct0)}), ${u(input.ct1)}, ${u(input.ct2)}],
                    ${u(input.memberRoot)},
                    ${memberSlot}
                )
            )`;
}

async function main() {
  const tree = new MerkleTree([commitment(ALICE), commitment(BOB)]);
  let note = { ...ALICE, leafIndex: 0 };
  const rows: string[] = [];
  const binding = actionBinding({ pool: POOL, chainId: 31337 }, GRIEFER);
  /** Bob's action against the root after BOB_OPEN: a deposit binds no recipient, his exit sends to GRIEFER's address. */
  const bob = async (name: string, collateralDelta: bigint, blinding: bigint) => {
    const bobNote: PlacedNote = { ...BOB, leafIndex: 1 };
    const w = actionWitness(tree, {
      old: bobNote,
      collateralDelta,
      sharesDelta: 0n,
      ltvInputs: DEBT_FREE_INPUTS,
      minDebt: MIN_DEBT,
      binding: collateralDelta > 0n ? actionBinding({ pool: POOL, chainId: 31337 }, zeroAddress) : binding,
      newBlinding: blinding,
      ephSecret: 0x5eedn + blinding,
    });
    const started = Date.now();
    const { solidity } = await proveAction(w.input as CircuitInput, CIRCUIT_ARTIFACTS);
    console.log(`zkaudit5 fixtures · ${name}: proved in ${Date.now() - started} ms`);
    return `    function ${name}() internal pure returns (Link memory) {
        return ${linkLiteral(solidity, w.input, w.memberSlot)};
    }`;
  };
  const bobTopUp = await bob("bobTopUp", E18, 0xb0b1n);
  const bobExit = await bob("bobExit", -2n * E18, 0xb0b2n);
  for (let i = 0; i < LINKS; i++) {
    const { input, next, memberSlot } = actionWitness(tree, {
      old: note,
      collateralDelta: -1n,
      sharesDelta: 0n,
      ltvInputs: DEBT_FREE_INPUTS,
      minDebt: MIN_DEBT,
      binding,
      newBlinding: 0x6e1ef000n + BigInt(i),
      ephSecret: 0x5eedn + BigInt(i),
    });
    const started = Date.now();
    const { solidity: p } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
    console.log(`zkaudit5 fixtures · link ${i}: proved in ${Date.now() - started} ms`);
    note = { ...next, leafIndex: tree.insert(input.newCommitment) };
    rows.push(`        if (i == ${i}) {
            return ${linkLiteral(p, input, memberSlot)};
        }`);
  }
  writeFileSync(
    OUT,
    `// SPDX-License-Identifier: MIT
// Generated by \`npx tsx scripts/zkaudit5-fixtures.ts\` with circuits/artifacts/private_vault.zkey: do not edit.
pragma solidity 0.8.37;

import {Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";

/// @dev One link of the griefer's chain: a 1-wei DEBT_FREE withdrawal to GRIEFER, memo empty.
struct Link {
    Groth16Proof proof;
    NoteTransition t;
}

/// @dev A chain of ${LINKS} withdrawals of 1 wei from Alice's note of PrivatePoolFixtures' ALICE_OPEN (leaf 0), link i
/// proven against the root link i - 1 leaves (link 0: the root after BOB_OPEN), all proven before any landed; and
/// Bob's top-up (inserting) and exit (inserting nothing), both proven against the root after BOB_OPEN.
library ZkAudit5Fixtures {
    address internal constant GRIEFER = address(${BigInt(GRIEFER)});
    uint256 internal constant LINKS = ${LINKS};

    function link(uint256 i) internal pure returns (Link memory) {
${rows.join("\n")}
        revert("no such link");
    }

${bobTopUp}

${bobExit}
}
`,
  );
  console.log(`zkaudit5 fixtures · wrote ${path.relative(ROOT, OUT)}`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
