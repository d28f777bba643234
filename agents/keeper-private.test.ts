import { describe, expect, it } from "vitest";
import { SUBORDER } from "@/lib/privacy/babyjub";
import { DEV_LIQUIDATORS_SECRET, isDevLiquidatorsSecret, liquidatorsPublicKey } from "@/lib/privacy/liquidators";
import { liquidatorsSecret } from "./keeper-private";

describe("liquidatorsSecret: the liquidators' key for a chain", () => {
  it("gives the development key on a local chain when none is set", () => {
    expect(liquidatorsSecret(31337, {})).toBe(DEV_LIQUIDATORS_SECRET);
    expect(liquidatorsSecret(31338, { KEEL_LIQUIDATORS_SECRET: " " })).toBe(DEV_LIQUIDATORS_SECRET);
  });

  it("reads KEEL_LIQUIDATORS_SECRET in hex or decimal", () => {
    expect(liquidatorsSecret(1, { KEEL_LIQUIDATORS_SECRET: "0x2a" })).toBe(42n);
    expect(liquidatorsSecret(8453, { KEEL_LIQUIDATORS_SECRET: "12345" })).toBe(12345n);
  });

  it("refuses a missing key, and the development key, on a non-local chain", () => {
    expect(() => liquidatorsSecret(1, {})).toThrow(/set KEEL_LIQUIDATORS_SECRET/);
    expect(() => liquidatorsSecret(1, { KEEL_LIQUIDATORS_SECRET: `0x${DEV_LIQUIDATORS_SECRET.toString(16)}` })).toThrow(/public development key/);
  });

  it("refuses the development key's negation too: the same key, since only y of the shared point is used (zkaudit4 M2c)", () => {
    const negated = SUBORDER - DEV_LIQUIDATORS_SECRET;
    expect(liquidatorsPublicKey(negated)[1]).toBe(liquidatorsPublicKey()[1]);
    expect(isDevLiquidatorsSecret(negated)).toBe(true);
    expect(() => liquidatorsSecret(1, { KEEL_LIQUIDATORS_SECRET: negated.toString() })).toThrow(/public development key/);
    expect(isDevLiquidatorsSecret(42n)).toBe(false);
    expect(liquidatorsSecret(31337, { KEEL_LIQUIDATORS_SECRET: negated.toString() })).toBe(negated); // a local chain takes it
  });

  it("refuses a key that is not a number or out of the subgroup", () => {
    expect(() => liquidatorsSecret(31337, { KEEL_LIQUIDATORS_SECRET: "keel" })).toThrow(/not a number/);
    expect(() => liquidatorsSecret(31337, { KEEL_LIQUIDATORS_SECRET: "0" })).toThrow(/out of range/);
    expect(() => liquidatorsSecret(31337, { KEEL_LIQUIDATORS_SECRET: SUBORDER.toString() })).toThrow(/out of range/);
  });
});
