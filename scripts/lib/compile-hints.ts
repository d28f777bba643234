/**
 * V8's explicit compile hint on the production build's client chunks: `//# allFunctionsCalledOnLoad` as a chunk's first
 * line makes V8 compile every function in it eagerly — on the browser's streaming thread while the script downloads —
 * instead of lazily on the main thread the first time each is called. A Turbopack chunk is a list of module factories
 * that the page's start-up calls one by one, so without it each factory (and every function it runs) was compiled on
 * the main thread inside the start-up's long tasks (`npm run bench:profile`: most of the runtime's `instantiateModule`
 * self time). Chromium 136+ reads the comment; other engines see a comment.
 *
 * Run after `next build` (`npm run build`; `npm test` builds through it). Idempotent. A chunk with a source map gets
 * its map shifted by the added line, so `KEEL_SOURCE_MAPS=1` builds still map to the right source.
 * Measured in docs/performance.md (2026-12-05).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** Adds the hint to every `.js` under `dir` (recursively) that lacks it; returns how many files were changed. */
export function addCompileHints(dir: string): number {
  if (!existsSync(dir)) return 0;
  let changed = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      changed += addCompileHints(file);
      continue;
    }
    if (!name.endsWith(".js")) continue;
    const code = readFileSync(file, "utf8");
    if (code.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + code);
    // The source map's lines move down by one: an empty first line in its mappings (";" separates lines).
    const url = /\/\/# sourceMappingURL=(\S+\.map)\s*$/.exec(code)?.[1];
    const map = url && !/^[a-z]+:/i.test(url) ? path.join(path.dirname(file), url) : undefined;
    if (map && existsSync(map)) {
      const m = JSON.parse(readFileSync(map, "utf8")) as { mappings?: string };
      if (typeof m.mappings === "string") writeFileSync(map, JSON.stringify({ ...m, mappings: `;${m.mappings}` }));
    }
    changed++;
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const n = addCompileHints(path.join(root, ".next", "static", "chunks"));
  console.log(`compile hints: ${n} client chunk(s) marked for eager compilation (scripts/lib/compile-hints.ts)`);
}
