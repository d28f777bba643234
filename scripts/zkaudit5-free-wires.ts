// zkaudit5 (docs/audit-2026-12-02-f.md), a probe of circuits/private_vault.circom: for honest witnesses of five actions
// (an opening, a borrow, a 1-wei withdrawal, two liquidations) and, since zkaudit6 (audit-2026-12-02-h.md, circuit v3),
// two exits (a whole DEBT_FREE withdrawal, a liquidation seizing everything) and a partial liquidation, changes each private
// wire alone by +1, −1 and +2 and reports every wire whose change leaves all R1CS constraints satisfied — a signal the
// constraints do not pin down.
// Needs the circuit compiled with its symbols (~1 min; circuits/build is not committed):
//   node_modules/.bin/circom2 circuits/private_vault.circom --r1cs --wasm --sym --O2 -l node_modules -o /tmp/zk5
//   npx tsx scripts/zkaudit5-free-wires.ts /tmp/zk5
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  actionBinding,
  actionWitness,
  commitment,
  DEBT_FREE_INPUTS,
  emptyNote,
  liquidationWitness,
  maxSeized,
  nullifierOf,
  openingOf,
  type Note,
} from "../lib/privacy/note";
import { MerkleTree, TREE_DEPTH } from "../lib/privacy/tree";

const BUILD = process.argv[2] ?? "/tmp/zkaudit5-build";
const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const mod = (x: bigint) => ((x % P) + P) % P;

type LC = Map<number, bigint>;
function readR1cs(file: string) {
  const b = readFileSync(file);
  let o = 0;
  const u32 = () => {
    const v = b.readUInt32LE(o);
    o += 4;
    return v;
  };
  const u64 = () => {
    const v = b.readBigUInt64LE(o);
    o += 8;
    return v;
  };
  if (b.toString("latin1", 0, 4) !== "r1cs") throw new Error("not r1cs");
  o = 8;
  const nSections = u32();
  const sections = new Map<number, { at: number; size: number }>();
  for (let i = 0; i < nSections; i++) {
    const type = u32();
    const size = Number(u64());
    sections.set(type, { at: o, size });
    o += size;
  }
  o = sections.get(1)!.at;
  const n8 = u32();
  o += n8;
  const nWires = u32(),
    nPubOut = u32(),
    nPubIn = u32(),
    nPrvIn = u32();
  u64();
  const nConstraints = u32();
  o = sections.get(2)!.at;
  const big = () => {
    let v = 0n;
    for (let i = n8 - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]!);
    o += n8;
    return v;
  };
  const lc = (): LC => {
    const m: LC = new Map();
    const n = u32();
    for (let i = 0; i < n; i++) {
      const w = u32();
      m.set(w, big());
    }
    return m;
  };
  const constraints: [LC, LC, LC][] = [];
  for (let i = 0; i < nConstraints; i++) constraints.push([lc(), lc(), lc()]);
  return { nWires, nPubOut, nPubIn, nPrvIn, constraints };
}

const r1cs = readR1cs(path.join(BUILD, "private_vault.r1cs"));
const names = new Map<number, string>();
for (const line of readFileSync(path.join(BUILD, "private_vault.sym"), "utf8").split("\n")) {
  const [, wire, , name] = line.split(",");
  if (wire !== undefined && name && Number(wire) >= 0 && !names.has(Number(wire))) names.set(Number(wire), name);
}
const byWire = new Map<number, number[]>();
r1cs.constraints.forEach(([a, bb, c], i) => {
  for (const m of [a, bb, c])
    for (const w of m.keys()) {
      const l = byWire.get(w) ?? [];
      if (l.at(-1) !== i) l.push(i);
      byWire.set(w, l);
    }
});
const evalLc = (m: LC, w: bigint[]) => {
  let s = 0n;
  for (const [k, c] of m) s += c * w[k]!;
  return mod(s);
};

const require = createRequire(import.meta.url);
const builder = require(path.join(BUILD, "private_vault_js/witness_calculator.js"));
const wasm = readFileSync(path.join(BUILD, "private_vault_js/private_vault.wasm"));

async function probe(label: string, input: Record<string, unknown>) {
  const wc = await builder(wasm);
  const w: bigint[] = (await wc.calculateWitness(input, true)).map((x: bigint) => BigInt(x));
  const vals = r1cs.constraints.map(([a, b, c]) => [evalLc(a, w), evalLc(b, w), evalLc(c, w)] as const);
  vals.forEach(([a, b, c], i) => {
    if (mod(a * b - c) !== 0n) throw new Error(`${label}: constraint ${i} fails on the honest witness`);
  });
  const free: string[] = [];
  const firstPrivate = 1 + r1cs.nPubOut + r1cs.nPubIn; // wires 0 (one) and the public ones are fixed by the verifier
  for (let k = firstPrivate; k < r1cs.nWires; k++) {
    const touched = byWire.get(k) ?? [];
    for (const delta of [1n, P - 1n, 2n]) {
      const ok = touched.every((i) => {
        const [A, B, C] = r1cs.constraints[i]!;
        const [a, b, c] = vals[i]!;
        const a2 = mod(a + (A.get(k) ?? 0n) * delta),
          b2 = mod(b + (B.get(k) ?? 0n) * delta),
          c2 = mod(c + (C.get(k) ?? 0n) * delta);
        return mod(a2 * b2 - c2) === 0n;
      });
      if (ok) {
        free.push(`${k} ${names.get(k) ?? "?"} (+${delta === P - 1n ? "-1" : delta}, in ${touched.length} constraints)`);
        break;
      }
    }
  }
  console.log(
    `${label}: ${r1cs.constraints.length} constraints, ${r1cs.nWires} wires, honest witness satisfies all; singly free private wires: ${free.length}`,
  );
  for (const f of free) console.log("   ", f);
}

const E18 = 10n ** 18n;
const KEY = 0x1234n;
const binding = actionBinding({ pool: "0x0000000000000000000000000000000000009001", chainId: 31337 }, "0x0000000000000000000000000000000000000b0b");
const MIN = 100n * 10n ** 6n;
const prices = { collateralPrice: 3000n * E18, ltv: (72n * E18) / 100n, debtPrice: E18, debtIndex: 10n ** 12n };
const tree = new MerkleTree();
const note: Note = { collateral: 10n * E18, shares: 20_000n * 10n ** 12n, ownerKey: KEY, blinding: 5n };
const placed = { ...note, leafIndex: tree.insert(commitment(note)) };
tree.insert(77n);

await probe(
  "open (deposit, empty note, DEBT_FREE)",
  actionWitness(tree, { old: emptyNote(KEY, 9n), collateralDelta: E18, sharesDelta: 0n, ltvInputs: DEBT_FREE_INPUTS, minDebt: MIN, binding }).input,
);
await probe(
  "borrow (mode 1, priced)",
  actionWitness(tree, {
    old: { ...placed, shares: 0n, leafIndex: tree.insert(commitment({ ...note, shares: 0n })) },
    collateralDelta: 0n,
    sharesDelta: 1000n * 10n ** 12n,
    ltvInputs: prices,
    minDebt: MIN,
    binding,
  }).input,
);
await probe(
  "withdraw 1 wei (mode 1, priced)",
  actionWitness(tree, { old: placed, collateralDelta: -1n, sharesDelta: 0n, ltvInputs: prices, minDebt: MIN, binding }).input,
);
const dropped = { collateralPrice: 2000n * E18, ltv: (85n * E18) / 100n, debtPrice: E18, debtIndex: 10n ** 12n };
const opening = openingOf(note);
// (zkaudit5 also probed ephSecret 0 here; encryptNote refuses it since audit f I-2)
for (const [label, seized] of [
  ["liquidation (mode 2, the most it may seize: here everything, an exit in v3)", maxSeized(opening, dropped)],
  ["liquidation (mode 2, 5 of 10 WETH: a remainder note)", 5n * E18],
] as const) {
  const old = { ...opening, leafIndex: placed.leafIndex };
  const plan = { old, seized, ltvInputs: dropped, minDebt: MIN, binding };
  await probe(label, liquidationWitness(tree, plan).input);
}

// circuit v3: exits (the new note holds nothing: newCommitment 0, newRoot = root, the insertion gated off)
const debtFree: Note = { collateral: 3n * E18, shares: 0n, ownerKey: KEY, blinding: 11n };
const debtFreePlaced = { ...debtFree, leafIndex: tree.insert(commitment(debtFree)) };
await probe(
  "exit: DEBT_FREE withdrawal of everything",
  actionWitness(tree, { old: debtFreePlaced, collateralDelta: -3n * E18, sharesDelta: 0n, ltvInputs: DEBT_FREE_INPUTS, minDebt: MIN, binding }).input,
);
const crashed = { collateralPrice: 1500n * E18, ltv: (85n * E18) / 100n, debtPrice: E18, debtIndex: 10n ** 12n };
await probe(
  "exit: liquidation seizing everything (mode 2)",
  liquidationWitness(tree, { old: { ...opening, leafIndex: placed.leafIndex }, seized: note.collateral, ltvInputs: crashed, minDebt: MIN, binding })
    .input,
);
// the nullifier has no tree number: the same opening at leaf p of tree 0 and of tree 1 gives one nullifier
const p0 = placed.leafIndex;
console.log(
  `nullifier at position ${p0} and ${p0 + 2 ** TREE_DEPTH} (tree 0 and tree 1, same leaf): ${
    nullifierOf(opening, p0) === nullifierOf(opening, p0 + 2 ** TREE_DEPTH) ? "equal" : "different"
  }`,
);
