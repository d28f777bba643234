import { zeroAddress, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import type { ReputationDeployment } from "../config/deployment";
import { readReputation } from "./read";

const MARKET = "0x1111111111111111111111111111111111111111";
const OWNER = "0x2222222222222222222222222222222222222222";
const SOURCE = "0x3333333333333333333333333333333333333333";
const OTHER = "0x4444444444444444444444444444444444444444";
const rep = { source: SOURCE, eas: "0x5555555555555555555555555555555555555555" } as unknown as ReputationDeployment;
const NO_UID = `0x${"0".repeat(64)}` as Hex;
const UID = `0x${"ab".repeat(32)}` as Hex;

/**
 * A client whose answers wait until the test lets them go: the calls asked for before any answer make one round (one
 * batch on the wire), and `rounds` lists each round's calls as `address:function`.
 */
function roundClient(answers: (address: Address, functionName: string) => unknown) {
  const rounds: string[][] = [];
  let open: string[] | null = null;
  const client = {
    readContract: ((c: { address: Address; functionName: string }) => {
      if (!open) {
        open = [];
        rounds.push(open);
        // The round closes once the calls asked for synchronously and in microtasks are in: answer after a macrotask.
        setTimeout(() => (open = null), 0);
      }
      open.push(`${c.address.slice(0, 4)}:${c.functionName}`);
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(answers(c.address, c.functionName));
          } catch (e) {
            reject(e);
          }
        }, 1),
      );
    }) as never,
  };
  return { client, rounds };
}

describe("readReputation", () => {
  it("asks for the market's source and the deployment source's figures and record in one round", async () => {
    const { client, rounds } = roundClient((address, fn) =>
      fn === "reputation" ? SOURCE : fn === "maxBonus" ? 500n : fn === "ltvBonus" ? 0n : fn === "recordOf" ? [NO_UID, 0n, 0n] : undefined,
    );
    expect(await readReputation(client, MARKET, rep, OWNER)).toEqual({ source: SOURCE, honoured: null, maxBonus: 500n, bonusNow: 0n, known: true });
    expect(rounds).toEqual([["0x11:reputation", "0x33:maxBonus", "0x33:ltvBonus", "0x33:recordOf"]]);
  });

  it("reads a record's attestation in a second round", async () => {
    const data = `0x${"00".repeat(7 * 32)}` as Hex; // the record schema's seven words, all zero
    const { client, rounds } = roundClient((address, fn) =>
      fn === "reputation"
        ? SOURCE
        : fn === "maxBonus"
          ? 500n
          : fn === "ltvBonus"
            ? 200n
            : fn === "recordOf"
              ? [UID, 300n, 2_000_000_000n]
              : { data, time: 1_700_000_000n, attester: OTHER },
    );
    const r = await readReputation(client, MARKET, rep, OWNER);
    expect(r).toMatchObject({ source: SOURCE, maxBonus: 500n, bonusNow: 200n, known: true });
    expect(r.honoured).toMatchObject({ uid: UID, bonus: 300n, expiry: 2_000_000_000, bonusNow: 200n, attester: OTHER, attestedAt: 1_700_000_000 });
    expect(rounds).toEqual([["0x11:reputation", "0x33:maxBonus", "0x33:ltvBonus", "0x33:recordOf"], ["0x55:getAttestation"]]);
  });

  it("reads another source's figures in a second round, without a record (the attestation's inputs are the deployment's)", async () => {
    const { client, rounds } = roundClient((address, fn) =>
      fn === "reputation"
        ? OTHER
        : fn === "maxBonus"
          ? address === OTHER
            ? 100n
            : 500n
          : fn === "ltvBonus"
            ? address === OTHER
              ? 50n
              : 0n
            : [UID, 1n, 1n],
    );
    expect(await readReputation(client, MARKET, rep, OWNER)).toEqual({ source: OTHER, honoured: null, maxBonus: 100n, bonusNow: 50n, known: false });
    expect(rounds[1]).toEqual(["0x44:maxBonus", "0x44:ltvBonus"]);
  });

  it("does not fail on the deployment source's first reads: the market's own source decides, read again in a second round", async () => {
    // The deployment's source answers nothing in the first round (misconfigured, or a node's hiccup), the market has none.
    const none = roundClient((address, fn) => {
      if (fn === "reputation") return zeroAddress;
      throw new Error("no code");
    });
    expect(await readReputation(none.client, MARKET, rep, OWNER)).toEqual({
      source: null,
      honoured: null,
      maxBonus: 0n,
      bonusNow: 0n,
      known: false,
    });
    // The market's source is the deployment's and its first reads failed once: read again, record and all.
    let failed = false;
    const once = roundClient((address, fn) => {
      if (fn === "reputation") return SOURCE;
      if (fn === "maxBonus" && !failed) {
        failed = true;
        throw new Error("timeout");
      }
      return fn === "maxBonus" ? 500n : fn === "ltvBonus" ? 0n : [NO_UID, 0n, 0n];
    });
    expect(await readReputation(once.client, MARKET, rep, OWNER)).toEqual({
      source: SOURCE,
      honoured: null,
      maxBonus: 500n,
      bonusNow: 0n,
      known: true,
    });
    expect(once.rounds[1]).toEqual(["0x33:maxBonus", "0x33:ltvBonus", "0x33:recordOf"]);
  });

  it("says there is no source when the market has none, and reads only the market without a deployment source", async () => {
    const { client, rounds } = roundClient(() => zeroAddress);
    expect(await readReputation(client, MARKET, undefined, OWNER)).toEqual({
      source: null,
      honoured: null,
      maxBonus: 0n,
      bonusNow: 0n,
      known: false,
    });
    expect(rounds).toEqual([["0x11:reputation"]]);
  });
});
