import { freePort } from "../scripts/lib/anvil";
import { spawnProductionServer, waitForHttp } from "../scripts/lib/stack";
import { expect, test } from "./support/fixtures";

test("an address with no page answers 404 with the not-found page", async ({ page, app }) => {
  const res = await page.request.get(app.baseUrl + "/no-such-page");
  expect(res.status()).toBe(404);
  expect(await res.text()).toContain("Page not found");
});

test("a page the server cannot render answers 500, says so in the reader's language and keeps its reason in the log", async ({ page }) => {
  test.setTimeout(90_000);
  // The same production build, started with a configuration that cannot work.
  const port = await freePort();
  const child = spawnProductionServer({
    port,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_PUBLIC_KEEL_CHAINS: "not-a-chain" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += String(d)));
  child.stderr!.on("data", (d) => (log += String(d)));
  try {
    const base = `http://localhost:${port}`;
    await waitForHttp(`${base}/icon.svg`, child, 60_000); // a static file: served without the layout
    for (const p of ["/", "/markets"]) {
      const res = await page.request.get(base + p);
      expect(res.status(), p).toBe(500);
      expect(await res.text()).not.toContain("not-a-chain"); // the reason stays on the server
    }
    await expect.poll(() => log).toContain('NEXT_PUBLIC_KEEL_CHAINS: "not-a-chain" is not a chain id');
    await page.context().addCookies([{ name: "KEEL_LOCALE", value: "es", url: base }]);
    await page.goto(base + "/");
    await expect(page.getByTestId("server-error")).toContainText("Keel no pudo mostrar esta página");
  } finally {
    child.kill("SIGTERM");
  }
});
