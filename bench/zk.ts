/**
 * `npm run bench:zk`: the private pool's costs. Constraints of the action circuit (compiled with circom2), proving
 * time in Node (snarkjs Groth16, witness + proof, on a tree of 1,000 notes) and in headless Chromium through the page's
 * proving worker (bench/zk-browser.ts: before/after the preload and thread pool), and the gas of every action with a real
 * proof (forge's gas report over contracts/test/privacy/KeelPrivatePool.t.sol): the verifier, the proven tree
 * insertion (circuit v2 and v3: the pool stores the proven root, no hashing) and the market call included. Prints a markdown table and writes bench/results/zk.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as snarkjs from "snarkjs";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction } from "../lib/privacy/prover";
import { TREE_DEPTH } from "../lib/privacy/tree";
import { compileCircuit } from "../scripts/zk-build";
import { benchWitnessInput, browserProvingTimes, browserSection } from "./zk-browser";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.ZK_BENCH_RUNS ?? 5);

async function constraints() {
  const r1cs = path.join(ROOT, "circuits/build/private_vault.r1cs");
  if (!existsSync(r1cs)) compileCircuit();
  const info = await snarkjs.r1cs.info(r1cs);
  return info;
}

async function provingTimes() {
  const input = benchWitnessInput();
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    await proveAction(input, CIRCUIT_ARTIFACTS);
    if (i > 0) times.push(performance.now() - started); // the first run warms up the curve's WebAssembly
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)! };
}

/** Gas per function from forge's gas report (its table), for the contracts named. */
function gasReport(): Map<string, { min: number; avg: number; median: number; max: number; calls: number }> {
  const out = execFileSync(
    path.join(ROOT, "node_modules/.bin/forge"),
    ["test", "--match-path", "test/privacy/KeelPrivatePool.t.sol", "--match-test", "test_fullJourney|test_overLtNote", "--gas-report"],
    { cwd: path.join(ROOT, "contracts"), encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const rows = new Map<string, { min: number; avg: number; median: number; max: number; calls: number }>();
  let contract = "";
  for (const line of out.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 3) continue;
    const head = /^(\S+\.sol):(\w+) Contract$/.exec(cells[1] ?? "");
    if (head) contract = head[2]!;
    const [, fn, min, avg, median, max, calls] = cells;
    if (fn && /^\d+$/.test(min ?? "") && /^\d+$/.test(calls ?? "") && !/^\d+$/.test(fn)) {
      rows.set(`${contract}.${fn}`, { min: +min!, avg: +avg!, median: +median!, max: +max!, calls: +calls! });
    }
  }
  return rows;
}

/**
 * The pool's own calls from the forge trace of the same tests: the tests deploy the pool at the fixtures' address by
 * etching its code (its proofs are bound to that address), which the gas report does not see. Call-frame gas: the
 * 21k base and the calldata of a transaction are not in it.
 */
function poolTraceGas(): Map<string, { min: number; avg: number; median: number; max: number; calls: number }> {
  const out = execFileSync(
    path.join(ROOT, "node_modules/.bin/forge"),
    ["test", "--match-path", "test/privacy/KeelPrivatePool.t.sol", "--match-test", "test_fullJourney|test_overLtNote", "-vvvv"],
    { cwd: path.join(ROOT, "contracts"), encoding: "utf8", maxBuffer: 256 << 20 },
  );
  const byFn = new Map<string, number[]>();
  for (const m of out.matchAll(/├─ \[(\d+)\] (?:0x0{36}9001|KeelPrivatePool)::(deposit|borrow|withdraw|repay|liquidate)\(/g)) {
    byFn.set(m[2]!, [...(byFn.get(m[2]!) ?? []), Number(m[1])]);
  }
  const rows = new Map<string, { min: number; avg: number; median: number; max: number; calls: number }>();
  for (const [fn, gas] of byFn) {
    gas.sort((x, y) => x - y);
    const avg = Math.round(gas.reduce((x, y) => x + y, 0) / gas.length);
    rows.set(`KeelPrivatePool.${fn}`, { min: gas[0]!, avg, median: gas[Math.floor(gas.length / 2)]!, max: gas.at(-1)!, calls: gas.length });
  }
  return rows;
}

async function main() {
  const info = await constraints();
  console.log(`constraints: ${info.nConstraints}`);
  const proving = await provingTimes();
  console.log(`proving (median of ${RUNS}): ${proving.median.toFixed(0)} ms`);
  const loadBefore = os.loadavg()[0]!;
  const browser = await browserProvingTimes();
  const browserMd = browserSection(browser, { before: loadBefore, after: os.loadavg()[0]! });
  const gas = gasReport();
  for (const [k, v] of poolTraceGas()) if (!gas.has(k)) gas.set(k, v);
  const g = (k: string) => gas.get(k);
  const fmt = (n?: number) => (n === undefined ? "—" : n.toLocaleString("en-US"));
  const actions = ["deposit", "borrow", "withdraw", "repay", "liquidate"].map((a) => ({ a, r: g(`KeelPrivatePool.${a}`) }));
  const verify = g("PrivateVaultVerifier.verifyProof");
  const prices = g("KeelOracle.prices");
  /** Where each action's median goes: the verifier, the market's own calls, the rest. */
  const marketCalls: Record<string, string[]> = {
    deposit: ["depositCollateral", "totalBorrows", "totalBorrowShares", "collateralInfo"],
    borrow: ["borrow", "totalBorrows", "totalBorrowShares", "collateralInfo"],
    withdraw: ["withdrawCollateral", "totalBorrows", "totalBorrowShares", "collateralInfo"],
    repay: ["repay", "debtOf", "totalBorrows", "totalBorrowShares", "collateralInfo"],
    liquidate: ["repay", "withdrawCollateral", "debtOf", "totalBorrows", "totalBorrowShares", "collateralInfo"],
  };
  const breakdown = actions.map(({ a, r }) => {
    const total = r?.median ?? 0;
    const v = verify?.median ?? 0;
    const market = (marketCalls[a] ?? []).reduce((s, fn) => s + (g(`KeelMarket.${fn}`)?.median ?? 0), 0);
    const oracle = prices?.median ?? 0; // every action reads the oracle (deposits and repayments since audit3 A3-P2)
    return { a, total, v, market: market + oracle, rest: total - v - market - oracle };
  });
  const md = `# Private vaults (zero-knowledge) benchmark

\`npm run bench:zk\` — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; shared machine (load ${os.loadavg()[0]!.toFixed(1)}), so times are upper bounds.

## Circuit (circuits/private_vault.circom, Groth16 on BN254)

| circuit | constraints | public inputs | private inputs | tree depth |
| --- | ---: | ---: | ---: | ---: |
| private_vault (one action: deposit, withdraw, borrow, repay or liquidation; encryption to the liquidators) | ${info.nConstraints.toLocaleString("en-US")} | ${info.nPubInputs} | ${info.nPrvInputs} | ${TREE_DEPTH} (trees roll over) |

## Proving in Node (snarkjs ${"0.7.6"}, witness + proof, tree of 1,000 notes)

| runs | median | min | max |
| ---: | ---: | ---: | ---: |
| ${RUNS} | ${proving.median.toFixed(0)} ms | ${proving.min.toFixed(0)} ms | ${proving.max.toFixed(0)} ms |

${browserMd}
## Gas per action with a real proof (forge gas report, fixture journey)

Call-frame gas of the pool's functions from the forge trace (the 21k base and the calldata of a transaction come on top). Everything the call runs: proof verification, nullifier, the proven tree insertion (circuit v2 and v3: the pool checks the root and stores the new one in its ring of recent roots, no hashing; an exit inserts nothing), the oracle read (every action but a debt-free one) and the Keel market calls. Goal: under 500k. Circuit v1 (16 on-chain Poseidon hashes, 15 public inputs), same measure: deposit 874,154, borrow 764,916, withdraw 703,683, repay 719,522, liquidate 770,052.

| action | median gas | max gas | calls |
| --- | ---: | ---: | ---: |
${actions.map(({ a, r }) => `| ${a} | ${fmt(r?.median)} | ${fmt(r?.max)} | ${fmt(r?.calls)} |`).join("\n")}

| part | median gas | calls |
| --- | ---: | ---: |
| Groth16 verifyProof (${info.nPubInputs} public inputs) | ${fmt(verify?.median)} | ${fmt(verify?.calls)} |

### Where the gas goes (medians; market = the KeelMarket and KeelOracle calls the action makes, as the report prices them)

| action | total | verifier | market + oracle | rest: calldata, nullifier, root and size, books, tokens, events |
| --- | ---: | ---: | ---: | ---: |
${breakdown.map((b) => `| ${b.a} | ${fmt(b.total)} | ${fmt(b.v)} | ${fmt(b.market)} | ${fmt(b.rest)} |`).join("\n")}
`;
  console.log(md);
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/zk.md"), md);
}

// snarkjs's curve keeps worker threads alive: exit once the results are written
main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
