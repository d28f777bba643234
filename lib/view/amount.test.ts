import fc from "fast-check";
import { formatUnits } from "viem";
import { formatter } from "./format";
import { describe, expect, it } from "vitest";
import {
  currentLeverageHundredths,
  leverageHundredths,
  maxLeverageDeposit,
  parseAmount,
  parseAmountText,
  parseLeverageText,
  targetLeverage,
} from "./amount";

const fmt = { decimalSeparator: ".", unitsDown: (v: bigint) => formatUnits(v, 6) } as const;
const problem = (text: string, limits = { decimals: 6, symbol: "USDC" }) => {
  const r = parseAmount(text, limits, fmt);
  return r.ok ? "ok" : r.problem;
};

describe("parseAmountText", () => {
  it("parses exactly", () => {
    expect(parseAmountText("1.5", 6)).toEqual({ ok: true, value: 1_500_000n });
    expect(parseAmountText(" .25 ", 6)).toEqual({ ok: true, value: 250_000n });
    expect(parseAmountText("7.", 18)).toEqual({ ok: true, value: 7n * 10n ** 18n });
    expect(parseAmountText("0.000000000000000001", 18)).toEqual({ ok: true, value: 1n });
    expect(parseAmountText("123456789012345678901234567890", 0)).toEqual({ ok: true, value: 123456789012345678901234567890n });
  });
  it("round-trips every value through viem's formatUnits", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 50n }), fc.integer({ min: 0, max: 24 }), (v, d) => {
        expect(parseAmountText(formatUnits(v, d), d)).toEqual({ ok: true, value: v });
      }),
    );
  });
});

describe("parseAmount gives each bad input its own problem", () => {
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "notANumber"],
    ["1.2.3", "separator"],
    ["1,000", "ambiguous"],
    ["1,5", "ok"],
    ["1 000", "ok"],
    ["1_000.5", "ok"],
    ["1,23,456", "separator"],
    ["12 34", "separator"],
    ["1,000,5", "separator"],
    ["1.5 000", "separator"],
    [".", "notANumber"],
    ["0x10", "notANumber"],
    ["-1", "negative"],
    ["1e6", "exponent"],
    ["2.5E-3", "exponent"],
    ["1.1234567", "tooManyDecimals"],
    ["0", "zero"],
    ["0.000000", "zero"],
    ["12.5", "ok"],
  ])("%j → %s", (text, expected) => {
    expect(problem(text)).toBe(expected);
  });
  it("checks the balance, then the maximum", () => {
    const limits = { decimals: 6, symbol: "USDC", balance: 100_000_000n, max: { value: 50_000_000n, reason: "keeps the vault within its LTV" } };
    expect(parseAmount("150", limits, fmt)).toEqual({
      ok: false,
      problem: "aboveBalance",
      message: "You have 100 USDC",
      values: { balance: "100", symbol: "USDC" },
    });
    expect(parseAmount("60", limits, fmt)).toEqual({
      ok: false,
      problem: "aboveMax",
      message: "At most 50 USDC: keeps the vault within its LTV",
      values: { max: "50", symbol: "USDC", reason: "keeps the vault within its LTV" },
    });
    expect(parseAmount("50", limits, fmt)).toEqual({ ok: true, value: 50_000_000n });
  });
  it("names the token's decimals", () => {
    const r = parseAmount("0.5", { decimals: 0, symbol: "NFT" }, fmt);
    expect(r.ok ? "" : r.message).toBe("NFT has no decimals: enter a whole number");
  });
});

describe("numbers as the reader writes them", () => {
  const read = (text: string, decimal: "." | "," = ".") => {
    const r = parseAmountText(text, 6, { decimal });
    return r.ok ? r.value : r.problem;
  };
  it.each([
    // [text, in English (decimal point), in Spanish (decimal comma)]
    ["1234.5", 1_234_500_000n, 1_234_500_000n],
    ["1234,5", 1_234_500_000n, 1_234_500_000n],
    ["1,234.5", 1_234_500_000n, 1_234_500_000n],
    ["1.234,5", 1_234_500_000n, 1_234_500_000n],
    ["1,234,567", 1_234_567_000_000n, 1_234_567_000_000n],
    ["1.234.567", 1_234_567_000_000n, 1_234_567_000_000n],
    ["1 234 567,25", 1_234_567_250_000n, 1_234_567_250_000n],
    ["1\u202f234,5", 1_234_500_000n, 1_234_500_000n],
    ["1'234.5", 1_234_500_000n, 1_234_500_000n],
    ["0.5", 500_000n, 500_000n],
    ["0,5", 500_000n, 500_000n],
    ["0,500", 500_000n, 500_000n],
    [",25", 250_000n, 250_000n],
    // One separator before three digits is the decimal point in the reader's own writing, else it could be either.
    ["2.125", 2_125_000n, "ambiguous"],
    ["2,125", "ambiguous", 2_125_000n],
    ["1.000", 1_000_000n, "ambiguous"],
    ["12,345", "ambiguous", 12_345_000n],
    // Groups are three digits after a first of one to three, in one kind of separator.
    ["1,2345", "separator", 1_234_500n],
    ["10,0000", "separator", 10_000_000n],
    ["1234,567", 1_234_567_000n, 1_234_567_000n],
    // A grouped number before the other writing's mark and three digits could be either too.
    ["1 500,000", "ambiguous", 1_500_000_000n],
    ["1 500.000", 1_500_000_000n, "ambiguous"],
    // A mark at the end: the reader's own decimal point alone is one; the other writing's, or after both kinds, a typo.
    ["1.", 1_000_000n, "separator"],
    ["1,", "separator", 1_000_000n],
    ["1.000,", "separator", "separator"],
    ["1,000.", "separator", "separator"],
    // Full-width digits and marks (Chinese input methods), a curly apostrophe, the typographic minus.
    ["１２．５", 12_500_000n, 12_500_000n],
    ["１２，５", 12_500_000n, 12_500_000n],
    ["1’234.5", 1_234_500_000n, 1_234_500_000n],
    ["−5", "negative", "negative"],
    ["1".repeat(101), "notANumber", "notANumber"],
    ["12,34,567", "separator", "separator"],
    ["1.234,567.8", "separator", "separator"],
    ["1 234.567,8", "separator", "separator"],
    ["1,000.000.5", "separator", "separator"],
    ["1.5e3", "exponent", "exponent"],
    ["1,5e3", "exponent", "exponent"],
  ])("%j → %s in English, %s in Spanish", (text, en, es) => {
    expect(read(text)).toBe(en);
    expect(read(text, ",")).toBe(es);
  });
  it("names both readings of an ambiguous number, in the reader's writing", () => {
    expect(parseAmountText("1,500", 6)).toMatchObject({
      problem: "ambiguous",
      message: "“1,500” could be 1500 or 1.5: write one of the two",
      values: { text: "1,500", grouped: "1500", decimal: "1.5" },
    });
    expect(parseAmountText("1.500", 6, { decimal: "," })).toMatchObject({ values: { text: "1.500", grouped: "1500", decimal: "1,5" } });
    expect(parseAmountText("2.000", 6, { decimal: "," })).toMatchObject({ values: { grouped: "2000", decimal: "2" } });
  });
  it("reads back what a Formatter writes in a box (Max, a default) and what it shows, in each language", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), fc.constantFrom("en", "es", "zh"), (v, d, locale) => {
        const f = formatter(locale);
        expect(parseAmountText(f.unitsInput(v, d), d, { decimal: f.decimalSeparator })).toEqual({ ok: true, value: v });
        const shown = parseAmountText(f.unitsExact(v, d), d, { decimal: f.decimalSeparator });
        // A shown amount with grouping and no decimals ("1,500") is the one form that can be refused, as ambiguous.
        if (shown.ok) expect(shown.value).toBe(v);
        else expect(shown.problem).toBe("ambiguous");
      }),
    );
  });
  it("parseAmount reads with the reader's separator", () => {
    expect(parseAmount("1.500", { decimals: 6, symbol: "USDC" }, formatter("es"))).toMatchObject({ ok: false, problem: "ambiguous" });
    expect(parseAmount("1.500,25", { decimals: 6, symbol: "USDC" }, formatter("es"))).toEqual({ ok: true, value: 1_500_250_000n });
    expect(parseAmount("1.500", { decimals: 6, symbol: "USDC" }, formatter("en"))).toEqual({ ok: true, value: 1_500_000n });
  });
});

describe("wording", () => {
  it("shows how to write a number when the separators do not make one", () => {
    for (const t of ["1,23,456", "1 2", "1.2.3"]) {
      const r = parseAmountText(t, 6);
      expect(r.ok ? "" : r.message).toBe("Write the amount like 1234.5 or 1,234.5");
    }
  });
  it("names what is negative", () => {
    const r = parseAmountText("-1", 2, { symbol: "%", what: "a slippage bound" });
    expect(r.ok ? "" : r.message).toBe("The slippage bound cannot be negative");
    const a = parseAmountText("-1", 2);
    expect(a.ok ? "" : a.message).toBe("The amount cannot be negative");
  });
});

describe("leverageHundredths, currentLeverageHundredths and targetLeverage", () => {
  it("show a leverage to the nearest hundredth, and read the shown current leverage as the exact current one", () => {
    const current = 1_722_222_222_222_222_222n; // 1.7222…×
    expect(leverageHundredths(current)).toBe(172);
    expect(leverageHundredths(2_999_999_999_999_999_999n)).toBe(300);
    expect(targetLeverage(172, current)).toBe(current);
    expect(targetLeverage(173, current)).toBe(1_730_000_000_000_000_000n);
    expect(targetLeverage(250, 3n * 10n ** 18n)).toBe(2_500_000_000_000_000_000n);
  });
  it("work out a new position's maximum for one whole token until a deposit is entered", () => {
    expect(maxLeverageDeposit(0n, 18, true)).toEqual({ amount: 10n ** 18n, indicative: true });
    expect(maxLeverageDeposit(5n, 6, true)).toEqual({ amount: 5n, indicative: false });
    expect(maxLeverageDeposit(0n, 8, false)).toEqual({ amount: 0n, indicative: false });
  });
  it("start the box at 1.00× for an empty position or one beyond 100×", () => {
    expect(currentLeverageHundredths(2n ** 255n)).toBe(100);
    expect(currentLeverageHundredths(101n * 10n ** 18n)).toBe(100);
    expect(currentLeverageHundredths(4_166_666_666_666_666_666n)).toBe(417);
  });
});

describe("parseLeverageText", () => {
  const problemOf = (t: string, max = 500) => {
    const r = parseLeverageText(t, max);
    return r.ok ? r.hundredths : r.problem;
  };
  it.each([
    ["2.5", 250],
    ["3x", 300],
    ["1.75×", 175],
    ["1", 100],
    ["0.5", "belowOne"],
    ["-2", "negative"],
    ["abc", "notANumber"],
    ["1e2", "exponent"],
    ["1,5", 150],
    ["1,2,3", "separator"],
    ["2.555", "tooManyDecimals"],
    ["50", "aboveMax"],
    ["", "empty"],
  ])("%j → %s", (t, expected) => {
    expect(problemOf(t)).toBe(expected);
  });
  it("says the maximum", () => {
    const r = parseLeverageText("50", 412);
    expect(r.ok ? "" : r.message).toBe("At most 4.12× for this position");
  });
});
