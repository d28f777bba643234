/**
 * Amount input: text typed by a person → an exact bigint in the token's smallest unit. Never through floating point.
 * Each way an amount can be wrong has its own code and message, so a form can show it inline and disable submit.
 */

export type AmountProblem =
  | "empty"
  | "notANumber"
  | "negative"
  | "exponent"
  | "separator"
  | "tooManyDecimals"
  | "zero"
  | "aboveBalance"
  | "aboveMax";

export type ParsedAmount = { ok: true; value: bigint } | { ok: false; problem: AmountProblem; message: string };

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

const fail = (problem: AmountProblem, message: string): ParsedAmount => ({ ok: false, problem, message });

/**
 * Parses a decimal string exactly: digits and one optional dot. Thousands or decimal separators other than the dot
 * ("1,5", "1 000", "1_000") are refused by name, as ambiguous. `what` names the value in messages, with its article
 * ("an amount", "a slippage bound").
 */
export function parseAmountText(text: string, decimals: number, symbol = "this token", what = "an amount"): ParsedAmount {
  const noun = what.replace(/^(a|an) /, "");
  const s = text.trim();
  if (s === "") return fail("empty", `Enter ${what}`);
  if (s.startsWith("-")) return fail("negative", `The ${noun} cannot be negative`);
  if (/^[+]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(s)) return fail("exponent", `Write the ${noun} in full digits, without an exponent (e)`);
  if (/^\+?[\d.]*\d[\d.]*([,'_\s\u00a0\u202f][\d.]+)+$/.test(s)) {
    return fail("separator", `Write the ${noun} without separators: digits and one dot for decimals, like 1.5`);
  }
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return fail("notANumber", "Enter a number, like 1.5");
  const whole = m[1] || "0";
  const frac = m[2] ?? "";
  if (frac.length > decimals) {
    return fail(
      "tooManyDecimals",
      decimals === 0 ? `${symbol} has no decimals: enter a whole number` : `${symbol} has at most ${decimals} decimals`,
    );
  }
  const value = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  return { ok: true, value };
}

/** Parses and checks an amount against zero, the wallet balance and the action's maximum, in that order. */
export function parseAmount(text: string, limits: AmountLimits, format: (v: bigint) => string): ParsedAmount {
  const parsed = parseAmountText(text, limits.decimals, limits.symbol);
  if (!parsed.ok) return parsed;
  if (parsed.value === 0n) return fail("zero", "Enter an amount above zero");
  if (limits.balance !== undefined && parsed.value > limits.balance) {
    return fail("aboveBalance", `You have ${format(limits.balance)} ${limits.symbol}`);
  }
  if (limits.max && parsed.value > limits.max.value) {
    return fail("aboveMax", `At most ${format(limits.max.value)} ${limits.symbol}: ${limits.max.reason}`);
  }
  return parsed;
}

export type LeverageProblem = AmountProblem | "belowOne";
export type ParsedLeverage = { ok: true; hundredths: number } | { ok: false; problem: LeverageProblem; message: string };

/**
 * A target leverage typed by a person ("2.5", "2.5×", "3x") → hundredths (250), with the amount parser's named
 * problems ("abc", "-2", "1e2", "1,5") plus below 1× and above the position's maximum (in hundredths).
 */
export function parseLeverageText(text: string, maxHundredths: number): ParsedLeverage {
  const p = parseAmountText(text.replace(/\s*[×xX]\s*$/, ""), 2, "Leverage", "a leverage");
  if (!p.ok) {
    const message = p.problem === "tooManyDecimals" ? "Leverage takes at most 2 decimals, like 2.75" : p.message;
    return { ok: false, problem: p.problem, message };
  }
  if (p.value < 100n) return { ok: false, problem: "belowOne", message: "Leverage starts at 1.00× (no borrowing)" };
  if (p.value > BigInt(maxHundredths)) {
    return { ok: false, problem: "aboveMax", message: `At most ${(maxHundredths / 100).toFixed(2)}× for this position` };
  }
  return { ok: true, hundredths: Number(p.value) };
}
