import { BaseError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelErrorsAbi } from "@/contracts-abi/call";
import { ConnectorAccountNotFoundError, ConnectorNotConnectedError, ProviderNotFoundError } from "@wagmi/core";
import { describeError, ERROR_MESSAGES, errorNames } from "./tx-errors";

describe("the one table of error messages", () => {
  it("has a message for every custom error of every Keel contract", () => {
    const missing = errorNames(keelErrorsAbi, keelLensAbi, devPriceFeedAbi).filter((n) => !ERROR_MESSAGES[n]);
    expect(missing, `add these to ERROR_MESSAGES in lib/tx/tx-errors.ts`).toEqual([]);
  });
});

describe("describeError", () => {
  it("decodes a custom error by name through the ABI", () => {
    const data = encodeErrorResult({ abi: keelErrorsAbi, errorName: "ExceedsLtv", args: [1n, 10n, 11n] });
    const err = new ContractFunctionRevertedError({ abi: keelErrorsAbi, data, functionName: "borrow" });
    const d = describeError(new BaseError("simulation failed", { cause: err }));
    expect(d).toEqual({
      kind: "revert",
      errorName: "ExceedsLtv",
      message: "This would take the vault beyond its maximum loan-to-value (a collateral without a fresh price counts as zero).",
      key: "revert.ExceedsLtv",
      values: { a0: "1", a1: "10", a2: "11" },
    });
  });
  it("treats a rejected signature as neutral", () => {
    const d = describeError(new UserRejectedRequestError(new Error("User rejected the request.")));
    expect(d.kind).toBe("rejected");
  });
});

describe("every library error reaches the person as a sentence", () => {
  it("explains wagmi's connector errors (account switched between approve and action)", () => {
    const raw = new ConnectorNotConnectedError();
    expect(raw.message).toMatch(/Version: @wagmi\/core@/); // what the person used to see
    const d = describeError(raw);
    expect(d.message).not.toMatch(/Version|@wagmi/);
    expect(d.message).toMatch(/^Your wallet disconnected \(or you switched accounts\)/);
    const acct = describeError(
      new ConnectorAccountNotFoundError({ address: "0x0000000000000000000000000000000000000001", connector: { name: "X" } as never }),
    );
    expect(acct.message).toMatch(/no longer selected/);
    expect(describeError(new ProviderNotFoundError()).message).toMatch(/No wallet was found/);
  });
  it("reads EIP-1193 codes and strips version lines from anything else", () => {
    expect(describeError({ code: 4001, message: "x" }).kind).toBe("rejected");
    expect(describeError(Object.assign(new Error("busy"), { code: -32002 })).message).toMatch(/busy with another request/);
    const other = describeError(new BaseError("Something odd happened", { details: "deep" }));
    expect(other.message).toBe("Something odd happened.");
    expect(describeError(new Error("first line\n\nVersion: lib@1.0.0")).message).toBe("first line.");
  });
});
