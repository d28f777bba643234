/**
 * Where a page's first load spends the main thread: a CPU profile of the production build's page load in Chromium
 * (Debian's, as Lighthouse), summed by script and by function (self time). `npm run bench:profile -- / /risk`.
 * With PROFILE_CPU=4 (the default) the CPU is slowed 4× as Lighthouse's mobile run does. Prints; writes nothing.
 */
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { startStack } from "../scripts/lib/stack";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, "") || "(native)";

async function main() {
  const paths = process.argv.slice(2).filter((a) => a.startsWith("/"));
  const rate = Number(process.env.PROFILE_CPU ?? 4);
  const stack = await startStack({ indexer: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    for (const p of paths.length ? paths : ["/"]) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate });
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await page.goto(stack.baseUrl + p, { waitUntil: "networkidle" });
      await page.waitForTimeout(3_000);
      const { profile } = (await cdp.send("Profiler.stop")) as {
        profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
      };
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
      const byUrl = new Map<string, number>();
      const byFn = new Map<string, number>();
      for (const n of profile.nodes) {
        const ms = self.get(n.id) ?? 0;
        if (!ms || n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
        const url = short(n.callFrame.url);
        byUrl.set(url, (byUrl.get(url) ?? 0) + ms);
        const fn = `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
        byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
      }
      const top = (m: Map<string, number>, k: number) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([name, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
      const total = [...byUrl.values()].reduce((a, b) => a + b, 0);
      console.log(`\n${p} (CPU ${rate}×): ${total.toFixed(0)} ms of script\nby script:\n${top(byUrl, 12).join("\n")}`);
      console.log(`by function (self):\n${top(byFn, 25).join("\n")}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
