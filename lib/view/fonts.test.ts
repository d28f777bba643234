import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Blob, Face } from "harfbuzzjs";
import subsetFont from "subset-font";
import { describe, expect, it } from "vitest";
import { FONT_TEXT, FONT_WEIGHTS } from "./fonts";

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

const fonts = [
  { file: "app/fonts/geist-sans.woff2", full: "node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2" },
  { file: "app/fonts/geist-mono.woff2", full: "node_modules/geist/dist/fonts/geist-mono/GeistMono-Variable.woff2" },
];

describe("the app's fonts (scripts/make-fonts.ts)", () => {
  it.each(fonts)("$file holds every character of the set that Geist draws — run `npm run fonts` after changing the set", async ({ file, full }) => {
    const geist = await codePointsOf(read(full));
    const cut = await codePointsOf(read(file));
    const wanted = [...FONT_TEXT].map((c) => c.codePointAt(0)!).filter((p) => geist.has(p));
    expect(wanted.filter((p) => !cut.has(p)).map((p) => `U+${p.toString(16)}`)).toEqual([]);
    // and nothing the set does not ask for (a stale, larger cut)
    expect([...cut].filter((p) => p >= 0x20 && !FONT_TEXT.includes(String.fromCodePoint(p))).map((p) => `U+${p.toString(16)}`)).toEqual([]);
  });

  it("every character the UI writes that Geist draws is in the set (else it is drawn by a system font, looked up while the page loads)", async () => {
    const geist = await codePointsOf(read(fonts[0]!.full));
    const missing = new Set<string>();
    for (const c of uiText()) if (geist.has(c.codePointAt(0)!) && !FONT_TEXT.includes(c)) missing.add(`${c} U+${c.codePointAt(0)!.toString(16)}`);
    expect([...missing]).toEqual([]);
  });

  it("app/layout.tsx loads the weights the cut keeps", () => {
    const layout = read("app/layout.tsx").toString();
    const weights = [...layout.matchAll(/localFont\(\{[^}]*weight: "(\d+) (\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(weights).toEqual(fonts.map(() => [FONT_WEIGHTS.min, FONT_WEIGHTS.max]));
  });
});
