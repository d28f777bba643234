import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LTV_BONUS } from "../engine/risk";
import { WAD } from "../engine/math";
import { buildRecords, type VaultEvent } from "./record";
import { boostedLimit, bonusForScore, DEFAULT_SCORE_POLICY, MAX_SCORE, scoreRecord, type AccountRecord } from "./score";

const DAY = 86_400;
const NOW = 1_800_000_000;

const arbRecord = fc.record({
  ageDays: fc.integer({ min: 0, max: 2000 }),
  repayments: fc.integer({ min: 0, max: 500 }),
  liquidations: fc.integer({ min: 0, max: 5 }),
  closedWithoutLoss: fc.integer({ min: 0, max: 100 }),
  closedWithLoss: fc.integer({ min: 0, max: 5 }),
});
const toRecord = (x: {
  ageDays: number;
  repayments: number;
  liquidations: number;
  closedWithoutLoss: number;
  closedWithLoss: number;
}): AccountRecord => ({
  firstSeen: NOW - x.ageDays * DAY,
  repayments: x.repayments,
  liquidations: x.liquidations,
  closedWithoutLoss: x.closedWithoutLoss,
  closedWithLoss: x.closedWithLoss,
  asOfBlock: 1n,
});

describe("scoreRecord", () => {
  it("is an integer in [0, MAX_SCORE], and its parts explain it", () => {
    fc.assert(
      fc.property(arbRecord, (x) => {
        const s = scoreRecord(toRecord(x), NOW);
        expect(Number.isInteger(s.score)).toBe(true);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(MAX_SCORE);
        for (const p of s.parts) expect(p.points).toBeLessThanOrEqual(p.max);
        if (!s.gate) expect(s.score).toBe(s.parts.reduce((t, p) => t + p.points, 0));
      }),
    );
  });

  it("never falls with more age, repayments or positions closed without loss", () => {
    fc.assert(
      fc.property(
        arbRecord,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        (x, dAge, dRep, dClosed) => {
          const a = scoreRecord(toRecord(x), NOW).score;
          const b = scoreRecord(
            toRecord({ ...x, ageDays: x.ageDays + dAge, repayments: x.repayments + dRep, closedWithoutLoss: x.closedWithoutLoss + dClosed }),
            NOW,
          ).score;
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });

  it("is 0 for a liquidated or too young account, whatever else it did", () => {
    fc.assert(
      fc.property(arbRecord, (x) => {
        expect(scoreRecord(toRecord({ ...x, liquidations: Math.max(x.liquidations, 1) }), NOW)).toMatchObject({ score: 0, gate: expect.any(String) });
        const young = Math.floor(DEFAULT_SCORE_POLICY.minAgeSeconds / DAY) - 1;
        expect(scoreRecord(toRecord({ ...x, ageDays: Math.min(x.ageDays, young) }), NOW)).toMatchObject({ score: 0, gate: "tooYoung" });
      }),
    );
  });

  it("gives a long, clean record the full score", () => {
    const s = scoreRecord(toRecord({ ageDays: 365, repayments: 20, liquidations: 0, closedWithoutLoss: 5, closedWithLoss: 0 }), NOW);
    expect(s).toMatchObject({ score: MAX_SCORE, gate: null });
  });
});

describe("bonusForScore and boostedLimit (the contracts' formulas)", () => {
  const maxBonus = 5n * 10n ** 16n;
  it("bonus is the score's share of the cap, never above it; out-of-range scores earn nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: MAX_SCORE + 10 }), (score) => {
        const b = bonusForScore(score, maxBonus);
        expect(b).toBeLessThanOrEqual(maxBonus);
        if (score < 0 || score > MAX_SCORE) expect(b).toBe(0n);
        else expect(b).toBe((maxBonus * BigInt(score)) / 10_000n);
      }),
    );
  });

  it("the boosted limit never passes halfway to the liquidation value, so HF at it stays above 1", () => {
    const arbWad = fc.bigInt({ min: 0n, max: 10n ** 30n });
    fc.assert(
      fc.property(
        arbWad,
        fc.bigInt({ min: 1n, max: 99n }),
        fc.bigInt({ min: 1n, max: 99n }),
        fc.oneof(fc.bigInt({ min: 0n, max: WAD }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })),
        (value, ltvPct, gapPct, bonus) => {
          const ltv = (ltvPct * WAD) / 100n;
          const lt = ltv + ((WAD - ltv) * gapPct) / 100n;
          const limit = (value * ltv) / WAD;
          const liq = (value * lt) / WAD;
          const boosted = boostedLimit(limit, { value, liquidationValue: liq }, bonus);
          expect(boosted).toBeGreaterThanOrEqual(limit);
          expect(boosted).toBeLessThanOrEqual(limit + (value * (bonus < MAX_LTV_BONUS ? bonus : MAX_LTV_BONUS)) / WAD);
          expect(2n * boosted).toBeLessThanOrEqual(limit + liq);
          if (boosted > 0n && liq > limit) expect(liq).toBeGreaterThan(boosted); // HF = liq ÷ debt > 1 at the boosted limit
        },
      ),
    );
  });
});

describe("buildRecords", () => {
  const A = "0x00000000000000000000000000000000000000a1";
  const B = "0x00000000000000000000000000000000000000b0";
  it("attributes each event to the owner of the moment, and counts positions closed with and without loss", () => {
    const ev: VaultEvent[] = [
      { kind: "opened", vault: "m:1", owner: A, time: 100 },
      { kind: "borrowed", vault: "m:1", shares: 10n, time: 110 },
      { kind: "repaid", vault: "m:1", shares: 4n, time: 120 },
      { kind: "repaid", vault: "m:1", shares: 6n, time: 130 }, // closed, no loss
      { kind: "borrowed", vault: "m:1", shares: 5n, time: 140 },
      { kind: "transferred", vault: "m:1", to: B, time: 150 },
      { kind: "liquidated", vault: "m:1", sharesAfter: 2n, time: 160 }, // B's
      { kind: "repaid", vault: "m:1", shares: 2n, time: 170 }, // B closes it, with loss
      { kind: "repaid", vault: "m:9", shares: 2n, time: 171 }, // a vault never seen opened: ignored
    ];
    const r = buildRecords(ev, 7n);
    expect(r.get(A)).toEqual({ firstSeen: 100, repayments: 2, liquidations: 0, closedWithoutLoss: 1, closedWithLoss: 0, asOfBlock: 7n });
    expect(r.get(B)).toEqual({ firstSeen: 150, repayments: 1, liquidations: 1, closedWithoutLoss: 0, closedWithLoss: 1, asOfBlock: 7n });
  });

  it("never counts more closed positions than borrows, nor repayments than repay events", () => {
    const arbEvent = fc.oneof(
      fc.record({ kind: fc.constant("borrowed" as const), shares: fc.bigInt({ min: 1n, max: 100n }) }),
      fc.record({ kind: fc.constant("repaid" as const), shares: fc.bigInt({ min: 1n, max: 100n }) }),
      fc.record({ kind: fc.constant("liquidated" as const), sharesAfter: fc.bigInt({ min: 0n, max: 50n }) }),
      fc.record({ kind: fc.constant("badDebt" as const) }),
    );
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 40 }), (xs) => {
        const ev: VaultEvent[] = [
          { kind: "opened", vault: "m:1", owner: A, time: 1 },
          ...xs.map((x, i) => ({ ...x, vault: "m:1", time: i + 2 }) as VaultEvent),
        ];
        const r = buildRecords(ev, 1n).get(A)!;
        const borrows = xs.filter((x) => x.kind === "borrowed").length;
        expect(r.closedWithoutLoss + r.closedWithLoss).toBeLessThanOrEqual(borrows);
        expect(r.repayments).toBe(xs.filter((x) => x.kind === "repaid").length);
        expect(r.liquidations).toBe(xs.filter((x) => x.kind === "liquidated").length);
      }),
    );
  });
});
