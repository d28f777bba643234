import { describe, expect, it } from "vitest";
import { SUBORDER } from "./babyjub";
import { decryptNote, encryptNote } from "./liquidators";
import { randomEphemeral } from "./note";

const note = { collateral: 10n ** 18n, shares: 5n * 10n ** 15n, ownerPub: 123456789n, blinding: 987654321n };

describe("a note encrypted to the liquidators", () => {
  it("decrypts with the liquidators' secret to the same note", () => {
    expect(decryptNote(encryptNote(note, randomEphemeral()))).toEqual(note);
  });

  it("refuses an ephemeral secret of 0 modulo the subgroup order: its key stream would be public (audit f I-2)", () => {
    for (const e of [0n, SUBORDER, 2n * SUBORDER]) expect(() => encryptNote(note, e)).toThrow(/readable by anyone/);
  });
});
