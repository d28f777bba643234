import { expect, test } from "./support/fixtures";

// `npm run dev` prints the chain at 127.0.0.1, so people open the app there too: Next 16 serves its dev resources only
// to allowed origins, and without `allowedDevOrigins` every page stayed unhydrated at 127.0.0.1 ("Reading the
// markets…" forever, no Connect button). Both addresses must give a working app.
for (const host of ["localhost", "127.0.0.1"]) {
  test(`next dev: the app hydrates at ${host}`, async ({ page, app }) => {
    const url = app.baseUrl.replace("localhost", host);
    const blocked: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 403 && r.url().includes("/_next/")) blocked.push(r.url());
    });
    await page.goto(`${url}/markets`);
    // Interactive only once hydrated: RainbowKit's dialog opens and the markets are read from the chain.
    await page.getByRole("button", { name: "Connect Wallet" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("market-USDC")).toBeVisible();
    expect(blocked).toEqual([]);
  });
}
