/**
 * Amount input: text typed by a person → an exact bigint in the token's smallest unit. Never through floating point.
 * Each way an amount can be wrong has its own code and message, so a form can show it inline and disable submit.
 */

export type AmountProblem =
  | "empty"
  | "notANumber"
  | "negative"
  | "exponent"
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

/** Parses a decimal string exactly: digits, one optional dot, optional thousands separators "," are refused as ambiguous. */
export function parseAmountText(text: string, decimals: number, symbol = "this token"): ParsedAmount {
  const s = text.trim();
  if (s === "") return fail("empty", "Enter an amount");
  if (s.startsWith("-")) return fail("negative", "The amount cannot be negative");
  if (/^[+]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(s)) return fail("exponent", "Write the amount in full digits, without an exponent (e)");
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
