import { decodeAbiParameters, parseAbiParameters, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { checkDisputeReason, disputeCall, MAX_DISPUTE_REASON } from "./dispute";

const rep = {
  eas: "0x00000000000000000000000000000000000000e5" as Address,
  attester: "0x00000000000000000000000000000000000000a7" as Address,
  disputeSchema: `0x${"d1".repeat(32)}` as Hex,
};
const uid = `0x${"ab".repeat(32)}` as Hex;

describe("a reputation dispute", () => {
  it("refuses an empty or too long reason, before anything is sent", () => {
    expect(checkDisputeReason("   ")).toBe("empty");
    expect(checkDisputeReason("x".repeat(MAX_DISPUTE_REASON + 1))).toBe("tooLong");
    expect(checkDisputeReason(` ${"x".repeat(MAX_DISPUTE_REASON)} `)).toBeNull();
    expect(() => disputeCall(rep, uid, "")).toThrow(/what is wrong/);
  });

  it("attests the dispute schema, naming the record and the attester, with the trimmed reason", () => {
    const call = disputeCall(rep, uid, "  my repayment in block 120 is missing  ");
    expect(call.address).toBe(rep.eas);
    const [{ schema, data }] = call.args;
    expect(schema).toBe(rep.disputeSchema);
    expect(data).toMatchObject({ recipient: rep.attester, refUID: uid, revocable: true, expirationTime: 0n, value: 0n });
    expect(decodeAbiParameters(parseAbiParameters("string reason"), data.data)).toEqual(["my repayment in block 120 is missing"]);
  });
});
