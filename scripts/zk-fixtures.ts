// `npm run zk:fixtures`: real Groth16 proofs for the forge tests of KeelPrivatePool, written as Solidity constants to
// contracts/test/privacy/PrivatePoolFixtures.sol (committed; rerun after `npm run zk:build` changes the key).
// The journey mirrors the chain of contracts/test/privacy/KeelPrivatePool.t.sol (EngineBase's market: WETH at
// 3,000 USD, LTV 80%, USDC at 1 USD, no other borrower, no time passing), so every public input — roots, the debt
// index, prices, the pool's default minimum debt — is the one the pool will compute. Circuit v2 proves the insertion:
// each step is proven against the pool's root just before it, so the steps land only in the journey's order; the
// `*_BEFORE_*` steps (after the journey) are proven against a root that another step then replaces (StaleRoot tests). Every proof is bound to FIXTURE_POOL on chain 31337 (audit P-b):
// the address the tests' setUp deploys the pool at (they assert it). Deposits and repayments prove the new note within
// the market's LT (audit3 A3-P2), borrows and withdrawals within the pool's borrow threshold. ALICE_OPEN, ALICE_REPAY_ALL
// and ALICE_WITHDRAW_ALL are also proven with the pool's DEBT_FREE inputs (no price: zkaudit4 L1), as the steps
// `<NAME>_DEBT_FREE` after the journey, making the same new note.
// Circuit v3: each step also proves the spent note's membership against a known root (`memberRoot`, with its ring
// slot `memberSlot`), and an exit — a new note holding nothing (ALICE_WITHDRAW_ALL, CAROL_EXIT) — proves newCommitment
// 0 and inserts nothing, so the tree does not move. BOB_BORROW is proven right after ALICE_WITHDRAW_ALL, against the
// same root: the two land in either order (an exit races for no root). The third journey (ROLL_*) crosses a tree
// rollover on a fresh pool whose first tree is taken to hold ROLL_START zero leaves (the tests write that count and
// the empty root into the pool's storage): Dave opens and borrows, Erin's opening fills tree 0 at leaf 2^20 - 1
// (its root frozen), then notes of the full tree act, each proven against the frozen root and inserting into tree 1:
// Erin withdraws half (leaf 0 of tree 1, global position 2^20), Dave repays, then WETH drops and Dave is liquidated.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Address, Hex } from "viem";
import {
  actionBinding,
  actionWitness,
  commitment,
  DEBT_FREE_INDEX,
  DEBT_FREE_INPUTS,
  emptyNote,
  isExit,
  liquidationWitness,
  maxSeized,
  openingOf,
  type LtvInputs,
  type Note,
  type PlacedNote,
} from "../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction, type CircuitInput, type SolidityProof } from "../lib/privacy/prover";
import { MerkleTree, TREE_DEPTH } from "../lib/privacy/tree";

/** Where the privacy tests deploy the pool (contracts/test/privacy/PrivatePoolTestBase.sol `_deployAtFixtureAddress`). */
export const FIXTURE_POOL: Address = "0x0000000000000000000000000000000000009001";
/** The proofs' binding: this pool on the tests' chain. */
export const fixtureBinding = (recipient: Address, memo: Hex = "0x") => actionBinding({ pool: FIXTURE_POOL, chainId: 31337 }, recipient, memo);

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "contracts/test/privacy/PrivatePoolFixtures.sol");

const E18 = 10n ** 18n;
const ALICE_KEY = 0xa11cen;
const BOB_KEY = 0xb0bn;
/** Fresh addresses the tokens go to (no link to whoever deposited). */
const ALICE_FRESH = 0xf2e5a11ce0000000000000000000000000000001n;
const CAROL_KEY = 0xca201n;
const MALLORY_KEY = 0x3a11021n;
const DAVE_KEY = 0xda5en;
const ERIN_KEY = 0xe214n;
/** Where a liquidator takes the seized collateral. */
const LIQUIDATOR_FRESH = 0xf2e5110000000000000000000000000000000002n;
/** The owner's backup of a new note, bound by the proof (audit P-3). */
const ALICE_MEMO: Hex = "0xa11ce0bac4";
/** Borrow and withdraw: the pool's BORROW_LTV_FRACTION (90%) of the market's 80% LTV. */
const PRICES = { collateralPrice: 3000n * E18, ltv: (72n * E18) / 100n, debtPrice: E18 };
/** After the drop: WETH at 2,362.5 USD. */
const DROPPED = { collateralPrice: 23_625n * 10n ** 17n, debtPrice: E18 };
/** A liquidation's threshold: the market's liquidation threshold (audit3 A3-P1), not its LTV. */
const MARKET_LT = (85n * E18) / 100n;
const addr = (x: bigint) => `0x${x.toString(16).padStart(40, "0")}` as const;
/** KeelPrivatePool.DEFAULT_MIN_BORROW: every note owes nothing or at least this much (circuit v2's minDebt). */
export const MIN_DEBT = 100n * 10n ** 6n;
/** Debt per 1e18 shares with no borrow yet: (0 + 1) × 1e18 / (0 + 1e6). */
const INDEX = 10n ** 12n;
const usdcShares = (usdc: bigint) => usdc * 10n ** 12n;

interface Step {
  name: string;
  kind: "deposit" | "withdraw" | "borrow" | "repay" | "liquidate";
  /** Collateral units (deposit/withdraw/liquidate: seized) or debt shares (borrow/repay). */
  amount: bigint;
  /** Debt shares repaid by a liquidation. */
  shares: bigint;
  memo: Hex;
  recipient: bigint;
  debtIndex: bigint;
  root: bigint;
  newRoot: bigint;
  nullifier: bigint;
  newCommitment: bigint;
  ephKey: bigint;
  ct: readonly [bigint, bigint, bigint];
  memberRoot: bigint;
  memberSlot: number;
  proof: SolidityProof;
  noteCollateral: bigint;
  noteShares: bigint;
}

/** The third journey's first tree holds this many (zero) leaves before Dave's opening: three notes fill it. */
export const ROLL_START = 2 ** TREE_DEPTH - 3;

/**
 * A tree standing for the pool after `size` insertions of zero leaves (the state the rollover tests write into the
 * pool's storage: that count, the empty root): building 2^20 real leaves in Poseidon would take minutes, and a zero
 * leaf is what every path of an empty slot already hashes, so the roots are those of the pool's real tree.
 */
function zeroFilledTree(size: number): MerkleTree {
  const tree = new MerkleTree();
  // the mirror has no constructor for a count without leaves: its private fields, by name (see MerkleTree)
  tree["current"]().count = size;
  tree["count"] = size;
  if (tree.size !== size || tree.rootAfter(0n) !== tree.root()) throw new Error("zero-filled tree");
  return tree;
}

async function main() {
  let tree = new MerkleTree();
  const steps: Step[] = [];
  const live = new Map<string, PlacedNote>();
  let blinding = 1000n;

  /** Steps proven a second way (appended after the journey): the same transition with DEBT_FREE's inputs. */
  const alternatives: Step[] = [];

  async function act(
    name: string,
    owner: string,
    kind: Step["kind"],
    amount: bigint,
    opts: { recipient?: bigint; debtIndex?: bigint; memo?: Hex; prices?: typeof DROPPED; debtFree?: boolean; aside?: boolean } = {},
  ) {
    const keys: Record<string, bigint> = {
      alice: ALICE_KEY,
      bob: BOB_KEY,
      carol: CAROL_KEY,
      mallory: MALLORY_KEY,
      dave: DAVE_KEY,
      erin: ERIN_KEY,
    };
    const old: Note & { leafIndex?: number } = live.get(owner) ?? emptyNote(keys[owner] ?? 0n, 7n);
    const borrowLimit = kind === "withdraw" || kind === "borrow";
    const recipient = opts.recipient ?? 0n;
    const memo = opts.memo ?? "0x";
    const debtIndex = opts.debtIndex ?? INDEX;
    const newBlinding = blinding++;
    const ephSecret = 0x5eedn + blinding;
    const witnessAt = (ltvInputs: LtvInputs) =>
      actionWitness(tree, {
        old,
        collateralDelta: kind === "deposit" ? amount : kind === "withdraw" ? -amount : 0n,
        sharesDelta: kind === "borrow" ? amount : kind === "repay" ? -amount : 0n,
        ltvInputs,
        minDebt: MIN_DEBT,
        binding: fixtureBinding(addr(recipient), memo),
        newBlinding,
        ephSecret,
      });
    // deposits and repayments: the new note within the market's LT (audit3 A3-P2); the others: the pool's limit
    const { input, next, memberSlot } = witnessAt({ ...PRICES, ...(borrowLimit ? {} : { ltv: MARKET_LT }), ...opts.prices, debtIndex });
    const proved = async (label: string, i: typeof input) => {
      const started = Date.now();
      const { solidity } = await proveAction(i as CircuitInput, CIRCUIT_ARTIFACTS);
      console.log(`zk:fixtures · ${label}: proved in ${Date.now() - started} ms`);
      return solidity;
    };
    const solidity = await proved(name, input);
    // zkaudit4 L1: the same new note (blinding, ciphertext), against the same root, proven owing nothing with no price:
    // either proof of the two can be submitted in this step's place, and the journey goes on from the same note
    const alt = opts.debtFree ? witnessAt(DEBT_FREE_INPUTS).input : null;
    // an exit inserts nothing: the owner holds no note any more
    if (!opts.aside) {
      if (isExit(next)) live.delete(owner);
      else live.set(owner, { ...next, leafIndex: tree.insert(commitment(next)) });
    }
    const sum = (f: (n: Note) => bigint) => [...live.values()].reduce((s, n) => s + f(n), 0n);
    const step = (i: typeof input, proof: SolidityProof, stepName: string, index: bigint): Step => ({
      name: stepName,
      kind,
      amount,
      shares: 0n,
      memo,
      recipient,
      debtIndex: index,
      root: i.root,
      newRoot: i.newRoot,
      nullifier: i.nullifier,
      newCommitment: i.newCommitment,
      ephKey: i.ephKey,
      ct: [i.ct0, i.ct1, i.ct2],
      memberRoot: i.memberRoot,
      memberSlot,
      proof,
      noteCollateral: sum((n) => n.collateral),
      noteShares: sum((n) => n.shares),
    });
    (opts.aside ? alternatives : steps).push(step(input, solidity, name, debtIndex));
    if (alt) alternatives.push(step(alt, await proved(`${name}_DEBT_FREE`, alt), `${name}_DEBT_FREE`, DEBT_FREE_INDEX));
  }

  /** A liquidator's step: `note` decrypted from its ciphertext (no key of its owner's), its debt repaid, `seized` taken. */
  async function liquidate(
    name: string,
    owner: string,
    ownerKey: bigint,
    note: PlacedNote,
    seized: bigint,
    shares: bigint,
    liqPrices: LtvInputs,
    ephSecret: bigint,
  ) {
    const {
      input: liq,
      next: left,
      memberSlot,
    } = liquidationWitness(tree, {
      old: { ...openingOf(note), leafIndex: note.leafIndex },
      seized,
      ltvInputs: liqPrices,
      minDebt: MIN_DEBT,
      binding: fixtureBinding(addr(LIQUIDATOR_FRESH)),
      ephSecret,
    });
    const proved = Date.now();
    const liqProof = await proveAction(liq as CircuitInput, CIRCUIT_ARTIFACTS);
    console.log(`zk:fixtures · ${name}: proved in ${Date.now() - proved} ms`);
    if (isExit(left)) live.delete(owner);
    else {
      const leftIndex = tree.insert(liq.newCommitment);
      live.set(owner, { collateral: left.collateral, shares: 0n, ownerKey, blinding: left.blinding, leafIndex: leftIndex });
    }
    const sum = (f: (n: Note) => bigint) => [...live.values()].reduce((s, n) => s + f(n), 0n);
    steps.push({
      name,
      kind: "liquidate",
      amount: seized,
      shares,
      memo: "0x",
      recipient: LIQUIDATOR_FRESH,
      debtIndex: liqPrices.debtIndex,
      root: liq.root,
      newRoot: liq.newRoot,
      nullifier: liq.nullifier,
      newCommitment: liq.newCommitment,
      ephKey: liq.ephKey,
      ct: [liq.ct0, liq.ct1, liq.ct2],
      memberRoot: liq.memberRoot,
      memberSlot,
      proof: liqProof.solidity,
      noteCollateral: sum((n) => n.collateral),
      noteShares: sum((n) => n.shares),
    });
  }

  await act("ALICE_OPEN", "alice", "deposit", 10n * E18, { memo: ALICE_MEMO, debtFree: true });
  // Alice's borrow proven before Bob's note lands: it races Bob's deposit, and whichever lands second is stale.
  await act("ALICE_BORROW_BEFORE_BOB", "alice", "borrow", usdcShares(12_000n), { recipient: ALICE_FRESH, aside: true });
  await act("BOB_OPEN", "bob", "deposit", 2n * E18);
  await act("ALICE_BORROW", "alice", "borrow", usdcShares(12_000n), { recipient: ALICE_FRESH });
  // Proven with 0.01% of headroom on the debt index: valid while interest stays below it.
  await act("ALICE_WITHDRAW", "alice", "withdraw", 4n * E18, { recipient: ALICE_FRESH, debtIndex: INDEX + INDEX / 10_000n });
  await act("ALICE_REPAY", "alice", "repay", usdcShares(5_000n));
  await act("ALICE_REPAY_ALL", "alice", "repay", usdcShares(7_000n), { debtFree: true });
  await act("ALICE_WITHDRAW_ALL", "alice", "withdraw", 6n * E18, { recipient: ALICE_FRESH, debtFree: true });
  // proven against the same root as Alice's exit (which inserted nothing): lands before or after it
  await act("BOB_BORROW", "bob", "borrow", usdcShares(1_000n), { recipient: ALICE_FRESH });

  // Audit P-1 on a fresh pool: Carol holds 1 WETH and no debt; Mallory borrows to the pool's limit (72% of 30,000).
  // WETH drops to 2,362.5: Mallory's note is over the market's LT (91.4% > 85%); the aggregate is over its LTV (83.1%)
  // but under its LT, so nobody can liquidate the vault, and the market refuses Carol's withdrawal. A liquidator
  // decrypts Mallory's note, repays its debt and seizes 9.6 WETH (the debt × 1.05 / 2,362.5); then Carol withdraws.
  tree = new MerkleTree();
  live.clear();
  await act("CAROL_OPEN", "carol", "deposit", E18);
  await act("MALLORY_OPEN", "mallory", "deposit", 10n * E18);
  await act("MALLORY_BORROW", "mallory", "borrow", usdcShares(21_600n), { recipient: ALICE_FRESH });
  // Carol's exit before the liquidation, at the dropped price: the market refuses it (the aggregate is over its LTV)
  await act("CAROL_EXIT_BEFORE_LIQUIDATION", "carol", "withdraw", E18, {
    recipient: ALICE_FRESH,
    prices: DROPPED,
    debtIndex: INDEX + INDEX / 10_000n,
    aside: true,
  });
  const mallory = live.get("mallory");
  if (!mallory) throw new Error("no Mallory note");
  // The liquidator's view: Mallory's note decrypted from the ciphertext her borrow posted (no key of hers).
  const liqPrices = { ...DROPPED, ltv: MARKET_LT, debtIndex: INDEX };
  const seized = maxSeized(mallory, liqPrices); // 9.6 WETH: 21,600 × 1.05 / 2,362.5
  if (seized !== (96n * E18) / 10n) throw new Error(`seized ${seized}`);
  await liquidate("MALLORY_LIQUIDATED", "mallory", MALLORY_KEY, mallory, seized, usdcShares(21_600n), liqPrices, 0x11d0n);
  // Carol's exit after the liquidation, at the dropped price.
  await act("CAROL_EXIT", "carol", "withdraw", E18, {
    recipient: ALICE_FRESH,
    prices: DROPPED,
    debtIndex: INDEX + INDEX / 10_000n,
  });

  // The rollover (audit f H-1): a fresh pool whose first tree holds ROLL_START leaves; Erin's opening fills it.
  tree = zeroFilledTree(ROLL_START);
  live.clear();
  await act("ROLL_DAVE_OPEN", "dave", "deposit", 10n * E18);
  await act("ROLL_DAVE_BORROW", "dave", "borrow", usdcShares(21_600n), { recipient: ALICE_FRESH });
  await act("ROLL_ERIN_OPEN", "erin", "deposit", E18);
  if (tree.size !== 2 ** TREE_DEPTH) throw new Error(`tree 0 not full: ${tree.size}`);
  // membership against tree 0's frozen root, insertion at leaf 0 of tree 1 (global position 2^20)
  await act("ROLL_ERIN_WITHDRAW", "erin", "withdraw", E18 / 2n, { recipient: ALICE_FRESH });
  await act("ROLL_DAVE_REPAY", "dave", "repay", usdcShares(1_000n));
  const dave = live.get("dave");
  if (!dave) throw new Error("no Dave note");
  // WETH at 2,362.5: Dave's 10 WETH owing 20,600 are over the market's LT; seized 20,600 × 1.05 / 2,362.5
  const daveSeized = maxSeized(dave, liqPrices);
  await liquidate("ROLL_DAVE_LIQUIDATED", "dave", DAVE_KEY, dave, daveSeized, usdcShares(20_600n), liqPrices, 0x11d1n);

  steps.push(...alternatives);
  const u = (x: bigint) => x.toString();
  const body = steps
    .map(
      (s, i) => `        if (i == ${i}) {
            // ${s.name}: ${s.kind} ${s.amount}
            return FixtureStep({
                kind: KeelPrivatePool.Action.${s.kind.charAt(0).toUpperCase() + s.kind.slice(1)},
                proof: Groth16Proof(
                    [uint256(${u(s.proof.a[0])}), ${u(s.proof.a[1])}],
                    [[uint256(${u(s.proof.b[0][0])}), ${u(s.proof.b[0][1])}], [uint256(${u(s.proof.b[1][0])}), ${u(s.proof.b[1][1])}]],
                    [uint256(${u(s.proof.c[0])}), ${u(s.proof.c[1])}]
                ),
                t: NoteTransition(${u(s.root)}, ${u(s.newRoot)}, ${u(s.nullifier)}, ${u(s.newCommitment)}, ${u(s.ephKey)}, [${s.ct.map(u).join(", ")}], ${u(s.memberRoot)}, ${s.memberSlot}),
                amount: ${u(s.amount)},
                shares: ${u(s.shares)},
                memo: hex"${s.memo.slice(2)}",
                recipient: address(${`0x${s.recipient.toString(16).padStart(40, "0")}`}),
                debtIndex: ${u(s.debtIndex)},
                noteCollateral: ${u(s.noteCollateral)},
                noteShares: ${u(s.noteShares)}
            });
        }`,
    )
    .join("\n");
  const names = [
    `    address internal constant POOL = ${FIXTURE_POOL};`,
    `    /// @dev The ROLL_* journey's pool starts with this many leaves in tree 0 (zero leaves, its root the empty root).`,
    `    uint256 internal constant ROLL_START = ${ROLL_START};`,
    ...steps.map((s, i) => `    uint256 internal constant ${s.name} = ${i};`),
  ].join("\n");
  const sol = `// SPDX-License-Identifier: MIT
// Generated by \`npm run zk:fixtures\` (scripts/zk-fixtures.ts) with circuits/artifacts/private_vault.zkey: do not edit.
pragma solidity 0.8.37;

import {KeelPrivatePool, Groth16Proof, NoteTransition} from "../../src/privacy/KeelPrivatePool.sol";

/// @dev One action of the fixture journey: its real proof, its public inputs, and the sum of the live notes after it.
struct FixtureStep {
    KeelPrivatePool.Action kind;
    Groth16Proof proof;
    NoteTransition t;
    uint256 amount;
    uint256 shares;
    bytes memo;
    address recipient;
    uint256 debtIndex;
    uint256 noteCollateral;
    uint256 noteShares;
}

library PrivatePoolFixtures {
${names}
    uint256 internal constant STEPS = ${steps.length};

    function step(uint256 i) internal pure returns (FixtureStep memory) {
${body}
        revert("no such fixture step");
    }
}
`;
  writeFileSync(OUT, sol);
  console.log(`zk:fixtures · wrote ${path.relative(ROOT, OUT)} (${steps.length} proofs)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main()
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
