/**
 * Formatting of on-chain amounts for display, in the reader's language: bigint with its decimals until the last moment,
 * then an EXACT decimal string (viem's formatUnits) handed to `Intl.NumberFormat`, which rounds half away from zero
 * and groups by the locale's rules. Never through floating point.
 *
 * `formatter(locale)` gives every function bound to one locale (components get it from hooks/use-format.ts); the
 * plain exports below are the English ones, for lib/, agents, scripts and tests.
 */
import { formatUnits } from "viem";
import { MAX_UINT256 as MAX_UINT, WAD } from "../engine/math";
import type { DecimalSeparator } from "./amount";

/** What stands on screen for a figure that cannot be known. */
export const NONE = "—";
/** What the functions below format with: an `Intl.NumberFormat`, or its English stand-in (`englishFormat`). */
interface NumberFormat {
  format(value: number): string;
}
const cache = new Map<string, NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f =
      locale === "en"
        ? (englishFormat(options) ?? englishCompactUsd(options) ?? englishNarrowTime(options) ?? intlFormat(locale, options))
        : intlFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}
/** Intl's formatter with the app's rounding (half away from zero) and no `-0`. */
const intlFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(locale, { roundingMode: "halfExpand", signDisplay: "negative", ...options } as Intl.NumberFormatOptions);
/** Intl formats an exact decimal string exactly (Intl.NumberFormat v3); the type only names number | bigint. */
const exact = (f: NumberFormat, decimal: string) => f.format(decimal as unknown as number);

/**
 * English number formats without Intl, for the forms the app uses in English (decimal, USD, percent; grouped or not):
 * the same text `Intl.NumberFormat("en", …)` gives with half-away-from-zero rounding and no `-0` (format.test.ts holds
 * the two equal over random exact decimals and floats). Why: the first `Intl.NumberFormat` a Chromium page builds
 * loads ICU's number data, 45–140 ms on this machine (measured in a fresh tab; ×4 on Lighthouse's phone), and that
 * landed in the vault page's first render on the client. `undefined` for any other form (compact notation, units),
 * which Intl formats.
 */
function englishFormat(o: Intl.NumberFormatOptions): NumberFormat | undefined {
  const style = o.style ?? "decimal";
  const keys = Object.keys(o).filter((k) => !["style", "currency", "minimumFractionDigits", "maximumFractionDigits", "useGrouping"].includes(k));
  if (keys.length || !["decimal", "currency", "percent"].includes(style) || (style === "currency" && o.currency !== "USD")) return undefined;
  if (o.useGrouping !== undefined && typeof o.useGrouping !== "boolean") return undefined;
  // Intl's defaults: decimal 0–3 fraction digits, USD 2–2, percent 0–0, the maximum never below the minimum.
  const min = o.minimumFractionDigits ?? (style === "currency" ? 2 : 0);
  const max = Math.max(min, o.maximumFractionDigits ?? (style === "currency" ? 2 : style === "percent" ? 0 : 3));
  const group = o.useGrouping !== false;
  let fallback: Intl.NumberFormat | undefined;
  return {
    format(value: number) {
      const d = decimalParts(value);
      // NaN, ±Infinity or a string that is no plain decimal: Intl's own text.
      if (!d) return (fallback ??= intlFormat("en", o)).format(value);
      let { int, frac } = d;
      if (style === "percent") {
        frac = frac.padEnd(2, "0");
        int += frac.slice(0, 2);
        frac = frac.slice(2);
      }
      ({ int, frac } = roundHalfAway(int, frac, max, min));
      const negative = d.negative && /[1-9]/.test(int + frac);
      const grouped = group ? int.replace(/\B(?=(\d{3})+$)/g, ",") : int;
      const number = frac ? `${grouped}.${frac}` : grouped;
      const body = style === "currency" ? `$${number}` : style === "percent" ? `${number}%` : number;
      return negative ? `-${body}` : body;
    },
  };
}

/**
 * English compact USD without Intl (`$950`, `$12.3K`, `$3.2M`, `$1.5B`, `$1,234T`): `usdCompact`'s form, the one
 * English format `englishFormat` leaves to Intl, and on /risk the page's only `Intl.NumberFormat` (30 ms of its first
 * render at 1×: ICU's number data). As Intl writes it: the unit from the rounded value (thousand, million, billion,
 * trillion, then trillions, grouped from five digits), half away from zero on the exact digits, at most the
 * fraction digits asked for and trailing zeros dropped, no `-0`. `undefined` for any other form.
 */
function englishCompactUsd(o: Intl.NumberFormatOptions): NumberFormat | undefined {
  const keys = Object.keys(o).sort().join();
  if (keys !== "currency,maximumFractionDigits,notation,style" || o.style !== "currency" || o.currency !== "USD" || o.notation !== "compact") {
    return undefined;
  }
  const max = o.maximumFractionDigits!;
  if (!Number.isInteger(max) || max < 0 || max > 20) return undefined;
  // ECMA-402 gives compact notation no minimum fraction digits, a currency's included: `$950`, `$1K`, `$12.3K` (what
  // Chromium writes; Node 20's older V8 still pads to the currency's digits, `$950.0`).
  const min = 0;
  const units = ["", "K", "M", "B", "T"];
  let fallback: Intl.NumberFormat | undefined;
  return {
    format(value: number) {
      const d = decimalParts(value);
      if (!d) return (fallback ??= intlFormat("en", o)).format(value);
      const whole = d.int.replace(/^0+(?=\d)/, "");
      // The unit of the value, then of its rounding if that reached the next one (999.95 → $1K, 999,950 → $1M).
      let unit = Math.min(4, Math.floor((whole === "0" ? 0 : whole.length - 1) / 3));
      for (;;) {
        const shift = unit * 3;
        const digits = whole.padStart(shift + 1, "0");
        const { int, frac } = roundHalfAway(digits.slice(0, digits.length - shift), digits.slice(digits.length - shift) + d.frac, max, min);
        if (unit < 4 && int.length > 3) {
          unit++;
          continue;
        }
        const negative = d.negative && /[1-9]/.test(int + frac);
        // Compact notation groups from five digits on (ICU's minimum grouping digits of 2: $9500T, $12,345T).
        const grouped = int.length >= 5 ? int.replace(/\B(?=(\d{3})+$)/g, ",") : int;
        const number = `${grouped}${frac ? `.${frac}` : ""}`;
        return `${negative ? "-" : ""}$${number}${units[unit]}`;
      }
    },
  };
}

/**
 * English narrow time units without Intl (`8s`, `4m`, `2h`, `3d`; `1,000d`: the decimal form and the unit's letter), as
 * `Intl.NumberFormat("en", { style: "unit", unit, unitDisplay: "narrow" })` writes them: the ages on /risk's steward
 * panel and the oracle table were its first Intl formatter (ICU's unit data: 34 ms of /risk's load at 1×).
 * `undefined` for any other form.
 */
function englishNarrowTime(o: Intl.NumberFormatOptions): NumberFormat | undefined {
  const letters: Record<string, string> = { second: "s", minute: "m", hour: "h", day: "d" };
  const keys = Object.keys(o).sort().join();
  if (keys !== "style,unit,unitDisplay" || o.style !== "unit" || o.unitDisplay !== "narrow" || !letters[o.unit ?? ""]) return undefined;
  const number = englishFormat({})!;
  let fallback: Intl.NumberFormat | undefined;
  return {
    format(value: number) {
      if (!decimalParts(value)) return (fallback ??= intlFormat("en", o)).format(value);
      return `${number.format(value)}${letters[o.unit!]}`;
    },
  };
}

/** A number (or an exact decimal string) as its sign and digits; null for NaN, ±Infinity or anything else. */
function decimalParts(value: number): { negative: boolean; int: string; frac: string } | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(typeof value === "number" ? floatDecimal(value) : String(value));
  return m ? { negative: m[1] === "-", int: m[2] || "0", frac: m[3] ?? "" } : null;
}

/**
 * `int`.`frac` rounded half away from zero on the exact digits (the first dropped digit decides) to at most `max`
 * fraction digits, trailing zeros trimmed down to `min`; the integer part without leading zeros.
 */
function roundHalfAway(int: string, frac: string, max: number, min: number): { int: string; frac: string } {
  if (frac.length > max) {
    const up = frac.charCodeAt(max) >= 53; // "5"
    const kept = int + frac.slice(0, max);
    const digits = up ? incrementDigits(kept) : kept;
    int = digits.slice(0, digits.length - max);
    frac = digits.slice(digits.length - max);
  }
  let end = frac.length;
  while (end > min && frac[end - 1] === "0") end--;
  return { int: int.replace(/^0+(?=\d)/, ""), frac: frac.slice(0, end).padEnd(min, "0") };
}

/** A decimal string of digits plus one ("0999" → "1000", "99" → "100"). */
function incrementDigits(digits: string): string {
  const d = digits.split("");
  let i = d.length - 1;
  while (i >= 0 && d[i] === "9") d[i--] = "0";
  if (i < 0) d.unshift("1");
  else d[i] = String(Number(d[i]) + 1);
  return d.join("");
}

/**
 * A float as the plain decimal of its shortest round-trip digits (what JavaScript prints and ICU formats from): 1e-7 →
 * "0.0000001", 1.5e21 → "1500000000000000000000". NaN and infinities come back as they print.
 */
function floatDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2]! + (m[3] ?? "");
  const point = 1 + Number(m[4]);
  const plain =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] + plain;
}

export function formatter(locale = "en") {
  /**
   * `value` (an integer with `decimals` decimals) as text with the locale's separators and at most `maxFraction`
   * fraction digits, rounded half away from zero; trailing zeros trimmed down to `minFraction`.
   */
  function unitsFixed(value: bigint, decimals: number, maxFraction = 4, minFraction = 0): string {
    const max = Math.min(maxFraction, decimals);
    return exact(
      numberFormat(locale, { minimumFractionDigits: Math.min(minFraction, max), maximumFractionDigits: max }),
      formatUnits(value, decimals),
    );
  }

  /** A WAD (18-decimal) USD value as `$1,234.56` (`1234,56 US$` in Spanish); below $1, up to 6 fraction digits. */
  function usd(wad: bigint): string {
    const abs = wad < 0n ? -wad : wad;
    const max = abs >= WAD ? 2 : 6;
    return exact(
      numberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: max }),
      formatUnits(wad, 18),
    );
  }

  /** What stands where a figure cannot be known (no price, no oracle): one rule for every screen. */
  const orNone = <T>(x: T | null | undefined, show: (x: T) => string) => (x === null || x === undefined ? NONE : show(x));
  /** A USD value (WAD), or `—` when it is unknown (no price). */
  const usdOrNone = (wad: bigint | null | undefined) => orNone(wad, usd);

  /** `value` with all its decimals (an exact amount in a form: `max`, a balance). */
  const unitsExact = (value: bigint, decimals: number) => unitsFixed(value, decimals, decimals);

  /** The locale's decimal separator, as lib/view/amount.ts reads what the reader types. */
  const decimalSeparator: DecimalSeparator =
    exact(numberFormat(locale, { minimumFractionDigits: 1, useGrouping: false }), "1.5")[1] === "," ? "," : ".";
  /**
   * `value` exactly, as the reader would type it in an amount box: all its decimals, no grouping, the locale's decimal
   * separator (`1234.5`, `1234,5` in Spanish). What Max and every prefilled box put there, so it reads back unchanged.
   */
  const unitsInput = (value: bigint, decimals: number) => decimalText(formatUnits(value, decimals));
  /** A plain decimal ("0.3", a form's default) with the locale's decimal separator. */
  const decimalText = (plain: string) => (decimalSeparator === "." ? plain : plain.replace(".", decimalSeparator));

  /**
   * `value` cut (never rounded up) to six significant fraction digits at most, for a limit in a message ("At most
   * 0.0729166 WETH", not its 18 decimals): what it shows is never above the limit.
   */
  function unitsDown(value: bigint, decimals: number): string {
    const whole = 10n ** BigInt(decimals);
    const abs = value < 0n ? -value : value;
    let zeros = 0; // leading zeros of the fraction of a value below 1
    if (abs < whole && abs > 0n) while ((abs * 10n ** BigInt(zeros + 1)) / whole === 0n) zeros++;
    const shown = Math.min(decimals, abs >= whole ? 6 : zeros + 6);
    const step = 10n ** BigInt(decimals - shown);
    return unitsFixed(value - (value % step), decimals, shown);
  }

  const unit = (u: string, n: number) => numberFormat(locale, { style: "unit", unit: u, unitDisplay: "narrow" }).format(n);
  /** Seconds as a short age: `8s`, `4m 10s`, `2h 5m`, `3d 4h`. */
  function age(seconds: number): string {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) return unit("second", s);
    if (s < 3600) return `${unit("minute", Math.floor(s / 60))} ${unit("second", s % 60)}`;
    if (s < 86400) return `${unit("hour", Math.floor(s / 3600))} ${unit("minute", Math.floor((s % 3600) / 60))}`;
    return `${unit("day", Math.floor(s / 86400))} ${unit("hour", Math.floor((s % 86400) / 3600))}`;
  }

  /** A WAD ratio as a percentage: 0.8e18 → `80.00%` (`80,00 %` in Spanish). */
  function percent(wad: bigint, fraction = 2): string {
    return exact(numberFormat(locale, { style: "percent", minimumFractionDigits: fraction, maximumFractionDigits: fraction }), formatUnits(wad, 18));
  }

  /** A health factor (WAD): `1.08`, `∞` without debt, `>1000` when absurdly high. */
  function healthFactor(wad: bigint): string {
    if (wad === MAX_UINT) return "∞";
    if (wad > 1000n * WAD) return `>${numberFormat(locale, { useGrouping: false }).format(1000)}`;
    return unitsFixed(wad, 18, 2, 2);
  }

  /** A token amount with its symbol: `1,234.5 USDC`. */
  function token(amount: bigint, decimals: number, symbol: string, maxFraction = 4): string {
    return `${unitsFixed(amount, decimals, maxFraction)} ${symbol}`;
  }

  /**
   * A balance or a limit the reader may type, with its symbol (`Max 0.0503875 WETH`, `Wallet: 3.850877 WETH`): cut as
   * `unitsDown` cuts (never above what it is, the figure the refusal "At most …" names), where `token` rounds to the
   * nearest and "Max 0.0504" could be typed and refused.
   */
  function tokenDown(amount: bigint, decimals: number, symbol: string): string {
    return `${unitsDown(amount, decimals)} ${symbol}`;
  }

  /** Basis points as a percentage: 30n → `0.30%`. */
  const bps = (b: bigint, fraction = 2) => percent(b * 10n ** 14n, fraction);

  /** A float share (analytics: price impact, distance, a chart's percent) as a percentage: 0.1234 → `12.34%`. */
  function percentFloat(share: number, fraction = 2): string {
    return numberFormat(locale, { style: "percent", minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(share);
  }

  /** A per-second WAD rate as an APR percentage (simple, × seconds per year). */
  function apr(perSecondWad: bigint): string {
    const annual = perSecondWad * 31_536_000n;
    // Below 0.1 % show four decimals, so a small but real rate never reads as 0.00 %.
    return percent(annual, annual > 0n && annual < 10n ** 15n ? 4 : 2);
  }

  /**
   * Unix seconds as a UTC date and time to the minute, the same for every viewer: `2026-11-26 04:31 UTC` in English,
   * the locale's own date order and month names otherwise.
   */
  // Made on first use and kept: building an Intl formatter costs far more than formatting with it.
  let utcFormat: Intl.DateTimeFormat | undefined;
  function utc(seconds: number | bigint): string {
    const date = new Date(Number(seconds) * 1000);
    if (locale === "en") {
      const iso = date.toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
    }
    utcFormat ??= new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "medium", timeStyle: "short", hourCycle: "h23" });
    return `${utcFormat.format(date)} UTC`;
  }

  /**
   * Unix seconds as the reader's local time of day to the second, in the locale's form (a chart's points). English is
   * written by hand (`04:31:07 PM`, as Intl writes it): the first `Intl.DateTimeFormat` of a page loads ICU's date data,
   * 53 ms of the vault page's first render at 1× (`npm run bench:profile`), where this is the only one.
   */
  let clockFormat: Intl.DateTimeFormat | undefined;
  function clock(seconds: number): string {
    const date = new Date(seconds * 1000);
    if (locale === "en") {
      const h = date.getHours();
      const two = (n: number) => String(n).padStart(2, "0");
      return `${two(h % 12 || 12)}:${two(date.getMinutes())}:${two(date.getSeconds())} ${h < 12 ? "AM" : "PM"}`;
    }
    clockFormat ??= new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    return clockFormat.format(date);
  }

  /** A leverage (WAD) as `3.00×`; `∞` when the equity is gone. */
  function leverage(wad: bigint): string {
    if (wad === MAX_UINT) return "∞";
    return `${unitsFixed(wad, 18, 2, 2)}×`;
  }

  /** A float (analytics, charts) with `fraction` digits in the locale: for figures that are floats by nature. */
  function number(n: number, fraction = 2): string {
    return numberFormat(locale, { minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n);
  }

  /** A float USD amount (analytics, charts): whole dollars from $100, cents below. */
  function usdFloat(n: number): string {
    const fraction = Math.abs(n) >= 100 ? 0 : 2;
    return numberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n);
  }

  /** A float USD amount, short, for chart axes and summaries: `$950`, `$12.5K`, `$3.2M` (the locale's compact form). */
  function usdCompact(n: number): string {
    return numberFormat(locale, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 }).format(n);
  }

  /** A chart axis's tick: at most two fraction digits, none trailing (`0.75`, `1`, `1.5`; `0,75` in Spanish). */
  function tick(n: number): string {
    return numberFormat(locale, { maximumFractionDigits: 2 }).format(n);
  }

  /** A chart axis's percent tick, `n` in percent: `50%`, `53.6%` (`50 %` in Spanish, as every other percentage). */
  function percentTick(n: number): string {
    return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(n / 100);
  }

  /** A chart axis's USD tick: whole dollars for a whole tick (`$0`, `$1,500`), cents otherwise (`$0.25`). */
  function usdTick(n: number): string {
    const fraction = Number.isInteger(n) ? 0 : 2;
    return numberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n);
  }

  /** A probability as text: `2.4%`, `< 0.1%`, `> 99.9%` (the locale's percent form). */
  function odds(p: number): string {
    const pct = percentFloat;
    if (p <= 0) return pct(0, 0);
    if (p < 0.001) return `< ${pct(0.001, 1)}`;
    if (p >= 1) return pct(1, 0);
    if (p > 0.999) return `> ${pct(0.999, 1)}`;
    return pct(p, p < 0.1 ? 1 : 0);
  }

  return {
    locale,
    clock,
    usdFloat,
    odds,
    unitsFixed,
    unitsExact,
    unitsDown,
    unitsInput,
    decimalText,
    decimalSeparator,
    usd,
    usdOrNone,
    orNone,
    age,
    percent,
    percentFloat,
    bps,
    healthFactor,
    token,
    tokenDown,
    apr,
    utc,
    leverage,
    number,
    usdCompact,
    tick,
    percentTick,
    usdTick,
    shortAddress,
  };
}

export type Formatter = ReturnType<typeof formatter>;

const formatters = new Map<string, Formatter>();
/** The formatter of `locale`, made once. */
export function formatterFor(locale: string): Formatter {
  let f = formatters.get(locale);
  if (!f) formatters.set(locale, (f = formatter(locale)));
  return f;
}

/** `0x1234…abcd` */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * A label per asset that tells it from the others beside it: its symbol, and where two assets share a symbol (a bridged
 * and a native USDC both calling themselves "USDC") the symbol with its short address. Charts and tables key their
 * rows, lines and slices by these labels, so a shared symbol no longer draws one asset over another.
 */
export function distinctSymbols(assets: readonly { symbol: string; address: string }[]): string[] {
  const count = new Map<string, number>();
  for (const a of assets) count.set(a.symbol, (count.get(a.symbol) ?? 0) + 1);
  return assets.map((a) => (count.get(a.symbol)! > 1 ? `${a.symbol} ${shortAddress(a.address)}` : a.symbol));
}

const en = formatterFor("en");
export const formatUnitsFixed = en.unitsFixed;
export const formatUsd = en.usd;
export const formatAge = en.age;
export const formatPercent = en.percent;
export const formatHealthFactor = en.healthFactor;
export const formatToken = en.token;
export const formatApr = en.apr;
export const formatUtc = en.utc;
export const formatLeverage = en.leverage;
