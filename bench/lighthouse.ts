/**
 * `npm run bench:lighthouse`: Lighthouse 12.2.3 (pinned: 13 needs Node 22) driving Debian's Chromium against the
 * production build on a local chain (anvil, the local deployment and the indexer, as the e2e suite serves them): performance,
 * accessibility and best practices of `/`, a vault page and `/risk`, on Lighthouse's default mobile settings and its
 * desktop config. Each page runs LIGHTHOUSE_RUNS times (3 by default) and the table gives the medians: the machine is
 * shared, and a busy CPU lengthens every task Lighthouse then counts as blocking.
 *
 * Writes bench/results/lighthouse.md (the table, the load while it ran, what each page's median run spent its time on)
 * and bench/results/lighthouse/<page>-<device>.json (each run's scores and metrics, the median run's diagnostics).
 * The full HTML reports are not kept (2,600 lines of report shell each): LIGHTHOUSE_HTML=1 writes them beside the JSON
 * (git ignores them). LIGHTHOUSE_ONLY=vault-mobile,risk (page or page-device) runs a subset and leaves the .md alone.
 * LIGHTHOUSE_DUMP=<folder> writes every run's whole result and its trace there (`<page>-<device>-<n>.json` and
 * `.trace.json`), and LIGHTHOUSE_TRACE_CATEGORIES adds trace categories (`fonts`: the font service's calls): what the
 * per-task analyses in docs/performance.md read.
 * Needs `npm run build` first.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import type { Result, RunnerResult } from "lighthouse";
import { LanternLargestContentfulPaint } from "lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js";
import { createPublicClient, http } from "viem";
import { repoRoot } from "../scripts/lib/artifacts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "../scripts/lib/chromium";
import { startStack } from "../scripts/lib/stack";
import { layoutWaitOf } from "./lib/layout-wait";
import { lcpNodeOf } from "./lib/lcp-node";

const VERSION = "12.2.3";
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const METRICS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  tbt: "total-blocking-time",
  si: "speed-index",
  cls: "cumulative-layout-shift",
} as const;
const GOAL = 90;
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const DUMP = process.env.LIGHTHOUSE_DUMP;
const TRACE_CATEGORIES = process.env.LIGHTHOUSE_TRACE_CATEGORIES;
const ONLY = process.env.LIGHTHOUSE_ONLY?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);

/**
 * Chromium's paint holding off. In headless Chromium a navigation's first frame is sometimes not drawn until something
 * else asks for one: the page has committed its content and its main thread is idle, yet the compositor drops every frame
 * for 0.6–1.9 s (traced: `PipelineReporter` STATE_DROPPED, no `DrawFrame`, then the frame at once). Lighthouse then
 * observes the first paint after the load and Lantern counts every script into the simulated LCP (3–5 s instead of
 * 1–2 s): 10–20 points off one run and not another, whatever the page does. Upstream knows the symptom
 * (GoogleChrome/lighthouse#17148, "observed FCP/LCP inflated by whole seconds in headless runs", reproduced on PageSpeed
 * Insights) and blames viz's BeginFrame throttling; turning paint holding off is our own workaround, found by trying
 * flags: on the vault page the late paint came in 7 of 12 runs with paint holding, 0 of 12 without. Paint holding only
 * keeps the previous page on screen while the next one loads (Lighthouse's previous page is about:blank), so turning it
 * off changes no work the page does, but scores taken so are not comparable with a default Chromium's (PageSpeed
 * Insights'). LIGHTHOUSE_PAINT_HOLDING=1 keeps Chromium's default.
 */
const HEADLESS_PAINT_FIX = process.env.LIGHTHOUSE_PAINT_HOLDING === "1" ? [] : ["--disable-features=PaintHolding"];

type Category = (typeof CATEGORIES)[number];
type Details = { items?: Record<string, unknown>[] };

interface Run {
  scores: Record<Category, number>;
  metrics: Record<keyof typeof METRICS, number>;
  /** Lighthouse's CPU benchmark of this machine at the time (higher is faster; an idle core here scores ~1,000+). */
  benchmarkIndex: number;
  /** The host's one-minute load average when the run started. */
  load: number;
  /**
   * What the unthrottled load itself did (ms from navigation), from which Lantern simulates the phone: the first and
   * largest paints and the end of load. Scripts whose download ended before the observed largest paint can count into
   * the simulated LCP (lcpScripts), which is why one page's LCP swings between ~1 s and 3–4 s.
   */
  observed: { fcp: number; lcp: number; load: number };
  /**
   * The scripts in Lantern's LCP graph: their number and transfer size. Lantern keeps every request that ended before the
   * observed largest paint, and drops a script only when it finds the script's evaluation starting after that paint; a
   * script whose evaluation task is under 10 ms (a Turbopack chunk that only registers its modules) is pruned from the
   * graph before that check, so it counts as render-blocking. On localhost every first-load script has ended before the
   * first paint, so the simulated LCP is in effect the HTML, the CSS and these scripts downloaded on slow 4G.
   */
  lcpScripts: { count: number; kib: number };
  /** The element of the observed largest paint, from the trace (lcpNodeOf). */
  lcpNode: string | null;
  /**
   * The page's style and layout before its largest paint, on the clock and on the CPU (layoutWaitOf): when the clock runs
   * far ahead of the CPU, the first layout slept while V8 compiled the scripts on every worker of the renderer's pool,
   * and that run loses its phone score (docs/performance.md, twenty-ninth session).
   */
  layoutWait: { wallMs: number; cpuMs: number };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const items = (lhr: Result, audit: string) => ((lhr.audits[audit]?.details ?? {}) as Details).items ?? [];
const short = (url: unknown) => String(url).replace(/^https?:\/\/[^/]+/, "");
const ms = (n: unknown) => Math.round(Number(n));
const kib = (n: unknown) => Math.round(Number(n) / 1024);

/** A node of Lantern's graph, as far as lcpScripts reads it. */
interface LanternNode {
  type: string;
  request?: { resourceType?: string; transferSize?: number };
}

/** Which scripts Lantern's simulated LCP waited for (see Run.lcpScripts): recomputed from the run's trace and log. */
async function lcpScripts(result: RunnerResult): Promise<Run["lcpScripts"]> {
  const { Trace, DevtoolsLog, GatherContext, URL } = result.artifacts;
  const settings = result.lhr.configSettings;
  const data = { trace: Trace, devtoolsLog: DevtoolsLog, gatherContext: GatherContext, settings, URL, simulator: null };
  const lcp = (await LanternLargestContentfulPaint.request(data as never, { computedCache: new Map(), settings } as never)) as unknown as {
    pessimisticEstimate: { nodeTimings: Map<LanternNode, unknown> };
  };
  const scripts = [...lcp.pessimisticEstimate.nodeTimings.keys()].filter((n) => n.type === "network" && n.request?.resourceType === "Script");
  return { count: scripts.length, kib: kib(scripts.reduce((sum, n) => sum + (n.request?.transferSize ?? 0), 0)) };
}

function runOf(lhr: Result, load: number, scripts: Run["lcpScripts"], lcpNode: string | null, layoutWait: Run["layoutWait"]): Run {
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Run["scores"],
    metrics: Object.fromEntries(
      Object.entries(METRICS).map(([k, id]) => [k, Number((lhr.audits[id]?.numericValue ?? NaN).toFixed(k === "cls" ? 3 : 0))]),
    ) as Run["metrics"],
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    load: Number(load.toFixed(2)),
    observed: (({ observedFirstContentfulPaint: fcp, observedLargestContentfulPaint: lcp, observedLoad }) => ({
      fcp: ms(fcp),
      lcp: ms(lcp),
      load: ms(observedLoad),
    }))((items(lhr, "metrics")[0] ?? {}) as Record<string, unknown>),
    lcpScripts: scripts,
    lcpNode,
    layoutWait,
  };
}

/** What a run spent its time on: the LCP element and its phases, the scripts that kept the main thread busy, unused JS. */
function diagnostics(lhr: Result, lcpNode: string | null) {
  const lcpElement = items(lhr, "largest-contentful-paint-element");
  // 12.x: the first table is the element, the second its phases (TTFB, load delay, load time, render delay).
  const element = ((lcpElement[0] as Details | undefined)?.items?.[0]?.node ?? {}) as { snippet?: string; nodeLabel?: string };
  const phases = ((lcpElement[1] as Details | undefined)?.items ?? []).map((p) => `${String(p.phase)} ${ms(p.timing)} ms`);
  return {
    lcpElement: element.nodeLabel ? `${element.nodeLabel} — ${element.snippet ?? ""}` : lcpNode,
    lcpPhases: phases,
    mainThread: items(lhr, "mainthread-work-breakdown")
      .slice(0, 6)
      .map((i) => `${String(i.groupLabel)} ${ms(i.duration)} ms`),
    scripts: items(lhr, "bootup-time")
      .slice(0, 6)
      .map((i) => `${short(i.url)}: ${ms(i.total)} ms (script ${ms(i.scripting)} ms, parse ${ms(i.scriptParseCompile)} ms)`),
    longTasks: items(lhr, "long-tasks")
      .slice(0, 6)
      .map((i) => `${short(i.url)} at ${ms(i.startTime)} ms: ${ms(i.duration)} ms`),
    unusedJs: items(lhr, "unused-javascript")
      .slice(0, 6)
      .map((i) => `${short(i.url)}: ${kib(i.wastedBytes)} of ${kib(i.totalBytes)} KiB unused`),
    scriptKiB: kib(
      items(lhr, "network-requests")
        .filter((r) => r.resourceType === "Script")
        .reduce((s, r) => s + Number(r.transferSize ?? 0), 0),
    ),
    failing: CATEGORIES.flatMap((c) =>
      lhr.categories[c]!.auditRefs.filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9).map(
        (r) => `${c}: ${lhr.audits[r.id]!.title} (${lhr.audits[r.id]!.displayValue ?? lhr.audits[r.id]!.score})`,
      ),
    ),
  };
}

async function main() {
  ensureChromium(); // before any stack starts: Debian's Chromium, installed when missing (as `npm test` does)
  // With the indexer, as a deployment runs it: /risk reads its compact book and the vault page its history from it (without
  // one they fall back to the chain, and the browser logs the proxy's 503 — a best-practices deduction).
  const stack = await startStack({ indexer: true });
  // The indexer has caught up with the seeded chain before any page is measured.
  const head = await createPublicClient({ transport: http(stack.anvil.url) }).getBlockNumber();
  await stack.indexer!.waitFor({ [stack.deployment.chainId]: head }, 180_000);
  const usdc = stack.deployment.assets.find((a) => a.symbol === "USDC")!;
  const market = stack.deployment.markets.find((m) => m.baseAsset === usdc.address)!.address;
  const pages = [
    { name: "dashboard", path: "/" },
    { name: "vault", path: `/vault/${stack.deployment.chainId}/1?market=${market}` },
    { name: "risk", path: "/risk" },
  ];
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS, ...HEADLESS_PAINT_FIX] });
  const out = path.join(repoRoot, "bench", "results");
  mkdirSync(path.join(out, "lighthouse"), { recursive: true });
  const rows: string[] = [];
  const notes: string[] = [];
  const loads: number[] = [];
  const benchmarks: number[] = [];
  try {
    for (const device of ["mobile", "desktop"] as const) {
      for (const p of pages) {
        const key = `${p.name}-${device}`;
        if (ONLY && !ONLY.includes(p.name) && !ONLY.includes(key)) continue;
        const url = stack.baseUrl + p.path;
        const runs: { run: Run; lhr: Result; report: string }[] = [];
        for (let i = 0; i < RUNS; i++) {
          const load = os.loadavg()[0]!;
          const result = await lighthouse(
            url,
            { port: chrome.port, output: "html", onlyCategories: [...CATEGORIES], logLevel: "error", additionalTraceCategories: TRACE_CATEGORIES },
            device === "desktop" ? desktopConfig : undefined,
          );
          if (!result) throw new Error(`no Lighthouse result for ${url}`);
          const trace = result.artifacts.Trace;
          const run = runOf(result.lhr, load, await lcpScripts(result), lcpNodeOf(trace), layoutWaitOf(trace));
          runs.push({ run, lhr: result.lhr, report: String(result.report) });
          if (DUMP) {
            mkdirSync(DUMP, { recursive: true });
            writeFileSync(path.join(DUMP, `${key}-${i + 1}.json`), JSON.stringify(result.lhr));
            writeFileSync(path.join(DUMP, `${key}-${i + 1}.trace.json`), JSON.stringify(result.artifacts.Trace));
          }
          loads.push(run.load);
          benchmarks.push(run.benchmarkIndex);
          const m = run.metrics;
          console.log(
            `${key} #${i + 1}: ${CATEGORIES.map((c) => `${c} ${run.scores[c]}`).join(", ")} · LCP ${m.lcp} ms, TBT ${m.tbt} ms, ` +
              `SI ${m.si} ms · load ${run.load}, benchmark ${run.benchmarkIndex} · observed paint ${run.observed.lcp} ms, ` +
              `LCP waited on ${run.lcpScripts.count} script(s), ${run.lcpScripts.kib} KiB · ` +
              `style and layout before it ${run.layoutWait.wallMs} ms (CPU ${run.layoutWait.cpuMs} ms)`,
          );
        }
        const med = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.run.scores[c]))])) as Run["scores"];
        // The run whose performance is the median's: its diagnostics stand for the page.
        const typical = [...runs].sort(
          (a, b) => Math.abs(a.run.scores.performance - med.performance) - Math.abs(b.run.scores.performance - med.performance),
        )[0]!;
        const spread = (c: Category) => {
          const xs = runs.map((r) => r.run.scores[c]);
          return Math.min(...xs) === Math.max(...xs) ? "" : ` (${Math.min(...xs)}–${Math.max(...xs)})`;
        };
        const metric = (k: keyof typeof METRICS) => median(runs.map((r) => r.run.metrics[k]));
        const d = diagnostics(typical.lhr, typical.run.lcpNode);
        writeFileSync(
          path.join(out, "lighthouse", `${key}.json`),
          JSON.stringify({ lighthouse: VERSION, url: p.path, device, median: med, runs: runs.map((r) => r.run), diagnostics: d }, null, 2) + "\n",
        );
        if (process.env.LIGHTHOUSE_HTML) writeFileSync(path.join(out, "lighthouse", `${key}.html`), typical.report);
        rows.push(
          `| \`${p.path.replace(/\?.*/, "?market=…")}\` | ${device} | ${CATEGORIES.map((c) => `${med[c]}${spread(c)}`).join(" | ")} | ` +
            `${metric("lcp")} | ${metric("tbt")} | ${metric("si")} | ${metric("cls")} |`,
        );
        const below = CATEGORIES.filter((c) => med[c] < GOAL);
        notes.push(
          `- **${key}**${below.length ? ` — below the goal: ${below.join(", ")}` : ""}.` +
            // Lighthouse names the LCP element only when its trace can resolve the node (it often cannot here).
            (d.lcpElement ? ` LCP: ${d.lcpElement}${d.lcpPhases.length ? ` (${d.lcpPhases.join(", ")})` : ""}.` : "") +
            ` Scripts: ${d.scriptKiB} KiB; busiest: ${d.scripts.slice(0, 3).join("; ") || "—"}.` +
            ` The simulated LCP waited on ${typical.run.lcpScripts.count} script${typical.run.lcpScripts.count === 1 ? "" : "s"} (${typical.run.lcpScripts.kib} KiB; the first paint observed at ${typical.run.observed.lcp} ms).` +
            ` Style and layout before the largest paint, per run: ${runs.map((r) => `${r.run.layoutWait.wallMs} ms (CPU ${r.run.layoutWait.cpuMs})`).join(", ")}.` +
            (d.failing.length ? ` Under 0.9: ${d.failing.join("; ")}.` : ""),
        );
      }
    }
  } finally {
    chrome.kill();
    await stack.stop();
  }
  const md = [
    `# Lighthouse ${VERSION} — production build on a local chain`,
    "",
    "Command: `npm run bench:lighthouse` (after `npm run build`): the production build as `npm start` serves it (static files precompressed) on anvil with the local deployment and the indexer.",
    "",
    `Debian Chromium (headless${HEADLESS_PAINT_FIX.length ? ", paint holding off: headless Chromium sometimes drops a page's first frames for a second or more, see `HEADLESS_PAINT_FIX` in bench/lighthouse.ts" : ""}); Lighthouse's default mobile settings (simulated slow 4G, 4× CPU slowdown) and its desktop ` +
      `config, unchanged. ${new Date().toISOString().slice(0, 10)}. Goal ≥ ${GOAL}. Each page ${RUNS}×: the median score, ` +
      `the range when runs differed, and the median metrics (ms; CLS unitless).`,
    "",
    "| page | device | performance | accessibility | best practices | LCP | TBT | SI | CLS |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `The machine was shared while this ran: load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ` +
      `${os.cpus().length} cores, Lighthouse's CPU benchmark ${Math.min(...benchmarks)}–${Math.max(...benchmarks)}. A loaded CPU ` +
      `lengthens the tasks Lighthouse scales by its throttling, so TBT (and the mobile scores most) are pessimistic here.`,
    "",
    "What each page's median run spent its time on (per-run figures and more in `bench/results/lighthouse/<page>-<device>.json`):",
    "",
    ...notes,
    "",
  ].join("\n");
  if (!ONLY) writeFileSync(path.join(out, "lighthouse.md"), md);
  console.log(`\n${md}`);
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
