// `npm run zk:build`: compiles the private-vault circuit (circom2, WebAssembly), runs the development setup ceremony
// locally (powers of tau + Groth16 phase 2, fresh entropy, a public beacon), and writes what the suite and the app use:
//   circuits/artifacts/private_vault.wasm      witness generator
//   circuits/artifacts/private_vault.zkey      proving key (Groth16)
//   circuits/artifacts/private_vault.vkey.json verification key
//   contracts/src/privacy/PrivateVaultVerifier.sol  the generated Solidity verifier
//   circuits/artifacts/ceremony.json           the ceremony's record: power, constraints, beacon, the ptau's hash
// These are committed (`npm test` only proves with them). After changing the circuit, run this, then
// `npm run zk:fixtures` (the forge tests' proofs are made with the key). Development keys only: docs/private-vaults.md
// says how a production ceremony runs; `-- --production --reuse-ptau` starts one (refused while the circuit carries the
// development liquidators' key; phase 1 from a public ptau). `npm run zk:verify` checks the committed key against the
// circuit and the ceremony's circuits/build/pot_final.ptau (kept on the machine that ran it: too big to commit).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as snarkjs from "snarkjs";
import { devLiquidatorsPubY } from "../lib/privacy/liquidators";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD = path.join(ROOT, "circuits/build");
const ARTIFACTS = path.join(ROOT, "circuits/artifacts");
const NAME = "private_vault";
/** 2^15 = 32,768 ≥ circuit v2's constraints (the proven insertion: 16,384 < 18k) + 12 public inputs + 1. */
const POWER = 15;

const logger = {
  debug: () => {},
  info: (m: string) => process.env.ZK_VERBOSE && console.log(m),
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};

function step(what: string) {
  console.log(`zk:build · ${what}`);
}

export function compileCircuit(outDir = BUILD): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    path.join(ROOT, "node_modules/.bin/circom2"),
    [`circuits/${NAME}.circom`, "--r1cs", "--wasm", "--O2", "-l", "node_modules", "-o", outDir],
    { cwd: ROOT, stdio: process.env.ZK_VERBOSE ? "inherit" : "pipe" },
  );
  return path.join(outDir, `${NAME}.r1cs`);
}

/** `--export-only`: skip compiling and the ceremony, export from an existing circuits/build/vault_final.zkey. */
const EXPORT_ONLY = process.argv.includes("--export-only");
/**
 * `--reuse-ptau`: keep an existing circuits/build/pot_final.ptau (phase 1 does not depend on the circuit; it is the slow
 * half at high load) and run only phase 2; a ptau too small for the circuit is refused (`checkReusedPtau`).
 */
const REUSE_PTAU = process.argv.includes("--reuse-ptau");
/** `--no-verify`: skip `zkey verify` (as slow as the key generation; run `npm run zk:verify` later). */
const VERIFY = !process.argv.includes("--no-verify");
/**
 * `--production`: the artifacts are for a chain that is not local. Refused while the circuit carries the development
 * liquidators' key (`checkLiquidatorsKey`): every note would be readable with the public development secret.
 */
const PRODUCTION = process.argv.includes("--production");

/**
 * Throws when `circuitSource` (comments aside) carries the development liquidators' public key y — in decimal or hex,
 * the only coordinate the notes' encryption uses (audit zkaudit4 M2b): a production ceremony over such a circuit
 * yields a verifier no deploy guard recognises, while anyone holding the public development secret reads every note.
 */
export function checkLiquidatorsKey(circuitSource: string): void {
  const code = circuitSource
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/[^\n]*/g, " ")
    .toLowerCase();
  const y = devLiquidatorsPubY();
  if (new RegExp(`(^|[^0-9a-fx])(${y.toString(10)}|0x0*${y.toString(16)})($|[^0-9a-f])`).test(code)) {
    throw new Error(
      "the circuit carries the development liquidators' key (LIQ_PUB_Y of DEV_LIQUIDATORS_SECRET, public): compile the " +
        "production liquidators' public key into circuits/private_vault.circom before a production ceremony (docs/private-vaults.md)",
    );
  }
}

/** The power of a powers-of-tau file (2^power points): its header section, as snarkjs writes it. */
export function ptauPower(file: string): number {
  const fd = openSync(file, "r");
  try {
    const read = (at: number, n: number) => {
      const b = Buffer.alloc(n);
      if (readSync(fd, b, 0, n, at) !== n) throw new Error(`${file}: truncated powers of tau`);
      return b;
    };
    const head = read(0, 12);
    if (head.toString("latin1", 0, 4) !== "ptau") throw new Error(`${file} is not a powers of tau file`);
    const sections = head.readUInt32LE(8);
    let at = 12;
    for (let i = 0; i < sections; i++) {
      const s = read(at, 12);
      const type = s.readUInt32LE(0);
      const size = Number(s.readBigUInt64LE(4));
      if (type === 1) {
        const n8 = read(at + 12, 4).readUInt32LE(0);
        return read(at + 16 + n8, 4).readUInt32LE(0);
      }
      at += 12 + size;
    }
    throw new Error(`${file}: no header section`);
  } finally {
    closeSync(fd);
  }
}

/** The smallest power of tau a circuit fits: 2^power ≥ constraints + public inputs + 1. */
export const neededPower = (info: { nConstraints: number; nPubInputs: number }) => Math.ceil(Math.log2(info.nConstraints + info.nPubInputs + 1));

/** Throws when the ptau `file` reused by `--reuse-ptau` is too small for the circuit; returns its power. */
export function checkReusedPtau(file: string, needed: number): number {
  const power = ptauPower(file);
  if (power < needed) {
    throw new Error(
      `${path.relative(ROOT, file)} holds 2^${power} powers, the circuit needs 2^${needed}: run without --reuse-ptau, or bring a larger ptau`,
    );
  }
  return power;
}

async function main() {
  const started = Date.now();
  const f = (name: string) => path.join(BUILD, name);
  if (!EXPORT_ONLY) await ceremony(f);
  else step("export only: using circuits/build/vault_final.zkey");
  await exportArtifacts(f);
  if (VERIFY && !EXPORT_ONLY) await verifyCeremony();
  step(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function ceremony(f: (name: string) => string) {
  if (PRODUCTION) {
    checkLiquidatorsKey(readFileSync(path.join(ROOT, `circuits/${NAME}.circom`), "utf8"));
    if (!REUSE_PTAU || !existsSync(f("pot_final.ptau"))) {
      throw new Error("--production needs --reuse-ptau and a public multi-party powers of tau in circuits/build/pot_final.ptau");
    }
    step("production: the circuit carries its own liquidators' key");
  }
  step("compiling circuits/private_vault.circom (circom2)");
  const r1cs = compileCircuit();
  const info = await snarkjs.r1cs.info(r1cs);
  step(`${info.nConstraints} constraints, ${info.nPubInputs} public inputs`);
  const needed = neededPower(info);
  if (needed > POWER) throw new Error(`raise POWER: ${info.nConstraints}`);

  const curve = await snarkjs.curves.getCurveFromName("bn128");
  const beacon = randomBytes(32).toString("hex");
  let power = POWER;
  if (REUSE_PTAU && existsSync(f("pot_final.ptau"))) {
    power = checkReusedPtau(f("pot_final.ptau"), needed);
    step(`phase 1: reusing circuits/build/pot_final.ptau (2^${power})`);
  } else if (REUSE_PTAU && existsSync(f("pot_2.ptau"))) {
    power = checkReusedPtau(f("pot_2.ptau"), needed);
    // the contributions of an interrupted phase 1 (after its beacon): only the preparation is left (the slow half)
    step("phase 1: reusing circuits/build/pot_2.ptau (contribution and beacon), preparing phase 2");
    await snarkjs.powersOfTau.preparePhase2(f("pot_2.ptau"), f("pot_final.ptau"), logger);
  } else {
    step(`phase 1: powers of tau 2^${POWER}, one contribution and a beacon`);
    await snarkjs.powersOfTau.newAccumulator(curve, POWER, f("pot_0.ptau"), logger);
    await snarkjs.powersOfTau.contribute(f("pot_0.ptau"), f("pot_1.ptau"), "keel dev", randomBytes(32).toString("hex"));
    await snarkjs.powersOfTau.beacon(f("pot_1.ptau"), f("pot_2.ptau"), "keel dev beacon", beacon, 10, logger);
    step("phase 1: preparing phase 2");
    await snarkjs.powersOfTau.preparePhase2(f("pot_2.ptau"), f("pot_final.ptau"), logger);
  }

  step("phase 2: circuit-specific Groth16 key, one contribution and a beacon");
  await snarkjs.zKey.newZKey(r1cs, f("pot_final.ptau"), f("vault_0.zkey"), logger);
  await snarkjs.zKey.contribute(f("vault_0.zkey"), f("vault_1.zkey"), "keel dev", randomBytes(32).toString("hex"));
  await snarkjs.zKey.beacon(f("vault_1.zkey"), f("vault_final.zkey"), "keel dev beacon", beacon, 10, logger);
  step(`beacon ${beacon}`);
  const ptau = f("pot_final.ptau");
  const record = {
    circuit: `circuits/${NAME}.circom`,
    constraints: info.nConstraints,
    publicInputs: info.nPubInputs,
    power,
    production: PRODUCTION,
    beacon,
    ptau: { file: "circuits/build/pot_final.ptau", bytes: statSync(ptau).size, blake2b512: fileHash(ptau) },
    zkeyBlake2b512: fileHash(f("vault_final.zkey")),
    date: new Date().toISOString(),
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, "ceremony.json"), JSON.stringify(record, null, 2) + "\n");
  await curve.terminate();
}

const fileHash = (file: string) => createHash("blake2b512").update(readFileSync(file)).digest("hex");

/**
 * `zkey verify` of the committed proving key (circuits/artifacts): every contribution chains from the powers of tau,
 * and the key is this circuit's (compiled afresh when circuits/build has no r1cs). The ptau must be the ceremony's:
 * its hash is checked against circuits/artifacts/ceremony.json first.
 */
export async function verifyCeremony() {
  const f = (name: string) => path.join(BUILD, name);
  const recordFile = path.join(ARTIFACTS, "ceremony.json");
  if (!existsSync(recordFile)) {
    throw new Error(
      "circuits/artifacts has no ceremony.json: the committed key's ceremony kept no record of its powers of tau (the v1 " +
        "key's ptau was deleted before it was verified), so it cannot be verified; the next `npm run zk:build` writes one",
    );
  }
  const record = JSON.parse(readFileSync(recordFile, "utf8")) as { ptau: { blake2b512: string; bytes: number } };
  const ptau = f("pot_final.ptau");
  if (!existsSync(ptau)) {
    throw new Error(
      `no ${path.relative(ROOT, ptau)}: zk:verify needs the ceremony's powers of tau (${record.ptau.bytes} bytes, BLAKE2b ` +
        `${record.ptau.blake2b512.slice(0, 16)}…, circuits/artifacts/ceremony.json); copy it there from the machine that ran the ceremony`,
    );
  }
  if (fileHash(ptau) !== record.ptau.blake2b512) throw new Error(`${path.relative(ROOT, ptau)} is not the ceremony's powers of tau (hash differs)`);
  if (!existsSync(f(`${NAME}.r1cs`))) {
    step("compiling circuits/private_vault.circom (circom2)");
    compileCircuit();
  }
  step("verifying the committed proving key against the circuit and the powers of tau");
  const ok = await snarkjs.zKey.verifyFromR1cs(f(`${NAME}.r1cs`), ptau, path.join(ARTIFACTS, `${NAME}.zkey`), logger);
  if (!ok) throw new Error("the zkey does not verify against the circuit and the powers of tau");
  step("the proving key verifies");
}

async function exportArtifacts(f: (name: string) => string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  copyFileSync(f(`${NAME}_js/${NAME}.wasm`), path.join(ARTIFACTS, `${NAME}.wasm`));
  copyFileSync(f("vault_final.zkey"), path.join(ARTIFACTS, `${NAME}.zkey`));
  const vkey = await snarkjs.zKey.exportVerificationKey(f("vault_final.zkey"));
  writeFileSync(path.join(ARTIFACTS, `${NAME}.vkey.json`), JSON.stringify(vkey, null, 2) + "\n");
  const template = readFileSync(path.join(ROOT, "node_modules/snarkjs/templates/verifier_groth16.sol.ejs"), "utf8");
  const solidity = (await snarkjs.zKey.exportSolidityVerifier(f("vault_final.zkey"), { groth16: template }))
    .replace(/pragma solidity [^;]+;/, "pragma solidity 0.8.37;")
    .replace("contract Groth16Verifier", "contract PrivateVaultVerifier");
  const sol = path.join(ROOT, "contracts/src/privacy/PrivateVaultVerifier.sol");
  mkdirSync(path.dirname(sol), { recursive: true });
  writeFileSync(sol, "// Generated by `npm run zk:build` (snarkjs's Groth16 template) from circuits/private_vault.circom: do not edit.\n" + solidity);
  execFileSync(path.join(ROOT, "node_modules/.bin/forge"), ["fmt", sol], { cwd: path.join(ROOT, "contracts") });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  (process.argv.includes("--verify-only") ? verifyCeremony() : main())
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
