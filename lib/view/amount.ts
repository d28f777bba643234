/**
 * Amount input: text typed by a person → an exact bigint in the token's smallest unit. Never through floating point.
 * Each way an amount can be wrong has its own code and message, so a form can show it inline and disable submit.
 */

export type AmountProblem = "empty" | "notANumber" | "negative" | "exponent" | "separator" | "tooManyDecimals" | "zero" | "aboveBalance" | "aboveMax";

/**
 * A problem's words: `message` in English, and for other languages the message `amount.<key ?? problem>` with `values`
 * (hooks/use-amount-problem.ts).
 */
export interface ProblemText {
  message: string;
  values: Record<string, string | number>;
  key?: string;
}

export type ParsedAmount = { ok: true; value: bigint } | ({ ok: false; problem: AmountProblem } & ProblemText);

export interface AmountLimits {
  /** The token's decimals. */
  decimals: number;
  /** The token's symbol, for messages. */
  symbol: string;
  /** What the user holds (for deposits and repayments); omitted when the amount does not come from the wallet. */
  balance?: bigint;
  /** The most this action allows (LTV, liquidity, debt…), with a word on why. */
  max?: { value: bigint; reason: string };
}

const fail = (problem: AmountProblem, message: string, values: Record<string, string | number> = {}): ParsedAmount => ({
  ok: false,
  problem,
  message,
  values,
});

/** The value named in messages, as a code for the other languages' `{what, select, …}`. */
const WHAT: Record<string, string> = { "an amount": "amount", "a slippage bound": "slippage", "a leverage": "leverage" };

/**
 * Parses a decimal string exactly: digits and one optional dot. Thousands or decimal separators other than the dot
 * ("1,5", "1 000", "1_000") are refused by name, as ambiguous. `what` names the value in messages, with its article
 * ("an amount", "a slippage bound").
 */
export function parseAmountText(text: string, decimals: number, symbol = "this token", what = "an amount"): ParsedAmount {
  const noun = what.replace(/^(a|an) /, "");
  const w = { what: WHAT[what] ?? "other" };
  const s = text.trim();
  if (s === "") return fail("empty", `Enter ${what}`, w);
  if (s.startsWith("-")) return fail("negative", `The ${noun} cannot be negative`, w);
  if (/^[+]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(s)) return fail("exponent", `Write the ${noun} in full digits, without an exponent (e)`, w);
  if (/^\+?[\d.]*\d[\d.]*([,'_\s\u00a0\u202f][\d.]+)+$/.test(s)) {
    return fail("separator", `Write the ${noun} without separators: digits and one dot for decimals, like 1.5`, w);
  }
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return fail("notANumber", "Enter a number, like 1.5");
  const whole = m[1] || "0";
  const frac = m[2] ?? "";
  if (frac.length > decimals) {
    return fail(
      "tooManyDecimals",
      decimals === 0 ? `${symbol} has no decimals: enter a whole number` : `${symbol} has at most ${decimals} decimals`,
      { symbol, decimals },
    );
  }
  const value = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  return { ok: true, value };
}

/**
 * Parses and checks an amount against zero, the wallet balance and the action's maximum, in that order. `formatLimit`
 * shows a limit in the reader's language, never above it (a Formatter's `unitsDown`).
 */
export function parseAmount(text: string, limits: AmountLimits, formatLimit: (v: bigint, decimals: number) => string): ParsedAmount {
  const format = (v: bigint) => formatLimit(v, limits.decimals);
  const parsed = parseAmountText(text, limits.decimals, limits.symbol);
  if (!parsed.ok) return parsed;
  if (parsed.value === 0n) return fail("zero", "Enter an amount above zero");
  if (limits.balance !== undefined && parsed.value > limits.balance) {
    return fail("aboveBalance", `You have ${format(limits.balance)} ${limits.symbol}`, { balance: format(limits.balance), symbol: limits.symbol });
  }
  if (limits.max && parsed.value > limits.max.value) {
    return fail("aboveMax", `At most ${format(limits.max.value)} ${limits.symbol}: ${limits.max.reason}`, {
      max: format(limits.max.value),
      symbol: limits.symbol,
      reason: limits.max.reason,
    });
  }
  return parsed;
}

/** A leverage (WAD) in hundredths, rounded to nearest, as the leverage box shows it: 3.00× reads 300, not 299 from 2.9999…×. */
export const leverageHundredths = (wad: bigint) => Number((wad + 5n * 10n ** 15n) / 10n ** 16n);

/**
 * A position's current leverage (WAD) as the Multiply panels' box and slider start from it, in hundredths: an empty
 * position (no equity: `leverageOf`'s ∞) or anything above 100× starts at 1.00×, the slider's floor.
 */
export const currentLeverageHundredths = (current: bigint) => (current > 100n * 10n ** 18n ? 100 : leverageHundredths(current));

/**
 * The deposit a Multiply panel's maximum leverage is worked out for: the one entered; or, before a new position's first
 * deposit (nothing to lever yet: the maximum would be 1.00× and a leverage typed first refused), one whole token of the
 * collateral, an indication the panels mark "≈".
 */
export function maxLeverageDeposit(deposit: bigint, decimals: number, isNew: boolean): { amount: bigint; indicative: boolean } {
  const indicative = isNew && deposit === 0n;
  return { amount: indicative ? 10n ** BigInt(decimals) : deposit, indicative };
}

/**
 * The leverage (WAD) a target chosen in hundredths asks for. The current leverage as shown ("now 1.72×" for 1.7222…×)
 * means "as now": the exact current leverage, not 0.0022× below it (which a deposit alone cannot reach, so a plan for it
 * would be refused).
 */
export function targetLeverage(hundredths: number, current: bigint): bigint {
  return hundredths === leverageHundredths(current) ? current : (BigInt(hundredths) * 10n ** 18n) / 100n;
}

export type LeverageProblem = AmountProblem | "belowOne";
export type ParsedLeverage = { ok: true; hundredths: number } | ({ ok: false; problem: LeverageProblem } & ProblemText);

/**
 * A target leverage typed by a person ("2.5", "2.5×", "3x") → hundredths (250), with the amount parser's named
 * problems ("abc", "-2", "1e2", "1,5") plus below 1× and above the position's maximum (in hundredths).
 */
export function parseLeverageText(text: string, maxHundredths: number): ParsedLeverage {
  const p = parseAmountText(text.replace(/\s*[×xX]\s*$/, ""), 2, "Leverage", "a leverage");
  if (!p.ok) {
    if (p.problem === "tooManyDecimals") {
      return { ok: false, problem: p.problem, message: "Leverage takes at most 2 decimals, like 2.75", values: {}, key: "leverageDecimals" };
    }
    return p;
  }
  if (p.value < 100n)
    return { ok: false, problem: "belowOne", message: "Leverage starts at 1.00× (no borrowing)", values: {}, key: "leverageBelowOne" };
  if (p.value > BigInt(maxHundredths)) {
    const max = (maxHundredths / 100).toFixed(2);
    return {
      ok: false,
      problem: "aboveMax",
      message: `At most ${max}× for this position`,
      values: { max: maxHundredths / 100 },
      key: "leverageAboveMax",
    };
  }
  return { ok: true, hundredths: Number(p.value) };
}
