import { expect, test } from "./support/fixtures";

// `npm start` (scripts/serve.ts), which the suite serves the build with: the build's scripts go out as the build
// compressed them, with the app's security headers; what has no compressed copy goes to Next as before.
test("the production server sends a page's scripts as the build compressed them, with the app's headers", async ({ page, app }) => {
  const home = await page.request.get(app.baseUrl + "/");
  const html = await home.text();
  const scripts = [...html.matchAll(/src="(\/_next\/static\/chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(2);
  for (const [encoding, accept] of [
    ["br", "gzip, deflate, br, zstd"],
    ["gzip", "gzip, deflate"],
  ] as const) {
    const res = await page.request.get(app.baseUrl + scripts[0]!, { headers: { "accept-encoding": accept } });
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["content-encoding"], accept).toBe(encoding);
    expect(h["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(h["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(h["vary"]).toBe("Accept-Encoding");
    expect(h["content-security-policy"]).toContain("default-src 'self'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect((await res.text()).length).toBeGreaterThan(100); // decoded by the client: a script, not compressed bytes
  }
  // A font has no compressed copy (woff2 is compressed already): Next serves it, as the page's preload names it.
  const font = /<(\/_next\/static\/media\/[^>]+\.woff2)>/.exec(home.headers()["link"] ?? "")?.[1];
  expect(font).toBeDefined();
  const res = await page.request.get(app.baseUrl + font!, { headers: { "accept-encoding": "br" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-encoding"]).toBeUndefined();
});
