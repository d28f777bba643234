import { describe, expect, it } from "vitest";
import { sameAddress } from "./address";

describe("sameAddress", () => {
  const checksummed = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  it("ignores case", () => {
    expect(sameAddress(checksummed, checksummed.toLowerCase())).toBe(true);
    expect(sameAddress(checksummed.toUpperCase().replace("0X", "0x"), checksummed)).toBe(true);
  });
  it("tells different addresses apart", () => {
    expect(sameAddress(checksummed, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe(false);
  });
  it("a missing address is the same as nothing", () => {
    expect(sameAddress(undefined, checksummed)).toBe(false);
    expect(sameAddress(checksummed, null)).toBe(false);
    expect(sameAddress(undefined, undefined)).toBe(false);
  });
});
