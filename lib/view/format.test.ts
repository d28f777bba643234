import fc from "fast-check";
import { formatUnits, parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { distinctSymbols, formatAge, formatter, formatUnitsFixed, formatUsd, formatUtc, shortAddress } from "./format";

describe("formatUnitsFixed", () => {
  it("groups thousands and trims zeros", () => {
    expect(formatUnitsFixed(1234567_000000n, 6, 2)).toBe("1,234,567");
    expect(formatUnitsFixed(1234567_500000n, 6, 2)).toBe("1,234,567.5");
    expect(formatUnitsFixed(1234567_500000n, 6, 2, 2)).toBe("1,234,567.50");
  });
  it("rounds half away from zero without floating point", () => {
    expect(formatUnitsFixed(1_005n, 3, 2)).toBe("1.01");
    expect(formatUnitsFixed(-1_005n, 3, 2)).toBe("-1.01");
    expect(formatUnitsFixed(123456789012345678901234567890n, 18, 4)).toBe("123,456,789,012.3457");
  });
  it("never shows -0", () => {
    expect(formatUnitsFixed(-1n, 18, 2)).toBe("0");
  });
  it("agrees with viem's exact formatUnits when nothing is rounded", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 18 }), (v, d) => {
        expect(formatUnitsFixed(v, d, d).replaceAll(",", "")).toBe(formatUnits(v, d));
      }),
    );
  });
});

describe("formatUsd", () => {
  it("shows cents above a dollar and more digits below", () => {
    expect(formatUsd(3000n * 10n ** 18n)).toBe("$3,000.00");
    expect(formatUsd(999_950_000_000_000_000n)).toBe("$0.99995");
    expect(formatUsd(12_345n * 10n ** 16n)).toBe("$123.45");
  });
});

describe("formatAge / shortAddress", () => {
  it("formats ages", () => {
    expect(formatAge(-3)).toBe("0s");
    expect(formatAge(59)).toBe("59s");
    expect(formatAge(250)).toBe("4m 10s");
    expect(formatAge(7500)).toBe("2h 5m");
    expect(formatAge(3 * 86400 + 4 * 3600)).toBe("3d 4h");
  });
  it("shortens addresses", () => {
    expect(shortAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).toBe("0xf39F…2266");
  });
  it("labels assets by symbol, and a shared symbol with each one's short address", () => {
    const usdc = "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174";
    const usdcNative = "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359";
    const weth = "0x7ceB23fD6bC0adD59E62ac25578270cFf1b9f619";
    expect(distinctSymbols([])).toEqual([]);
    expect(distinctSymbols([{ symbol: "WETH", address: weth }])).toEqual(["WETH"]);
    expect(
      distinctSymbols([
        { symbol: "USDC", address: usdc },
        { symbol: "WETH", address: weth },
        { symbol: "USDC", address: usdcNative },
      ]),
    ).toEqual(["USDC 0x2791…4174", "WETH", "USDC 0x3c49…3359"]);
  });
});

describe("percent, health, token, APR", async () => {
  const { formatPercent, formatHealthFactor, formatToken, formatApr } = await import("./format");
  it("formats", () => {
    expect(formatPercent(8n * 10n ** 17n)).toBe("80.00%");
    expect(formatHealthFactor(2n ** 256n - 1n)).toBe("∞");
    expect(formatHealthFactor(1084210526315789473n)).toBe("1.08");
    expect(formatHealthFactor(10n ** 22n)).toBe(">1000");
    expect(formatToken(1_234_500_000n, 6, "USDC")).toBe("1,234.5 USDC");
    expect(formatApr(10n ** 18n / 31_536_000n)).toBe("100.00%");
    expect(formatApr(10n ** 13n / 31_536_000n)).toBe("0.0010%");
    expect(formatApr(0n)).toBe("0.00%");
  });
});

describe("formatUtc", () => {
  it("shows unix seconds as a UTC minute, whatever the viewer's zone", () => {
    expect(formatUtc(0)).toBe("1970-01-01 00:00 UTC");
    expect(formatUtc(1_795_000_000n)).toBe("2026-11-18 11:06 UTC");
  });
});

describe("formatter(locale)", async () => {
  const { formatter, NONE } = await import("./format");
  it("uses the locale's separators, currency and percent forms, from the same exact decimal", () => {
    const es = formatter("es");
    const nb = (t: string) => t.replace(/\u00a0/g, " ");
    expect(es.unitsFixed(1234567_500000n, 6, 2)).toBe("1.234.567,5");
    expect(es.token(1_234_500_000n, 6, "USDC")).toBe("1234,5 USDC"); // Spanish groups from five digits
    expect(nb(es.usd(3000n * 10n ** 18n))).toBe("3000,00 US$");
    expect(nb(es.percent(8n * 10n ** 17n))).toBe("80,00 %");
    expect(es.healthFactor(1084210526315789473n)).toBe("1,08");
    expect(es.utc(0)).toContain("1970");
    const zh = formatter("zh");
    expect(zh.unitsFixed(123456789012345678901234567890n, 18, 4)).toBe("123,456,789,012.3457");
    expect(zh.age(250)).toBe("4分钟 10秒");
  });
  it("shows a time of day as toLocaleTimeString does, with one formatter kept per language", () => {
    for (const locale of ["en", "es", "zh"]) {
      const f = formatter(locale);
      // Every hour of a day (midnight and noon are 12 in English), and a spread of seconds.
      const times = [0, 1_795_000_000, 1_795_043_210, ...Array.from({ length: 48 }, (_, i) => 1_795_000_000 + i * 1_800 + ((i * 37) % 60))];
      for (const ts of times) {
        expect(f.clock(ts)).toBe(new Date(ts * 1000).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }));
      }
    }
  });
  it("rounds exactly like the English one in every locale", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (v, d) => {
        const en = formatUnitsFixed(v, d, 2).replaceAll(",", "");
        const es = formatter("es").unitsFixed(v, d, 2).replaceAll(".", "").replace(",", ".");
        expect(es).toBe(en);
      }),
    );
  });
  it("shows unknown figures, basis points, float shares and exact amounts one way", () => {
    const en = formatter("en");
    const es = formatter("es");
    const nb = (t: string) => t.replace(/\u00a0/g, " ");
    expect(en.usdOrNone(null)).toBe("—");
    expect(en.usdOrNone(undefined)).toBe("—");
    expect(en.usdOrNone(1500n * 10n ** 18n)).toBe("$1,500.00");
    expect(en.orNone(null, String)).toBe(NONE);
    expect(en.bps(30n)).toBe("0.30%");
    expect(nb(es.bps(30n))).toBe("0,30 %");
    expect(en.percentFloat(0.12345)).toBe("12.35%");
    expect(en.percentFloat(0.5, 1)).toBe("50.0%");
    expect(en.unitsExact(1_234_567n, 6)).toBe("1.234567");
    expect(en.unitsExact(1_000_000n, 6)).toBe("1");
    // A limit in a message: six significant fraction digits, cut down, never up.
    expect(en.unitsDown(72_916_666_666_666_666n, 18)).toBe("0.0729166");
    expect(en.unitsDown(1_999_999_999_999_999_999n, 18)).toBe("1.999999");
    expect(en.unitsDown(123_456_789n, 6)).toBe("123.456789");
    expect(en.unitsDown(5n, 18)).toBe("0.000000000000000005");
    expect(en.unitsDown(0n, 18)).toBe("0");
    expect(nb(es.unitsDown(1_234_567_891_000_000_000_000n, 18))).toBe("1234,567891");
    // A Max hint or a wallet balance the reader may type: cut as the refusal's "At most" is, where `token` rounds
    // (Morpho's "Max 0.0504 WETH" over a limit of 0.0503876 was refused when typed).
    expect(en.token(50_387_600_000_000_000n, 18, "WETH")).toBe("0.0504 WETH");
    expect(en.tokenDown(50_387_600_000_000_000n, 18, "WETH")).toBe("0.0503876 WETH");
    expect(en.tokenDown(3_850_877_000_000_000_000n, 18, "WETH")).toBe("3.850877 WETH");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (v, d) => {
        const shown = parseUnits(en.unitsDown(v, d).replace(/,/g, ""), d);
        expect(shown <= v).toBe(true);
        // Never more than the sixth significant fraction digit below it.
        expect(v - shown < (v >= 10n ** BigInt(d) ? 10n ** BigInt(Math.max(0, d - 6)) : v / 10n ** 5n + 1n)).toBe(true);
      }),
    );
  });
  it("writes a chart's axis ticks in the reader's language: no trailing zeros, one percent and one dollar form", () => {
    const en = formatter("en");
    const es = formatter("es");
    const nb = (t: string) => t.replace(/\u00a0/g, " ");
    expect([0, 0.75, 1, 1.5, 2].map(en.tick)).toEqual(["0", "0.75", "1", "1.5", "2"]);
    expect([0, 0.75, 1, 1.5, 12500].map(es.tick)).toEqual(["0", "0,75", "1", "1,5", "12.500"]);
    expect([0, 53.6, 100].map(en.percentTick)).toEqual(["0%", "53.6%", "100%"]);
    // Spanish writes a space before % everywhere else ("80,00 %"): the axes too.
    expect([0, 53.6, 100].map((n) => nb(es.percentTick(n)))).toEqual(["0 %", "53,6 %", "100 %"]);
    // The x axis of a price: $0 and $1,500 alike (usdFloat gave "$0.00" beside "$1,500"), cents only on a tick that has them.
    expect([0, 1500, 0.25].map(en.usdTick)).toEqual(["$0", "$1,500", "$0.25"]);
    expect([0, 1500].map((n) => nb(es.usdTick(n)))).toEqual(["0 US$", "1500 US$"]);
  });
});

describe("English without Intl", () => {
  // The English formats are written by hand (the first Intl.NumberFormat of a page costs 45–140 ms in Chromium);
  // they must give Intl's text exactly, rounding half away from zero, never "-0".
  const en = formatter("en");
  const intl = (o: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat("en", { roundingMode: "halfExpand", signDisplay: "negative", ...o } as Intl.NumberFormatOptions);
  const amount = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });
  const ties = fc.integer({ min: -100_000, max: 100_000 }).map((i) => i / 200);
  const float = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), ties, fc.double({ min: -1e6, max: 1e6, noNaN: true }));
  it("amounts, USD and percentages of exact decimals", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 18 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (v, d, max, min) => {
        const m = Math.min(max, d);
        const text = formatUnits(v, d) as unknown as number;
        expect(en.unitsFixed(v, d, max, min)).toBe(intl({ minimumFractionDigits: Math.min(min, m), maximumFractionDigits: m }).format(text));
        expect(en.percent(v, min % 5)).toBe(
          intl({ style: "percent", minimumFractionDigits: min % 5, maximumFractionDigits: min % 5 }).format(formatUnits(v, 18) as unknown as number),
        );
        const abs = v < 0n ? -v : v;
        expect(en.usd(v)).toBe(
          intl({ style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: abs >= 10n ** 18n ? 2 : 6 }).format(
            formatUnits(v, 18) as unknown as number,
          ),
        );
      }),
      { numRuns: 2_000 },
    );
  });
  it("floats: numbers, USD and percentages", () => {
    fc.assert(
      fc.property(float, fc.integer({ min: 0, max: 6 }), (n, k) => {
        expect(en.number(n, k)).toBe(intl({ minimumFractionDigits: k, maximumFractionDigits: k }).format(n));
        expect(en.percentFloat(n, k)).toBe(intl({ style: "percent", minimumFractionDigits: k, maximumFractionDigits: k }).format(n));
        const f = Math.abs(n) >= 100 ? 0 : 2;
        expect(en.usdFloat(n)).toBe(intl({ style: "currency", currency: "USD", minimumFractionDigits: f, maximumFractionDigits: f }).format(n));
      }),
      { numRuns: 5_000 },
    );
  });
  it("compact USD, the unit from the rounded value", () => {
    // The minimum of 0 is ECMA-402's for compact notation (Chromium's text); Node 20's V8 pads to the currency's digits.
    const compact = intl({ style: "currency", currency: "USD", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });
    // every magnitude, and values a hair either side of a unit's rounding edge
    const edge = fc
      .tuple(fc.integer({ min: 0, max: 16 }), fc.constantFrom(0.95, 0.9995, 0.99995, 0.99949, 0.99951, 1, 1.05, 9.995), fc.boolean())
      .map(([e, x, neg]) => (neg ? -1 : 1) * x * 10 ** e);
    const wide = fc.double({ min: -1e22, max: 1e22, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(float, edge, wide), (n) => {
        expect(en.usdCompact(n)).toBe(compact.format(n));
      }),
      { numRuns: 10_000 },
    );
    for (const n of [0, -0.04, 0.05, 999.95, 999_950, 99_950, 1e15, 1.234e18, -12_345, 1e21, Number.NaN, Infinity]) {
      expect(en.usdCompact(n)).toBe(compact.format(n));
    }
  });
  it("ages in narrow time units", () => {
    const unit = (u: string, n: number) => intl({ style: "unit", unit: u, unitDisplay: "narrow" }).format(n);
    const viaIntl = (s: number) =>
      s < 60
        ? unit("second", s)
        : s < 3600
          ? `${unit("minute", Math.floor(s / 60))} ${unit("second", s % 60)}`
          : s < 86400
            ? `${unit("hour", Math.floor(s / 3600))} ${unit("minute", Math.floor((s % 3600) / 60))}`
            : `${unit("day", Math.floor(s / 86400))} ${unit("hour", Math.floor((s % 86400) / 3600))}`;
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 2 ** 40 })), (s) => {
        expect(en.age(s)).toBe(viaIntl(s));
      }),
      { numRuns: 5_000 },
    );
    expect(en.age(8)).toBe("8s");
    expect(en.age(250)).toBe("4m 10s");
    expect(en.age(86_400 * 1000)).toBe("1,000d 0h");
  });
  it("the edges", () => {
    expect(en.number(1.005, 2)).toBe(intl({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1.005));
    expect(en.number(-0.004, 2)).toBe("0.00");
    expect(en.usdFloat(-1234.5)).toBe("-$1,235");
    expect(en.number(1e21, 0)).toBe("1,000,000,000,000,000,000,000");
    expect(en.number(1e-7, 6)).toBe("0.000000");
    expect(en.unitsFixed(999_994n, 6, 5)).toBe("0.99999");
    expect(en.unitsFixed(999_995n, 6, 5)).toBe("1");
    expect(en.unitsFixed(9_999_995n, 6, 5)).toBe("10");
    expect(en.healthFactor(2000n * 10n ** 18n)).toBe(">1000");
    expect(en.number(Number.NaN, 2)).toBe("NaN");
  });
});
