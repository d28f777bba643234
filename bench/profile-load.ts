/**
 * Where a page's first load spends the main thread: a CPU profile of the production build's page load in Chromium
 * (Debian's, as Lighthouse), summed by script and by function (self time). `npm run bench:profile -- / /risk`.
 * With PROFILE_CPU=4 (the default) the CPU is slowed 4× as Lighthouse's mobile run does. Prints; writes nothing.
 *
 * Beside the profile, a Chromium trace of the same load gives the main thread's tasks: each task over 50 ms (at that
 * slowdown) is listed with where its time went — by source, and by the first frame below the framework (Next, React,
 * Turbopack's runtime) that led to it, with the app's own frame nearest the work — which is what a long task is made
 * of (a profile's busy stretch may join several tasks). And the font families the page looked up, in order: on Linux
 * each is a synchronous call from the page to the browser's font service during layout, a family the machine lacks
 * included (Chromium's `fonts` trace category).
 *
 * A build with the browser's source maps (`KEEL_SOURCE_MAPS=1 npm run build`, never the build to ship or score) lets it
 * name what the minified chunks run: each sample is then also summed by source — the npm package, or the app's own file
 * — and the functions carry their original names and files. Without maps it prints the chunks' minified names.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { chromium } from "@playwright/test";
import { repoRoot } from "../scripts/lib/artifacts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "../scripts/lib/chromium";
import { startStack } from "../scripts/lib/stack";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, "") || "(native)";

/** The source maps of the build's client chunks (named by each chunk's `sourceMappingURL`), read on first use. */
const maps = new Map<string, SourceMap | undefined>();
function mapOf(url: string): SourceMap | undefined {
  const m = /\/_next\/(static\/.+)\.js$/.exec(short(url));
  if (!m) return undefined;
  if (!maps.has(m[1]!)) {
    const chunk = path.join(repoRoot, ".next", `${m[1]}.js`);
    const name = existsSync(chunk) ? /\/\/# sourceMappingURL=(\S+\.map)\s*$/.exec(readFileSync(chunk, "utf8"))?.[1] : undefined;
    const file = name && path.join(path.dirname(chunk), name);
    maps.set(m[1]!, file && existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8")) as never) : undefined);
  }
  return maps.get(m[1]!);
}

/** A source path as a reader names it: the npm package (scoped or not), or the app's own file from the repository root. */
function sourceName(source: string): string {
  const p = source.replace(/^(turbopack:\/\/\/|file:\/\/)/, "").replace(/^\[project\]\//, "");
  const nm = p.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = p.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return p.replace(/^.*?\/(app|components|hooks|lib|contracts-abi|messages|i18n)\//, "$1/");
}

/** A profile frame in the original source when the chunk has a map: [source, "name file:line"]. */
function original(frame: Node["callFrame"]): [string, string] | undefined {
  const map = mapOf(frame.url);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
  if (!entry?.originalSource) return undefined;
  const source = sourceName(entry.originalSource);
  const file = entry.originalSource.replace(/^.*node_modules\//, "").replace(/^(turbopack:\/\/\/|file:\/\/)(\[project\]\/)?/, "");
  return [source, `${frame.functionName || entry.name || "(anonymous)"} ${file}:${(entry.originalLine ?? 0) + 1}`];
}

/** A profile frame's name as the listings print it: the original function and file with a source map, else the chunk's. */
function frameLabel(frame: Node["callFrame"]): string {
  return original(frame)?.[1] ?? `${frame.functionName || "(anonymous)"} ${short(frame.url)}:${frame.lineNumber}:${frame.columnNumber}`;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

/** Frames of the framework, under which a task's own work is looked for. */
const FRAMEWORK = /^(next|react-dom|scheduler|\[turbopack\])/;

/**
 * The page's long tasks from the trace (the renderer's main thread: the `CrRendererMain` with the most tasks), each
 * with its profile samples (same clock) summed by source and by the frame that led to them, with the app's own frame
 * nearest the work (`callerOf`, the busy stretches' own).
 */
function tasksReport(
  events: TraceEvent[],
  profile: { samples: number[]; timeDeltas: number[]; startTime: number },
  nodeById: Map<number, Node>,
  parent: Map<number, number>,
  callerOf: (id: number) => string | undefined,
): string {
  const mains = events.filter((e) => e.name === "thread_name" && (e.args as { name?: string } | undefined)?.name === "CrRendererMain");
  const taskCount = new Map<string, number>();
  for (const e of events) if (e.name === "RunTask") taskCount.set(`${e.pid}:${e.tid}`, (taskCount.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const count = (m: TraceEvent) => taskCount.get(`${m.pid}:${m.tid}`) ?? 0;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  if (!main) return "long tasks: no renderer in the trace";
  const tasks = events.filter(
    (e) => e.name === "RunTask" && e.ph === "X" && e.pid === main.pid && e.tid === main.tid && (e.dur ?? 0) > 50_000 && e.ts >= profile.startTime,
  );
  let at = profile.startTime;
  const times = profile.samples.map((_, i) => (at += profile.timeDeltas[i] ?? 0));
  const source = (n: Node) =>
    original(n.callFrame)?.[0] ?? (n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : short(n.callFrame.url));
  const lines = [
    `tasks over 50 ms in the trace (ms from the profile's start + duration; past 50 ms: ${tasks.map((t) => Math.round((t.dur ?? 0) / 1000 - 50)).reduce((a, b) => a + b, 0)} ms in all):`,
  ];
  for (const t of tasks) {
    const bySource = new Map<string, number>();
    const led = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      if (times[i]! < t.ts || times[i]! > t.ts + t.dur!) return;
      const ms = (profile.timeDeltas[i] ?? 0) / 1000; // weighed as the other views weigh a sample
      const chain: Node[] = [];
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) chain.unshift(nodeById.get(x)!);
      const leaf = chain.at(-1)!;
      bySource.set(source(leaf), (bySource.get(source(leaf)) ?? 0) + ms);
      const first = chain.find((n) => n !== chain[0] && !FRAMEWORK.test(source(n)) && !source(n).startsWith("("));
      const own = callerOf(id);
      const firstLabel = first && frameLabel(first.callFrame);
      const key = firstLabel ? firstLabel + (own && own !== firstLabel ? ` ← ${own}` : "") : `(${source(leaf)})`;
      led.set(key, (led.get(key) ?? 0) + ms);
    });
    const top = (m: Map<string, number>, k: number, sep: string) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
        .join(sep);
    lines.push(`  ${((t.ts - profile.startTime) / 1000).toFixed(0).padStart(6)}+${((t.dur ?? 0) / 1000).toFixed(0)}: ${top(bySource, 6, ", ")}`);
    lines.push(`          led by: ${top(led, 4, "; ")}`);
  }
  return lines.join("\n");
}

async function main() {
  ensureChromium(); // before any stack starts: Debian's Chromium, installed when missing (as `npm test` does)
  const paths = process.argv.slice(2).filter((a) => a.startsWith("/"));
  const rate = Number(process.env.PROFILE_CPU ?? 4);
  const stack = await startStack({ indexer: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    for (const p of paths.length ? paths : ["/"]) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      // The page's long tasks (start and duration, ms from navigation), collected from its first script on.
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[][] };
        w.__longTasks = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({
          type: "longtask",
        });
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate });
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await browser.startTracing(page, { categories: ["toplevel", "disabled-by-default-devtools.timeline", "fonts"] });
      await page.goto(stack.baseUrl + p, { waitUntil: "networkidle" });
      await page.waitForTimeout(3_000);
      const seen = await page.evaluate(
        () =>
          new Promise<{ lcp: string; longTasks: number[][] }>((resolve) => {
            const longTasks = (window as unknown as { __longTasks: number[][] }).__longTasks;
            new PerformanceObserver((list) => {
              const e = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element | null }) | undefined;
              const what = e ? `<${e.element?.tagName.toLowerCase() ?? "?"}> "${(e.element?.textContent ?? "").trim().slice(0, 50)}"` : "";
              resolve({ lcp: e ? `${Math.round(e.startTime)} ms ${what}` : "none", longTasks });
            }).observe({ type: "largest-contentful-paint", buffered: true });
            setTimeout(() => resolve({ lcp: "none", longTasks }), 1_000);
          }),
      );
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      const { profile } = (await cdp.send("Profiler.stop")) as {
        profile: { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
      };
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
      const byUrl = new Map<string, number>();
      const byFn = new Map<string, number>();
      const bySource = new Map<string, number>();
      const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
      for (const n of profile.nodes) {
        const ms = self.get(n.id) ?? 0;
        if (!ms || n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
        const url = short(n.callFrame.url);
        add(byUrl, url, ms);
        const orig = original(n.callFrame);
        if (orig) add(bySource, orig[0], ms);
        add(byFn, frameLabel(n.callFrame), ms);
      }
      // The busy stretches: runs of samples with no idle sample between them (a task, or tasks back to back), the
      // longest first, each with where its time went by source — which work makes a long task.
      const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
      // Each sample's nearest caller in the app's own code (app/, components/, hooks/, lib/): which of Keel's functions
      // led to the work, whatever library ran it.
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const ownCaller = new Map<number, string | undefined>();
      const callerOf = (id: number): string | undefined => {
        if (ownCaller.has(id)) return ownCaller.get(id);
        const n = nodeById.get(id)!;
        const orig = original(n.callFrame);
        const own = orig && /^(app|components|hooks|lib)\//.test(orig[0]) ? orig[1] : undefined;
        const up = parent.get(id);
        const found = own ?? (up === undefined ? undefined : callerOf(up));
        ownCaller.set(id, found);
        return found;
      };
      // PROFILE_FOCUS=<source> (e.g. @noble/hashes): the callers count only the samples of that source.
      const focus = process.env.PROFILE_FOCUS;
      const stretches: { start: number; ms: number; by: Map<string, number>; callers: Map<string, number> }[] = [];
      let at = 0;
      let cur: (typeof stretches)[number] | null = null;
      profile.samples.forEach((id, i) => {
        const dt = (profile.timeDeltas[i] ?? 0) / 1000;
        at += dt;
        const n = nodeById.get(id)!;
        const idle = n.callFrame.functionName === "(idle)";
        if (idle) {
          if (cur) stretches.push(cur);
          cur = null;
          return;
        }
        cur ??= { start: at, ms: 0, by: new Map(), callers: new Map() };
        cur.ms += dt;
        const caller = callerOf(id);
        if (caller && (!focus || (original(n.callFrame)?.[0] ?? "").includes(focus))) add(cur.callers, caller, dt);
        const orig = original(n.callFrame);
        add(cur.by, orig ? orig[0] : n.callFrame.functionName === "(program)" ? "(program)" : short(n.callFrame.url), dt);
      });
      if (cur) stretches.push(cur);
      const top = (m: Map<string, number>, k: number) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([name, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
      const total = [...byUrl.values()].reduce((a, b) => a + b, 0);
      console.log(`\n${p} (CPU ${rate}×): ${total.toFixed(0)} ms of script; largest paint ${seen.lcp}`);
      console.log(`long tasks (start+duration ms): ${seen.longTasks.map(([s, d]) => `${s}+${d}`).join(" ") || "none"}`);
      console.log(
        `busiest stretches (ms from the profile's start: length, then where it went):\n${[...stretches]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 8)
          .map(
            (st) =>
              `  ${st.start.toFixed(0).padStart(6)}: ${st.ms.toFixed(0)} ms — ${[...st.by]
                .sort((a, b) => b[1] - a[1])
                .slice(0, 6)
                .map(([k, v]) => `${k} ${v.toFixed(0)}`)
                .join(", ")}${
                st.callers.size
                  ? `\n          led by: ${[...st.callers]
                      .sort((a, b) => b[1] - a[1])
                      .slice(0, 4)
                      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
                      .join("; ")}`
                  : ""
              }`,
          )
          .join("\n")}`,
      );
      console.log(tasksReport(trace.traceEvents, profile, nodeById, parent, callerOf));
      const fonts = trace.traceEvents.filter((e) => e.name === "FontDataManager::onMatchFamilyStyle").map((e) => String(e.args?.family_name));
      console.log(`font families looked up (${fonts.length}): ${fonts.join(", ") || "none traced"}`);
      console.log(`by script:\n${top(byUrl, 12).join("\n")}`);
      if (bySource.size) console.log(`by source (self, from the build's source maps):\n${top(bySource, 25).join("\n")}`);
      else console.log("(no source maps: build with KEEL_SOURCE_MAPS=1 to name sources and the frames that led each task)");
      console.log(`by function (self):\n${top(byFn, 30).join("\n")}`);
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
