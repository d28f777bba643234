import { describe, expect, it } from "vitest";
import { serialized } from "./serial";

describe("serialized", () => {
  it("never runs twice at once and coalesces calls made meanwhile into one more run", async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const run = serialized(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await new Promise((r) => setTimeout(r, 10));
        active--;
      },
      () => {},
      () => false,
    );
    await Promise.all([run(), run(), run(), run()]);
    expect(maxActive).toBe(1);
    expect(runs).toBe(2); // the first, then one for the three calls made while it ran
  });

  it("reports a failed run and keeps going", async () => {
    const errors: string[] = [];
    let n = 0;
    const run = serialized(
      async () => {
        if (n++ === 0) throw new Error("boom");
      },
      (e) => errors.push(e.message),
      () => false,
    );
    await run();
    await run();
    expect(errors).toEqual(["boom"]);
    expect(n).toBe(2);
  });
});
