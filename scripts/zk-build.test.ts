import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { devLiquidatorsPubY } from "../lib/privacy/liquidators";
import { tempDir } from "./lib/temp-dir";
import { checkLiquidatorsKey, checkReusedPtau, neededPower, ptauPower } from "./zk-build";

const CIRCUIT = readFileSync(path.resolve(import.meta.dirname, "..", "circuits", "private_vault.circom"), "utf8");

describe("zk:build --production refuses a circuit with the development liquidators' key (zkaudit4 M2b)", () => {
  const y = devLiquidatorsPubY();

  it("refuses the committed circuit, and the key's y written in hex", () => {
    expect(CIRCUIT).toContain(y.toString());
    expect(() => checkLiquidatorsKey(CIRCUIT)).toThrow(/carries the development liquidators' key/);
    expect(() => checkLiquidatorsKey(CIRCUIT.replace(y.toString(), `0x${y.toString(16).toUpperCase()}`))).toThrow(/development/);
  });

  it("takes a circuit with another key, whatever its comments say", () => {
    const other = CIRCUIT.replace(y.toString(), "1234567890123456789");
    expect(() => checkLiquidatorsKey(other)).not.toThrow();
    expect(() => checkLiquidatorsKey(`${other}\n// the dev key was ${y}\n/* ${y} */`)).not.toThrow();
    expect(() => checkLiquidatorsKey(other.replace("1234567890123456789", `${y}7`))).not.toThrow(); // another number
  });
});

/** A powers-of-tau file's first bytes as snarkjs writes them: magic, version, sections, then the header section. */
function ptauHeader(power: number): Buffer {
  const n8 = 32;
  const head = Buffer.alloc(12);
  head.write("ptau", 0, "latin1");
  head.writeUInt32LE(1, 4);
  head.writeUInt32LE(2, 8);
  const body = Buffer.alloc(4 + n8 + 8);
  body.writeUInt32LE(n8, 0);
  body.writeUInt32LE(power, 4 + n8);
  body.writeUInt32LE(power, 8 + n8);
  const section = (type: number, data: Buffer) => {
    const s = Buffer.alloc(12);
    s.writeUInt32LE(type, 0);
    s.writeBigUInt64LE(BigInt(data.length), 4);
    return Buffer.concat([s, data]);
  };
  // snarkjs puts the header first; a reader must still find it behind another section
  return Buffer.concat([head, section(7, Buffer.alloc(20)), section(1, body)]);
}

describe("zk:build --reuse-ptau checks the file's power (zkaudit4 Info)", () => {
  const dir = tempDir("zk-build-test");

  it("reads the power from the header and refuses a ptau too small for the circuit", () => {
    const file = path.join(dir, "pot_final.ptau");
    writeFileSync(file, ptauHeader(13));
    expect(ptauPower(file)).toBe(13);
    const needed = neededPower({ nConstraints: 10_057, nPubInputs: 15 });
    expect(needed).toBe(14);
    expect(() => checkReusedPtau(file, needed)).toThrow(/holds 2\^13 powers, the circuit needs 2\^14/);
    writeFileSync(file, ptauHeader(15));
    expect(checkReusedPtau(file, needed)).toBe(15);
  });

  it("refuses a file that is not a powers of tau", () => {
    const file = path.join(dir, "junk.ptau");
    writeFileSync(file, "not a ptau at all");
    expect(() => ptauPower(file)).toThrow(/not a powers of tau file/);
  });
});
