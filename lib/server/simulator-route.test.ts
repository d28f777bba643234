import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The route's collaborators: a local chain whose RPC answers as anvil (after a delay, as a real probe does) and a
// scenario that keeps running.
vi.mock("@/lib/server/config", () => ({
  loadChainConfigs: () => [{ id: 31337, name: "Local", rpcUrl: "http://127.0.0.1:1", deployment: { dev: {}, chainId: 31337 } }],
}));
const runScenario = vi.fn(() => new Promise<void>(() => {}));
vi.mock("@/agents/market-simulator", () => ({ runScenario: (...a: unknown[]) => runScenario(...(a as [])) }));

const post = (scenario = "crash") => new Request("http://app/api/simulator", { method: "POST", body: JSON.stringify({ chainId: 31337, scenario }) });

describe("POST /api/simulator", () => {
  beforeEach(() => {
    (globalThis as { __keelScenarioRuns?: Map<number, unknown> }).__keelScenarioRuns?.clear();
    runScenario.mockClear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("a double click starts one run: the second request is refused while the first probes the RPC", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        await new Promise((r) => setTimeout(r, 20));
        return new Response(JSON.stringify({ result: "anvil/v1.7.1" }));
      }),
    );
    const { POST } = await import("@/app/api/simulator/route");
    const [a, b] = await Promise.all([POST(post()), POST(post("flash-crash"))]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect(runScenario).toHaveBeenCalledTimes(1);
  });

  it("a failed RPC probe releases the chain for the next click", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new Error("ECONNREFUSED"))),
    );
    const { POST } = await import("@/app/api/simulator/route");
    expect((await POST(post())).status).toBe(502);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ result: "anvil/v1.7.1" }))),
    );
    expect((await POST(post())).status).toBe(202);
  });
});
