#!/usr/bin/env node
// forge's compiler, offline: answers `--version` and `--standard-json` with the npm `solc` package (solc-js).
// Sources forge did not inline are read from disk below --base-path, as the native solc would, but only inside
// --allow-paths.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const solc = require("solc");

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (args.includes("--version")) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  process.stderr.write("keel solc wrapper: only --version and --standard-json are supported\n");
  process.exit(1);
}

const basePath = path.resolve(flag("--base-path") ?? process.cwd());
const allowed = (flag("--allow-paths") ?? basePath).split(",").map((p) => path.resolve(p));

function findImports(importPath) {
  const file = path.resolve(basePath, importPath);
  if (!allowed.some((dir) => file === dir || file.startsWith(dir + path.sep))) {
    return { error: `${importPath} is outside the allowed paths` };
  }
  try {
    return { contents: fs.readFileSync(file, "utf8") };
  } catch {
    return { error: `${importPath} not found` };
  }
}

const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  process.stdout.write(solc.compile(Buffer.concat(chunks).toString("utf8"), { import: findImports }));
});
