import { describe, expect, it } from "vitest";
import type { HonouredRecord } from "../lib/reputation/read";
import { decodeRecord } from "../lib/reputation/read";
import type { AccountRecord } from "../lib/reputation/score";
import { encodeRecord, planFor, REFRESH_SECONDS } from "./reputation-scorer";

const A = "0x00000000000000000000000000000000000000a1";
const record: AccountRecord = { firstSeen: 1, repayments: 3, liquidations: 0, closedWithoutLoss: 1, closedWithLoss: 0, asOfBlock: 9n };
const honoured = (score: number, expiry: number): HonouredRecord => ({
  uid: `0x${"11".repeat(32)}`,
  bonus: 1n,
  expiry,
  bonusNow: 1n,
  score,
  record,
  attestedAt: 0,
  attester: A,
});

describe("planFor (the scorer's decision per account)", () => {
  const now = 1_000_000;
  it("attests a new positive score, leaves an unchanged fresh one, renews one about to expire", () => {
    expect(planFor(A, 2500, record, null, now)).toMatchObject({ kind: "attest", score: 2500 });
    expect(planFor(A, 2500, record, honoured(2500, now + REFRESH_SECONDS + 1), now)).toBeNull();
    expect(planFor(A, 2500, record, honoured(2500, now + REFRESH_SECONDS), now)).toMatchObject({ kind: "attest" });
    expect(planFor(A, 3000, record, honoured(2500, now + 7 * 86_400), now)).toMatchObject({ kind: "attest", score: 3000 });
  });
  it("revokes a record whose score fell to 0, and attests nothing for a 0 without one", () => {
    expect(planFor(A, 0, record, honoured(2500, now + 86_400 * 7), now)).toMatchObject({ kind: "revoke", uid: `0x${"11".repeat(32)}` });
    expect(planFor(A, 0, record, null, now)).toBeNull();
  });
});

describe("the record schema's data", () => {
  it("round-trips through encodeRecord and decodeRecord", () => {
    expect(decodeRecord(encodeRecord(2516, record))).toEqual({ score: 2516, record });
  });
});
