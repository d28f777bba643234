/**
 * Writes the app's two fonts, app/fonts/geist-sans.woff2 and geist-mono.woff2 (app/layout.tsx loads them with
 * next/font/local), from the variable Geist and Geist Mono of npm `geist` (SIL Open Font License 1.1, no reserved name:
 * app/fonts/OFL.txt), cut to the characters the UI writes in its Latin-script languages and to the weights it uses.
 *
 * Why the app carries its own font (docs/performance.md, "thirtieth session"): a system font's first use is a synchronous
 * request to the font service on Linux, and while a page loads that request queues behind V8 compiling the scripts; a
 * web font that is in memory is used without asking anything. Chinese keeps the system's CJK font (a CJK subset would be
 * megabytes); characters outside the set fall through to the next family of app/globals.css's stack.
 *
 * Run `npm run fonts` after adding a character outside FONT_TEXT to the UI (lib/view/fonts.test.ts says which); commit
 * the two files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import subsetFont from "subset-font";
import { repoRoot } from "./lib/artifacts";
import { FONT_TEXT, FONT_WEIGHTS } from "../lib/view/fonts";

const source = (file: string) => path.join(repoRoot, "node_modules/geist/dist/fonts", file);
const fonts = [
  { from: source("geist-sans/Geist-Variable.woff2"), to: "app/fonts/geist-sans.woff2" },
  { from: source("geist-mono/GeistMono-Variable.woff2"), to: "app/fonts/geist-mono.woff2" },
];

for (const { from, to } of fonts) {
  const full = readFileSync(from);
  const cut = await subsetFont(full, FONT_TEXT, {
    targetFormat: "woff2",
    variationAxes: { wght: { min: FONT_WEIGHTS.min, max: FONT_WEIGHTS.max, default: 400 } },
    // The license's description and URL stay in the file (name IDs 13, 14) beside the copyright and names (0–6).
    preserveNameIds: [13, 14],
  });
  writeFileSync(path.join(repoRoot, to), cut);
  console.log(`${to}: ${cut.length} bytes (from ${full.length})`);
}
