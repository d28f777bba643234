// Audit i L-1's fix with real circuit v3 proofs (contracts/test/privacy/KeelPrivatePoolClose.t.sol), planned by the
// app's own code (lib/privacy/actions.ts planAction / planClose) for a fresh pool at POOL on chain 31337 over
// EngineBase's market (WETH 3,000 USD, LTV 80%, LT 85%, USDC 1 USD, no other borrower, no time passing):
//   0 ALICE_OPEN     Alice opens 2 WETH (DEBT_FREE), leaf 0
//   1 ALICE_BORROW   Alice borrows 1,000 USDC (priced), leaf 1
//   2 BOB_OPEN       Bob opens 1 WETH (DEBT_FREE), leaf 2
//   3 ALICE_RESCUE   Alice's 1-WETH deposit sent aside (depositAside, priced at the LT), proven against the pool as
//                    step 1 left it — before Bob's opening lands, landing after it
//   4 ALICE_CLOSE    Alice closes the aside note (3 WETH, every share; DEBT_FREE), membership against its aside root
//   5 BOB_CLOSE      Bob closes his debt-free note (1 WETH, 0 shares: both sign bits set), membership against the root
//                    after step 2
// `npx tsx scripts/zkaudit8-fixtures.ts` writes contracts/test/privacy/KeelPrivatePoolCloseFixtures.sol (then `forge
// fmt` it, as committed).
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Address } from "viem";
import { planAction, planClose, poolCall, type PlannedAction, type PoolState } from "../lib/privacy/actions";
import { commitment, type PlacedNote } from "../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction, type CircuitInput } from "../lib/privacy/prover";
import { proofAndTransition } from "./lib/zk-fixture-literal";
import { MerkleTree } from "../lib/privacy/tree";
import { toAssetsDown } from "../lib/engine/shares";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "contracts/test/privacy/KeelPrivatePoolCloseFixtures.sol");
/** Where KeelPrivatePoolClose.t.sol deploys its pool (the proofs are bound to it). */
const POOL: Address = "0x0000000000000000000000000000000000009008";
const ALICE_TO: Address = "0x00000000000000000000000000000000000a11ce";
const BOB_TO: Address = "0x0000000000000000000000000000000000000b0b";
const E18 = 10n ** 18n;

async function main() {
  const state: PoolState = {
    pool: POOL,
    chainId: 31337,
    marketLtv: (8n * E18) / 10n,
    marketLiquidationThreshold: (85n * E18) / 100n,
    debtIndex: 10n ** 12n, // (0 + 1) × 1e18 / (0 + 1e6): no borrow yet
    totalBorrows: 0n,
    totalBorrowShares: 0n,
    minDeposit: 10n ** 16n,
    minBorrow: 100n * 10n ** 6n,
    collateralPrice: 3000n * E18,
    debtPrice: E18,
  };
  const tree = new MerkleTree();
  const steps: { name: string; plan: PlannedAction }[] = [];
  const land = (name: string, plan: PlannedAction): PlacedNote => {
    steps.push({ name, plan });
    return { ...plan.next, leafIndex: tree.insert(commitment(plan.next)) };
  };
  const alice0 = land(
    "ALICE_OPEN",
    planAction({ kind: "deposit", amount: 2n * E18, note: null, ownerKey: 0xa11cen, recipient: ALICE_TO }, tree, state),
  );
  const borrow = planAction({ kind: "borrow", amount: 1000n * 10n ** 6n, note: alice0, ownerKey: 0xa11cen, recipient: ALICE_TO }, tree, state);
  const alice1 = land("ALICE_BORROW", borrow);
  // the market's totals after the borrow (its shares for the assets the pool asks, rounded up, equal the note's here)
  state.totalBorrows = toAssetsDown(borrow.shares, 0n, 0n);
  state.totalBorrowShares = borrow.shares;
  const rescue = planAction({ kind: "deposit", amount: E18, note: alice1, ownerKey: 0xa11cen, recipient: ALICE_TO, aside: true }, tree, state);
  const bob = land("BOB_OPEN", planAction({ kind: "deposit", amount: E18, note: null, ownerKey: 0xb0bn, recipient: BOB_TO }, tree, state));
  steps.push({ name: "ALICE_RESCUE", plan: rescue });
  const aside = new MerkleTree();
  aside.insert(commitment(rescue.next));
  const rescued: PlacedNote = { ...rescue.next, leafIndex: 0, asideRoot: aside.root() };
  steps.push({ name: "ALICE_CLOSE", plan: planClose({ note: rescued, recipient: ALICE_TO }, tree, state) });
  steps.push({ name: "BOB_CLOSE", plan: planClose({ note: bob, recipient: BOB_TO }, tree, state) });

  const u = (x: bigint) => x.toString();
  const rows: string[] = [];
  const args: string[] = [];
  for (const [i, s] of steps.entries()) {
    const started = Date.now();
    const { solidity: p } = await proveAction(s.plan.input as CircuitInput, CIRCUIT_ARTIFACTS);
    console.log(`zkaudit8 fixtures · ${s.name}: proved in ${Date.now() - started} ms`);
    const call = poolCall(s.plan, p);
    rows.push(`        if (i == ${i}) {
            // ${s.name}: ${call.functionName}
            return Step(
                ${proofAndTransition(p, s.plan.input, s.plan.memberSlot)}
            );
        }`);
    args.push(`    uint256 internal constant ${s.name}_TOKENS = ${u(s.plan.tokens)};
    uint256 internal constant ${s.name}_SHARES = ${u(s.plan.shares)};
    uint256 internal constant ${s.name}_INDEX = ${u(s.plan.provenDebtIndex)};`);
  }
  writeFileSync(
    OUT,
    `// SPDX-License-Identifier: MIT
// Generated by \`npx tsx scripts/zkaudit8-fixtures.ts\` with circuits/artifacts/private_vault.zkey: do not edit.
pragma solidity 0.8.37;

import {Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";
import {Step} from "./ZkAudit6Fixtures.sol";

/// @dev Real circuit v3 proofs of the aside rescue and the close (scripts/zkaudit8-fixtures.ts says which is which),
/// for a fresh pool at POOL; each step's pool arguments (tokens, shares, provenDebtIndex) as the app plans them.
library KeelPrivatePoolCloseFixtures {
    address internal constant POOL = address(${BigInt(POOL)});
    address internal constant ALICE_TO = address(${BigInt(ALICE_TO)});
    address internal constant BOB_TO = address(${BigInt(BOB_TO)});
${steps.map((s, i) => `    uint256 internal constant ${s.name} = ${i};`).join("\n")}
${args.join("\n")}

    function step(uint256 i) internal pure returns (Step memory) {
${rows.join("\n")}
        revert("no such step");
    }
}
`,
  );
  console.log(`zkaudit8 fixtures · wrote ${path.relative(ROOT, OUT)}`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
