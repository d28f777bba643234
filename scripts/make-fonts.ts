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
 * Run `npm run fonts` after changing lib/view/fonts.ts (lib/view/fonts.test.ts says when: it cuts again and compares);
 * commit the two files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import subsetFont from "subset-font";
import { FONT_TEXT, FONT_WEIGHTS } from "../lib/view/fonts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Each font: the full variable font in npm `geist` and the cut the app serves. */
export const FONTS = [
  { full: "node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2", cut: "app/fonts/geist-sans.woff2" },
  { full: "node_modules/geist/dist/fonts/geist-mono/GeistMono-Variable.woff2", cut: "app/fonts/geist-mono.woff2" },
] as const;

/** The cut of a full variable font: FONT_TEXT's characters, the weight axis at FONT_WEIGHTS, WOFF2. */
export function cutFont(full: Uint8Array): Promise<Buffer> {
  return subsetFont(full, FONT_TEXT, {
    targetFormat: "woff2",
    variationAxes: { wght: { min: FONT_WEIGHTS.min, max: FONT_WEIGHTS.max, default: 400 } },
    // The license's description and URL stay in the file (name IDs 13, 14) beside the copyright and names (0–6).
    preserveNameIds: [13, 14],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const { full, cut } of FONTS) {
    const source = readFileSync(path.join(root, full));
    const bytes = await cutFont(source);
    writeFileSync(path.join(root, cut), bytes);
    console.log(`${cut}: ${bytes.length} bytes (from ${source.length})`);
  }
}
