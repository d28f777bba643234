/**
 * The characters and weights of the app's own fonts (Geist and Geist Mono, cut by scripts/make-fonts.ts into app/fonts/).
 * The set is the UI's Latin-script languages (English, Spanish) with the signs its figures use; a character outside it
 * is drawn by the next family of app/globals.css's stack (Chinese by the system's CJK font). lib/view/fonts.test.ts
 * fails when the UI writes a character outside the set that is not in FONT_OUTSIDE, and when the committed fonts are
 * not the cut of the set.
 */

/** Inclusive code point ranges, each drawn by both Geist and Geist Mono. */
const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0xac], // Latin-1: the no-break space of Intl's grouping (the only non-ASCII character Intl writes in en and es), ¡ « ¬
  [0xae, 0xff], // the rest of Latin-1 (but the soft hyphen): Spanish letters, ¿ », ± × ÷ ·
  [0x131, 0x131], // ı
  [0x152, 0x153], // Œ œ
  [0x2013, 0x2014], // – —
  [0x2018, 0x201a], // ‘ ’ ‚
  [0x201c, 0x201e], // “ ” „
  [0x2020, 0x2022], // † ‡ •
  [0x2026, 0x2026], // …
  [0x2030, 0x2030], // ‰
  [0x2032, 0x2033], // ′ ″
  [0x2039, 0x203a], // ‹ ›
  [0x2044, 0x2044], // fraction slash
  [0x2070, 0x2070], // ⁰
  [0x2074, 0x2079], // ⁴ … ⁹ (¹ ² ³ are Latin-1)
  [0x2080, 0x2089], // ₀ … ₉
  [0x20ac, 0x20ac], // €
  [0x2116, 0x2116], // №
  [0x2122, 0x2122], // ™
  [0x2190, 0x2199], // arrows: ← ↑ → ↓ ↔
  [0x2212, 0x2212], // minus sign
  [0x221a, 0x221a], // √
  [0x221e, 0x221e], // ∞
  [0x2248, 0x2248], // ≈
  [0x2260, 0x2260], // ≠
  [0x2264, 0x2265], // ≤ ≥
];

/**
 * Characters the UI writes that Geist does not draw, each drawn by a system font when it appears (on Linux, a lookup
 * through the font stack): none is on a page's first screen.
 */
export const FONT_OUTSIDE: Readonly<Record<string, string>> = {
  Σ: "the stress test's explanation and the risk steward's inputs, shown once the book has loaded",
  σ: "the risk steward's inputs, shown once the book has loaded",
  "✓": "a finished step of a transaction flow",
};

/** Every character of the set, as the text the subsetter takes. */
export const FONT_TEXT: string = RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join(
  "",
);

/** The weight axis kept: the UI's normal, medium, semibold and bold (Tailwind's font-normal … font-bold). */
export const FONT_WEIGHTS = { min: 400, max: 700 } as const;
