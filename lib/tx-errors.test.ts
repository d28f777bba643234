import { BaseError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { devPriceFeedAbi, keelErrorsAbi, keelLensAbi } from "@/contracts-abi";
import { describeError, ERROR_MESSAGES, errorNames } from "./tx-errors";

describe("the one table of error messages", () => {
  it("has a message for every custom error of every Keel contract", () => {
    const missing = errorNames(keelErrorsAbi, keelLensAbi, devPriceFeedAbi).filter((n) => !ERROR_MESSAGES[n]);
    expect(missing, `add these to ERROR_MESSAGES in lib/tx-errors.ts`).toEqual([]);
  });
});

describe("describeError", () => {
  it("decodes a custom error by name through the ABI", () => {
    const data = encodeErrorResult({ abi: keelErrorsAbi, errorName: "ExceedsLtv", args: [1n, 10n, 11n] });
    const err = new ContractFunctionRevertedError({ abi: keelErrorsAbi, data, functionName: "borrow" });
    const d = describeError(new BaseError("simulation failed", { cause: err }));
    expect(d).toEqual({ kind: "revert", errorName: "ExceedsLtv", message: "This would take the vault beyond its maximum loan-to-value (a collateral without a fresh price counts as zero)." });
  });
  it("treats a rejected signature as neutral", () => {
    const d = describeError(new UserRejectedRequestError(new Error("User rejected the request.")));
    expect(d.kind).toBe("rejected");
  });
});
