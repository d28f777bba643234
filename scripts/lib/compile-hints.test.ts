import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPILE_HINT, addCompileHints } from "./compile-hints";

describe("V8 compile hints on the build's chunks", () => {
  it("marks every .js once (again is a no-op), leaves other files, and shifts a source map by the added line", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "keel-hints-"));
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "a.js"), "push([1,e=>{}]);\n//# sourceMappingURL=a.js.map\n");
    writeFileSync(path.join(dir, "a.js.map"), JSON.stringify({ version: 3, mappings: "AAAA;AACA" }));
    writeFileSync(path.join(dir, "sub", "b.js"), "b()");
    writeFileSync(path.join(dir, "c.css"), "a{}");
    expect(addCompileHints(dir)).toBe(2);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(`${COMPILE_HINT}push([1,e=>{}]);\n//# sourceMappingURL=a.js.map\n`);
    expect(readFileSync(path.join(dir, "sub", "b.js"), "utf8")).toBe(`${COMPILE_HINT}b()`);
    expect(readFileSync(path.join(dir, "c.css"), "utf8")).toBe("a{}");
    expect(JSON.parse(readFileSync(path.join(dir, "a.js.map"), "utf8")).mappings).toBe(";AAAA;AACA");
    // Idempotent: a second build step changes nothing (the map is not shifted twice).
    expect(addCompileHints(dir)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "a.js.map"), "utf8")).mappings).toBe(";AAAA;AACA");
  });
});
