import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium";
import { expect, test } from "./support/fixtures";

/** A PNG's width and height, from its header (IHDR). */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

test("installable on a phone: the manifest, every icon at its stated size, the social preview, and Chromium's own installability check", async ({
  page,
  app,
}) => {
  await app.open("/");
  const head = page.locator("head");
  await expect(head.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og\.png$/);
  // The manifest the page links, fetched as a browser does (without cookies): in the page's language.
  const manifestOf = async () => {
    const href = await head.locator('link[rel="manifest"]').getAttribute("href");
    const res = await page.request.fetch(app.baseUrl + href!, { headers: { cookie: "" } });
    expect(res.status(), href!).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/manifest+json");
    return (await res.json()) as {
      name: string;
      lang: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
  };
  const manifest = await manifestOf();
  expect(manifest).toMatchObject({ name: "Keel — position manager", lang: "en", display: "standalone", start_url: "/" });
  expect(manifest.icons.filter((i) => i.type === "image/png").map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  await page.context().addCookies([{ name: "KEEL_LOCALE", value: "es", url: app.baseUrl }]);
  await app.open("/");
  expect(await manifestOf()).toMatchObject({ name: "Keel — gestor de posiciones", lang: "es" });
  await page.context().clearCookies();
  await app.open("/");

  const apple = await head.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  const images = [
    ...manifest.icons.filter((i) => i.type === "image/png").map((i) => ({ src: i.src, sizes: i.sizes })),
    { src: apple!, sizes: "180x180" },
    { src: "/og.png", sizes: "1200x630" },
  ];
  for (const { src, sizes } of images) {
    const r = await page.request.get(app.baseUrl + src);
    expect(r.status(), src).toBe(200);
    expect(r.headers()["content-type"], src).toBe("image/png");
    const { width, height } = pngSize(await r.body());
    expect(`${width}x${height}`, src).toBe(sizes);
  }

  // What Chromium itself says before it offers "Install" / "Add to home screen": nothing in the way. A profile on disk,
  // since the suite's own contexts are incognito, where Chromium installs nothing.
  const profile = mkdtempSync(path.join(os.tmpdir(), "keel-install-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(app.baseUrl + "/");
    const cdp = await context.newCDPSession(tab);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
