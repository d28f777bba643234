/**
 * `npm run bench:lighthouse`: Lighthouse 12.2.3 (pinned: 13 needs Node 22) driving Debian's Chromium against the
 * production build on a local chain (anvil + the local deployment, as the e2e suite serves it): performance,
 * accessibility and best practices of `/`, a vault page and `/risk`, on Lighthouse's mobile and desktop settings.
 * Writes bench/results/lighthouse.md (the table) and bench/results/lighthouse/<page>-<device>.html (the reports).
 * Needs `npm run build` first.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { repoRoot } from "../scripts/lib/artifacts";
import { startStack } from "../scripts/lib/stack";

const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const GOAL = 90;

async function main() {
  const stack = await startStack();
  const usdc = stack.deployment.assets.find((a) => a.symbol === "USDC")!;
  const market = stack.deployment.markets.find((m) => m.baseAsset === usdc.address)!.address;
  const pages = [
    { name: "dashboard", path: "/" },
    { name: "vault", path: `/vault/${stack.deployment.chainId}/1?market=${market}` },
    { name: "risk", path: "/risk" },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-sync",
    ],
  });
  const out = path.join(repoRoot, "bench", "results");
  mkdirSync(path.join(out, "lighthouse"), { recursive: true });
  const rows: string[] = [];
  const misses: string[] = [];
  try {
    for (const device of ["mobile", "desktop"] as const) {
      for (const p of pages) {
        const url = stack.baseUrl + p.path;
        const result = await lighthouse(
          url,
          { port: chrome.port, output: "html", onlyCategories: [...CATEGORIES], logLevel: "error" },
          device === "desktop" ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`no Lighthouse result for ${url}`);
        const { lhr } = result;
        writeFileSync(path.join(out, "lighthouse", `${p.name}-${device}.html`), String(result.report));
        const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
        rows.push(`| \`${p.path.replace(/\?.*/, "?market=…")}\` | ${device} | ${scores.join(" | ")} |`);
        console.log(`${p.name} ${device}: ${CATEGORIES.map((c, i) => `${c} ${scores[i]}`).join(", ")}`);
        for (const [i, c] of CATEGORIES.entries()) {
          if (scores[i]! >= GOAL) continue;
          const failing = lhr.categories[c]!.auditRefs.filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9)
            .map((r) => lhr.audits[r.id]!.title)
            .slice(0, 5);
          misses.push(`- ${p.name} (${device}) ${c} ${scores[i]}: ${failing.join("; ") || "see the report"}`);
        }
      }
    }
  } finally {
    chrome.kill();
    await stack.stop();
  }
  const md = [
    `# Lighthouse ${"12.2.3"} — production build on a local chain`,
    "",
    "Command: `npm run bench:lighthouse`.",
    "",
    `Debian Chromium (headless), Lighthouse's default mobile settings (simulated slow 4G, 4× CPU slowdown) and its desktop config. ${new Date().toISOString().slice(0, 10)}. Goal ≥ ${GOAL}.`,
    "",
    "| page | device | performance | accessibility | best practices |",
    "| --- | --- | ---: | ---: | ---: |",
    ...rows,
    "",
    misses.length ? "Below the goal, with the audits that cost the most:" : "Every score meets the goal.",
    ...misses,
    "",
  ].join("\n");
  writeFileSync(path.join(out, "lighthouse.md"), md);
  console.log(`\n${md}`);
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
