import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Blob, Face } from "harfbuzzjs";
import subsetFont from "subset-font";
import { describe, expect, it } from "vitest";
import { cutFont, FONTS } from "@/scripts/make-fonts";
import { FONT_OUTSIDE, FONT_TEXT, FONT_WEIGHTS } from "./fonts";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file));

/** The code points a font maps (its cmap), read with HarfBuzz from the font as TrueType. */
async function codePointsOf(font: Uint8Array): Promise<Set<number>> {
  const ttf = await subsetFont(font, "", { keepAllGlyphs: true, targetFormat: "truetype" });
  return new Set(new Face(new Blob(new Uint8Array(ttf))).collectUnicodes());
}

/** Every text the UI writes: the messages of each language and the components' own strings (signs such as → and ×). */
function uiText(): string {
  const sources = readdirSync(path.join(root, "messages")).map((f) => read(`messages/${f}`).toString());
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith(".tsx") && !e.name.includes(".test.") ? [read(`${dir}/${e.name}`).toString()] : [],
    );
  // Comments (formulas with Σ, σ, ⌈ ⌉) are not drawn: only what lies outside them counts.
  const code = [...walk("app"), ...walk("components")].map((s) => s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1"));
  return [...sources, ...code].join("");
}

/** Chinese, Japanese and Korean scripts and their punctuation: the system's CJK font draws them, by design. */
const isCjk = (p: number) => (p >= 0x2e80 && p <= 0x9fff) || (p >= 0xf900 && p <= 0xfaff) || (p >= 0xff00 && p <= 0xffef);

describe("the app's fonts (scripts/make-fonts.ts)", () => {
  it.each(FONTS)("$cut is the cut of $full at the set and weights — run `npm run fonts` after changing them", async ({ full, cut }) => {
    expect(Buffer.compare(await cutFont(read(full)), read(cut))).toBe(0);
  });

  it("every character of the set is drawn by both fonts (the set says nothing the fonts do not hold)", async () => {
    for (const { cut } of FONTS) {
      const held = await codePointsOf(read(cut));
      expect([...FONT_TEXT].filter((c) => !held.has(c.codePointAt(0)!)).map((c) => `U+${c.codePointAt(0)!.toString(16)}`)).toEqual([]);
    }
  });

  it("every character the UI writes is in the set, in FONT_OUTSIDE (with where it shows) or CJK", () => {
    const missing = new Set<string>();
    for (const c of uiText()) {
      const p = c.codePointAt(0)!;
      if (p < 0x20 || FONT_TEXT.includes(c) || c in FONT_OUTSIDE || isCjk(p)) continue;
      missing.add(`${c} U+${p.toString(16)}`);
    }
    expect([...missing]).toEqual([]);
  });

  it("app/layout.tsx loads the weights the cut keeps", () => {
    const layout = read("app/layout.tsx").toString();
    const weights = [...layout.matchAll(/localFont\(\{[^}]*weight: "(\d+) (\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(weights).toEqual(FONTS.map(() => [FONT_WEIGHTS.min, FONT_WEIGHTS.max]));
  });
});
