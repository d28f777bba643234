// Part of `npm run zk:fixtures`: real Groth16 proofs for the audit3 regression tests of KeelPrivatePool
// (contracts/test/privacy/KeelPrivatePoolAudit3.t.sol), written to contracts/test/privacy/PrivatePoolAudit3Fixtures.sol.
// On a fresh pool of EngineBase's market (WETH at 3,000 USD, LTV 80%, LT 85%, USDC at 1 USD, no time passing):
// - A3-P1: a note of 10 WETH owing 1,000 USDC (3.3%), and the auditor's liquidation of it proven with `ltv` = 0 (the
//   market's LTV after governance stops WETH borrowing): the pool passes the LT, so the proof no longer verifies;
// - A3-P2: a note of 10 WETH owing 21,600 USDC, past the LT once WETH is at 2,362.5; a liquidation of it; the owner's
//   1-wei deposit, provable only at a price where the note is healthy (3,000: a deposit or repayment proves the new
//   note within the LT), so refused at 2,362.5; and a 3-WETH deposit that rescues the note (13 × 2,362.5 × 85% =
//   26,105 ≥ 21,600), accepted.
// Every proof is bound to the pool the tests deploy (FIXTURE_POOL, chain 31337: audit P-b).
import { writeFileSync } from "node:fs";
import path from "node:path";
import {
  actionWitness,
  commitment,
  emptyNote,
  liquidationWitness,
  maxSeized,
  openingOf,
  poolThresholds,
  type LtvInputs,
  type Note,
} from "../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction, type CircuitInput } from "../lib/privacy/prover";
import { MerkleTree } from "../lib/privacy/tree";
import { fixtureBinding as bind, MIN_DEBT } from "./zk-fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "contracts/test/privacy/PrivatePoolAudit3Fixtures.sol");
const E18 = 10n ** 18n;
const KEY = 0x71c71an;
/** Debt per 1e18 shares with no borrow yet: (0 + 1) × 1e18 / (0 + 1e6). */
const INDEX = 10n ** 12n;
const FRESH = "0xf2e5a11ce0000000000000000000000000000001" as const;
const LIQ = "0xf2e5110000000000000000000000000000000002" as const;
const NOBODY = "0x0000000000000000000000000000000000000000" as const;
/** EngineBase's WETH: LTV 80%, LT 85%. */
const THRESHOLDS = poolThresholds({ ltv: (8n * E18) / 10n, liquidationThreshold: (85n * E18) / 100n });
const AT_3000: LtvInputs = { collateralPrice: 3000n * E18, ltv: THRESHOLDS.borrow, debtPrice: E18, debtIndex: INDEX };
const u = (x: bigint) => x.toString();

async function main() {
  const out: string[] = [];
  async function prove(name: string, { input, memberSlot }: Pick<ReturnType<typeof actionWitness>, "input" | "memberSlot">) {
    const started = Date.now();
    const { solidity: p } = await proveAction(input as CircuitInput, CIRCUIT_ARTIFACTS);
    console.log(`zk:fixtures · audit3 ${name}: proved in ${Date.now() - started} ms`);
    out.push(`    function ${name}() internal pure returns (Groth16Proof memory p, NoteTransition memory t) {
        p = Groth16Proof(
            [uint256(${u(p.a[0])}), ${u(p.a[1])}],
            [[uint256(${u(p.b[0][0])}), ${u(p.b[0][1])}], [uint256(${u(p.b[1][0])}), ${u(p.b[1][1])}]],
            [uint256(${u(p.c[0])}), ${u(p.c[1])}]
        );
        t = NoteTransition(${u(input.root)}, ${u(input.newRoot)}, ${u(input.nullifier)}, ${u(input.newCommitment)}, ${u(input.ephKey)}, [${u(input.ct0)}, ${u(input.ct1)}, ${u(input.ct2)}], ${u(input.memberRoot)}, ${memberSlot});
    }`);
  }
  const borrowOf = async (name: string, tree: MerkleTree, old: Note & { leafIndex: number }, shares: bigint, blinding: bigint) => {
    const b = actionWitness(tree, {
      old,
      collateralDelta: 0n,
      sharesDelta: shares,
      minDebt: MIN_DEBT,
      ltvInputs: AT_3000,
      binding: bind(FRESH),
      newBlinding: blinding,
      ephSecret: 0x5eed0n + blinding,
    });
    await prove(name, b);
    return { ...b.next, leafIndex: tree.insert(commitment(b.next)) };
  };

  // Both scenarios open the same note on a fresh pool: 10 WETH at leaf 0.
  const open = actionWitness(new MerkleTree(), {
    old: emptyNote(KEY, 7n),
    collateralDelta: 10n * E18,
    sharesDelta: 0n,
    minDebt: MIN_DEBT,
    ltvInputs: { ...AT_3000, ltv: THRESHOLDS.liquidation },
    binding: bind(NOBODY),
    newBlinding: 501n,
    ephSecret: 0x5eed1n,
  });
  await prove("open", open);

  // A3-P1: 1,000 USDC owed on 30,000 USD of WETH; the auditor's proof with the LTV (0) as the threshold.
  const treeA = new MerkleTree();
  const shares = 1_000n * 10n ** 12n;
  const noteA = await borrowOf("borrow", treeA, { ...open.next, leafIndex: treeA.insert(commitment(open.next)) }, shares, 502n);
  const ltvZero = { ...AT_3000, ltv: 0n };
  const seized = maxSeized(noteA, ltvZero);
  const liq = liquidationWitness(treeA, {
    old: { ...openingOf(noteA), leafIndex: noteA.leafIndex },
    seized,
    ltvInputs: ltvZero,
    minDebt: MIN_DEBT,
    binding: bind(LIQ),
    ephSecret: 0x11d0n,
  });
  await prove("liquidateAtLtvZero", liq);

  // A3-P2: 21,600 USDC owed (the pool's 72% limit); WETH drops to 2,362.5 (91.4% > the 85% LT).
  const treeB = new MerkleTree();
  const sharesB = 21_600n * 10n ** 12n;
  const noteB = await borrowOf("borrowB", treeB, { ...open.next, leafIndex: treeB.insert(commitment(open.next)) }, sharesB, 602n);
  const dropped: LtvInputs = { collateralPrice: 23_625n * 10n ** 17n, ltv: THRESHOLDS.liquidation, debtPrice: E18, debtIndex: INDEX };
  const seizedB = maxSeized(noteB, dropped);
  const liqB = liquidationWitness(treeB, {
    old: { ...openingOf(noteB), leafIndex: noteB.leafIndex },
    seized: seizedB,
    ltvInputs: dropped,
    minDebt: MIN_DEBT,
    binding: bind(LIQ),
    ephSecret: 0x11d1n,
  });
  await prove("liquidateB", liqB);
  // The owner's dodge: a 1-wei deposit into the same note. A deposit proves the new note within the LT, so there is
  // no witness at 2,362.5 (lib/privacy/circuit.test.ts); the only proof is at a price where the note is healthy
  // (3,000), which the pool refuses once the price dropped.
  const dodge = actionWitness(treeB, {
    old: noteB,
    collateralDelta: 1n,
    sharesDelta: 0n,
    minDebt: MIN_DEBT,
    ltvInputs: { ...AT_3000, ltv: THRESHOLDS.liquidation },
    binding: bind(NOBODY),
    newBlinding: 603n,
    ephSecret: 0x5eed4n,
  });
  await prove("dodge", dodge);
  // A deposit that rescues the note at 2,362.5 (3 WETH: 26,105 of limit at the LT against 21,600): accepted.
  const rescue = actionWitness(treeB, {
    old: noteB,
    collateralDelta: 3n * E18,
    sharesDelta: 0n,
    minDebt: MIN_DEBT,
    ltvInputs: dropped,
    binding: bind(NOBODY),
    newBlinding: 604n,
    ephSecret: 0x5eed5n,
  });
  await prove("rescue", rescue);

  writeFileSync(
    OUT,
    `// SPDX-License-Identifier: MIT
// Generated by \`npm run zk:fixtures\` (scripts/zk-audit3-fixtures.ts) with circuits/artifacts/private_vault.zkey: do not edit.
pragma solidity 0.8.37;

import {Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";

library PrivatePoolAudit3Fixtures {
    uint256 internal constant SHARES = ${u(shares)};
    uint256 internal constant SEIZED_AT_LTV_ZERO = ${u(seized)};
    uint256 internal constant SHARES_B = ${u(sharesB)};
    uint256 internal constant SEIZED_B = ${u(seizedB)};
    address internal constant FRESH = address(uint160(0x00${FRESH.slice(2)}));
    address internal constant LIQ = address(uint160(0x00${LIQ.slice(2)}));

${out.join("\n\n")}
}
`,
  );
  console.log(`zk:fixtures · wrote ${path.relative(ROOT, OUT)}`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
