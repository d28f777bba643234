/**
 * `npm run bench:deploy-local`: what Aave v3 and Morpho Blue add to `npm run dev`'s deploy. On a fresh anvil each
 * round, deployLocal (scripts/deploy-local.ts) with and without the lending protocols (alternating, so machine load
 * hits both alike); the Morpho build is taken from its cache, as on every run after the first. Writes
 * bench/results/deploy-local.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deployLocal } from "../scripts/deploy-local";
import { freePort, startAnvil } from "../scripts/lib/anvil";
import { repoRoot } from "../scripts/lib/artifacts";
import { buildMorpho } from "../scripts/lib/morpho-build";
import { tempDir } from "../scripts/lib/temp-dir";

const ROUNDS = Number(process.env.KEEL_BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const t0 = performance.now();
  buildMorpho();
  const buildMs = performance.now() - t0;
  const times = { without: [] as number[], with: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const lendingProtocols of [false, true]) {
      const anvil = await startAnvil({ port: await freePort() });
      try {
        const t = performance.now();
        await deployLocal({ rpcUrl: anvil.url, outDir: tempDir("keel-bench-deploy"), lendingProtocols });
        times[lendingProtocols ? "with" : "without"].push(performance.now() - t);
      } finally {
        await anvil.stop();
      }
    }
  }
  const s = (xs: number[]) =>
    `${(median(xs) / 1000).toFixed(1)} s (min ${(Math.min(...xs) / 1000).toFixed(1)}, max ${(Math.max(...xs) / 1000).toFixed(1)})`;
  const out = [
    "# Local deploy: Keel alone vs Keel + Aave v3 + Morpho Blue",
    "",
    `${new Date().toISOString().slice(0, 10)}, ${ROUNDS} rounds each on a fresh anvil, median (min, max); load average at the end ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
    "",
    "| deploy | time |",
    "| --- | --- |",
    `| Keel, tokens, feeds, Uniswap V2, demo vaults | ${s(times.without)} |`,
    `| … plus Aave v3 and Morpho Blue (side by side, anvil #8 and #9) and anvil #0's positions | ${s(times.with)} |`,
    `| added by the lending protocols | ${((median(times.with) - median(times.without)) / 1000).toFixed(1)} s |`,
    "",
    `Morpho Blue's build from the cache: ${buildMs.toFixed(0)} ms (the first run on a checkout compiles it with solc-js 0.8.19, beside forge build).`,
    "",
  ].join("\n");
  mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  writeFileSync(path.join(repoRoot, "bench", "results", "deploy-local.md"), out);
  console.log(out);
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
