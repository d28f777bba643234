import { describe, expect, it } from "vitest";
import { layoutWaitOf } from "./layout-wait";

const meta = (pid: number, tid: number, name: string) => ({ ph: "M", name: "thread_name", pid, tid, args: { name } });
const x = (name: string, pid: number, tid: number, ts: number, dur: number, tdur: number) => ({ ph: "X", name, pid, tid, ts, dur, tdur });
const lcp = (pid: number, ts: number, isMainFrame = true) => ({
  ph: "I",
  name: "largestContentfulPaint::Candidate",
  pid,
  tid: pid,
  ts,
  args: { data: { isMainFrame } },
});

describe("layoutWaitOf", () => {
  it("sums the painting renderer's style and layout before its largest paint, on the clock and on the CPU", () => {
    const trace = {
      traceEvents: [
        meta(7, 7, "CrRendererMain"),
        meta(7, 9, "ThreadPoolForegroundWorker"),
        meta(3, 3, "CrRendererMain"), // another renderer (about:blank)
        x("UpdateLayoutTree", 7, 7, 1_000, 56_000, 14_700),
        x("Layout", 7, 7, 60_000, 167_000, 19_900),
        x("Layout", 7, 9, 60_000, 50_000, 50_000), // not the main thread
        x("Layout", 3, 3, 60_000, 40_000, 40_000), // not the page's renderer
        x("Layout", 7, 7, 900_000, 30_000, 30_000), // after the largest paint
        lcp(7, 200_000),
        lcp(7, 400_000), // the last candidate counts
        lcp(7, 800_000, false), // a subframe's
      ],
    };
    expect(layoutWaitOf(trace)).toEqual({ wallMs: 223, cpuMs: 35 });
  });

  it("has no figure without a largest paint", () => {
    expect(layoutWaitOf({ traceEvents: [meta(7, 7, "CrRendererMain"), x("Layout", 7, 7, 0, 1_000, 1_000)] })).toEqual({ wallMs: NaN, cpuMs: NaN });
  });
});
