import { createTranslator } from "next-intl";
import { encodeErrorResult, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import es from "@/messages/es.json";
import zh from "@/messages/zh.json";
import { aaveMessage, describeAaveError, explainAaveError } from "./aave-v3/errors";
import { describeMorphoError, explainMorphoError } from "./morpho-blue/errors";

const revert = (reason: string): Hex =>
  encodeErrorResult({ abi: [{ type: "error", name: "Error", inputs: [{ name: "reason", type: "string" }] }], errorName: "Error", args: [reason] });
/** What hooks/use-error-text.ts shows in `locale`. */
const shown = (messages: object, locale: string, e: { key?: string; values?: Record<string, string | number | Date>; message: string }) => {
  const t = createTranslator({ locale, messages: messages as never, namespace: "txErrors" as never });
  return e.key && t.has(e.key as never) ? t(e.key as never, e.values as never) : e.message;
};

describe("Aave and Morpho refusals, translated", () => {
  it("an Aave code becomes its sentence, keyed by its name, in Spanish and Chinese", () => {
    const e = explainAaveError(revert("36"));
    expect(e).toEqual({
      key: "aave.COLLATERAL_CANNOT_COVER_NEW_BORROW",
      message: "Your collateral does not cover this borrow at Aave's loan-to-value limit.",
    });
    expect(describeAaveError(revert("36"))).toBe(e.message);
    expect(shown(es, "es", e)).toBe("Tu colateral no cubre este préstamo con el límite de préstamo sobre valor de Aave.");
    expect(shown(zh, "zh", e)).toBe("按 Aave 的贷款价值比上限，你的抵押品不足以支持这笔借款。");
    // The adapter's own checks name the error; the reserve checks of the actions panel go the same way.
    expect(shown(es, "es", aaveMessage("RESERVE_PAUSED"))).toMatch(/^La reserva de Aave de este activo está en pausa/);
  });

  it("a Morpho reason becomes its sentence, keyed by the reason in camelCase", () => {
    const e = explainMorphoError(revert("insufficient collateral"));
    expect(e.key).toBe("morpho.insufficientCollateral");
    expect(describeMorphoError(revert("insufficient collateral"))).toBe(
      "This would leave the Morpho position above its liquidation LTV (unhealthy).",
    );
    expect(shown(es, "es", e)).toBe("Esto dejaría la posición de Morpho por encima de su LTV de liquidación (no saludable).");
    expect(shown(zh, "zh", explainMorphoError(revert("position is healthy")))).toBe("该 Morpho 仓位是健康的：不能被清算。");
  });

  it("a reason the tables do not phrase is named, in every language", () => {
    const e = explainMorphoError(revert("max uint128 exceeded"));
    expect(e.message).toBe("Morpho refused the transaction (max uint128 exceeded).");
    expect(shown(es, "es", e)).toBe("Morpho rechazó la transacción (max uint128 exceeded).");
    expect(shown(zh, "zh", explainAaveError(revert("77")))).toBe("Aave 拒绝了这笔交易（77）。");
    expect(explainAaveError(revert("89")).key).toBe("aave.SILOED_BORROWING_VIOLATION");
  });
});
