/**
 * The characters and weights of the app's own fonts (Geist and Geist Mono, cut by scripts/make-fonts.ts into app/fonts/).
 * The set is the UI's Latin-script languages (English, Spanish) with the signs its figures use; a character outside it
 * is drawn by the next family of app/globals.css's stack (Chinese by the system's CJK font). lib/view/fonts.test.ts
 * fails when a message uses a character Geist has and the set lacks.
 */

/** Inclusive code point ranges. */
const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0xff], // Latin-1: Spanish letters, « » ¿ ¡, ± × ÷ ·, the no-break space of Intl's grouping
  [0x131, 0x131], // ı
  [0x152, 0x153], // Œ œ
  [0x2009, 0x200a], // thin and hair spaces
  [0x2010, 0x2027], // dashes, quotes, bullet, ellipsis
  [0x202f, 0x202f], // narrow no-break space (Intl's grouping in some locales)
  [0x2030, 0x203a], // ‰, primes, ‹ ›
  [0x2044, 0x2044], // fraction slash
  [0x2070, 0x209f], // superscripts and subscripts
  [0x20ac, 0x20ac], // €
  [0x2116, 0x2116], // №
  [0x2122, 0x2122], // ™
  [0x2190, 0x2199], // arrows: ← ↑ → ↓ ↔
  [0x21d2, 0x21d4], // ⇒ ⇔
  [0x2212, 0x2212], // minus sign (Intl's negative numbers)
  [0x2215, 0x2215], // division slash
  [0x221a, 0x221a], // √
  [0x221e, 0x221e], // ∞
  [0x2248, 0x2248], // ≈
  [0x2260, 0x2260], // ≠
  [0x2264, 0x2265], // ≤ ≥
];

/** Every character of the set, as the text the subsetter takes. */
export const FONT_TEXT: string = RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join(
  "",
);

/** The weight axis kept: the UI's normal, medium, semibold and bold (Tailwind's font-normal … font-bold). */
export const FONT_WEIGHTS = { min: 400, max: 700 } as const;
