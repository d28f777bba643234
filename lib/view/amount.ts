/**
 * Amount input: text typed by a person → an exact bigint in the token's smallest unit. Never through floating point.
 * Each way an amount can be wrong has its own code and message, so a form can show it inline and disable submit.
 */

export type AmountProblem =
  "empty" | "notANumber" | "negative" | "exponent" | "separator" | "ambiguous" | "tooManyDecimals" | "zero" | "aboveBalance" | "aboveMax";

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

/** The reader's decimal separator: "." in English and Chinese, "," in Spanish (a Formatter's `decimalSeparator`). */
export type DecimalSeparator = "." | ",";

export interface AmountTextOptions {
  /** The token's symbol, for the decimals message. */
  symbol?: string;
  /** The value named in messages, with its article ("an amount", "a slippage bound"). */
  what?: string;
  /** The reader's decimal separator; "." unless said. */
  decimal?: DecimalSeparator;
}

/** Characters that only ever group thousands (a space, a no-break space, an apostrophe — straight or curly —, an underscore). */
const GROUP_ONLY = "'\u2019_ \u00a0\u202f";
const NUMBER_CHARS = new RegExp(`^[\\d.,${GROUP_ONLY}]*\\d[\\d.,${GROUP_ONLY}]*$`);
/** An integer grouped by thousands, as the part before a lone mark that could group: "1", "12", "1 234", "1'234". */
const GROUPED_INTEGER = new RegExp(`^[1-9]\\d{0,2}([${GROUP_ONLY}]\\d{3})*$`);
/** Longer than any amount anyone types (2^256 has 78 digits): refused before any pattern runs over it. */
const MAX_LENGTH = 100;

/** Full-width digits and marks (Chinese and Japanese input methods) and the typographic minus, as ASCII. */
const asciiNumber = (s: string) =>
  s
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/\uFF0C/g, ",")
    .replace(/\uFF0E/g, ".")
    .replace(/^[\u2212\uFF0D]/, "-");

/**
 * Parses a decimal number exactly, as people in the reader's language write it: "1234.5", "1,234.5", "1 234.5" and,
 * with a decimal comma, "1234,5" and "1.234,5". Never misread:
 * - with both "." and ",", the last one (once) is the decimal point and the other groups thousands;
 * - the same one twice or more only groups thousands ("1,000,000");
 * - one alone is the decimal point when it is the reader's ("2.125" in English, "2,125" in Spanish); the other writing's
 *   is one when it cannot group: one or two digits after it ("0,5" in English, "0.5" in Spanish), or three after
 *   something no group follows ("0,500");
 * - the other writing's before exactly three digits after a number that groups ("1,500" in English, "1.500" and
 *   "1 500.000" in Spanish) could be either: refused as `ambiguous`, naming both readings;
 * - the other writing's before four digits or more, or at the end ("10,0000", "1,"), and a mark at the end after both
 *   kinds ("1.000,"), are refused as `separator`: a typo as likely as a decimal point;
 * - groups are of three digits after a first of one to three ("1,23,456" is refused, by name, as `separator`).
 * Full-width digits and marks are read as ASCII; anything longer than MAX_LENGTH is no amount.
 */
export function parseAmountText(text: string, decimals: number, o: AmountTextOptions = {}): ParsedAmount {
  const { symbol = "this token", what = "an amount", decimal = "." } = o;
  const noun = what.replace(/^(a|an) /, "");
  const w = { what: WHAT[what] ?? "other" };
  const s = asciiNumber(text.trim());
  if (s === "") return fail("empty", `Enter ${what}`, w);
  if (s.length > MAX_LENGTH) return fail("notANumber", "Enter a number, like 1.5");
  if (s.startsWith("-")) return fail("negative", `The ${noun} cannot be negative`, w);
  if (/^[+]?(\d+[.,]?\d*|[.,]\d+)[eE][+-]?\d+$/.test(s)) return fail("exponent", `Write the ${noun} in full digits, without an exponent (e)`, w);
  const body = s.replace(/^\+/, "");
  if (!NUMBER_CHARS.test(body)) return fail("notANumber", "Enter a number, like 1.5");
  const separator = () => fail("separator", `Write the ${noun} like 1234.5 or 1,234.5`, w);
  const count = (c: string) => body.split(c).length - 1;
  const dots = count(".");
  const commas = count(",");
  let point = -1; // where the decimal point is, if any
  if (dots && commas) {
    const last = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    if (count(last) > 1) return separator();
    point = body.lastIndexOf(last);
    if (point === body.length - 1) return separator();
  } else if (dots + commas === 1) {
    point = body.search(/[.,]/);
    const before = body.slice(0, point);
    const after = body.slice(point + 1);
    if (body[point] !== decimal) {
      if (/^\d{3}$/.test(after) && GROUPED_INTEGER.test(before)) {
        const digits = before.replace(/\D/g, "");
        const fraction = after.replace(/0+$/, "");
        const asDecimal = fraction ? `${digits}${decimal}${fraction}` : digits;
        return fail("ambiguous", `“${s}” could be ${digits}${after} or ${asDecimal}: write one of the two`, {
          text: s,
          grouped: digits + after,
          decimal: asDecimal,
        });
      }
      if (!/^\d{1,3}$/.test(after)) return separator();
    }
  }
  const int = point < 0 ? body : body.slice(0, point);
  const frac = point < 0 ? "" : body.slice(point + 1);
  if (!/^\d*$/.test(frac)) return separator();
  let whole = int;
  if (!/^\d*$/.test(int)) {
    const seps = [...new Set(int.replace(/\d/g, ""))];
    const groups = seps.length === 1 ? int.split(seps[0]!) : [];
    if (!groups.length || !groups.every((group, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(group))) return separator();
    whole = int.replace(/\D/g, "");
  }
  if (whole === "" && frac === "") return fail("notANumber", "Enter a number, like 1.5");
  if (frac.length > decimals) {
    return fail(
      "tooManyDecimals",
      decimals === 0 ? `${symbol} has no decimals: enter a whole number` : `${symbol} has at most ${decimals} decimals`,
      { symbol, decimals },
    );
  }
  const value = BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  return { ok: true, value };
}

/** What parseAmount needs of the reader's Formatter: its decimal separator, and a limit shown never above it. */
export interface AmountReader {
  decimalSeparator: DecimalSeparator;
  unitsDown(value: bigint, decimals: number): string;
}

/**
 * Parses (as the reader writes numbers) and checks an amount against zero, the wallet balance and the action's maximum,
 * in that order. A limit is shown in the reader's language, never above it (`reader`: a Formatter).
 */
export function parseAmount(text: string, limits: AmountLimits, reader: AmountReader): ParsedAmount {
  const format = (v: bigint) => reader.unitsDown(v, limits.decimals);
  const parsed = parseAmountText(text, limits.decimals, { symbol: limits.symbol, decimal: reader.decimalSeparator });
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
export function parseLeverageText(text: string, maxHundredths: number, decimal: DecimalSeparator = "."): ParsedLeverage {
  const p = parseAmountText(text.replace(/\s*[×xX]\s*$/, ""), 2, { symbol: "Leverage", what: "a leverage", decimal });
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
      // Written here in the reader's decimal separator: a message's own `{max, number}` would build an Intl.NumberFormat.
      values: { max: max.replace(".", decimal) },
      key: "leverageAboveMax",
    };
  }
  return { ok: true, hundredths: Number(p.value) };
}
