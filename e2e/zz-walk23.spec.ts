// @ts-nocheck
import * as fs from "fs";
import { privateKeyToAccount } from "viem/accounts";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { aavePoolAbi } from "../lib/protocols/aave-v3/abi";
import { readProtocolPositions } from "../lib/protocols/account";
import { connectWallet, expect, test } from "./support/fixtures";

const OUT = "/tmp/walk23";
const A0 = privateKeyToAccount(ANVIL_KEYS[0]!).address;
const A2 = privateKeyToAccount(ANVIL_KEYS[2]!).address;
const j = (x) => JSON.stringify(x, (k, v) => (typeof v === "bigint" ? v.toString() : v), 2);

async function dump(page, name) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(2500);
  // scroll to bottom to trigger deferred panels
  for (let i = 0; i < 8; i++) { await page.mouse.wheel(0, 1500); await page.waitForTimeout(400); }
  await page.waitForTimeout(2000);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true }).catch((e) => console.log("shot fail", name, e.message));
  const txt = await page.locator("body").innerText().catch(() => "");
  fs.writeFileSync(`${OUT}/${name}.txt`, txt);
  const sw = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  fs.appendFileSync(`${OUT}/widths.txt`, `${name} ${JSON.stringify(sw)}\n`);
}

function pages(chain) {
  const usdc = chain.deployment.markets.find((m) => m.name === "Keel USDC").address;
  const morpho = chain.deployment.morphoBlue.markets.find((m) => m.name === "WETH/USDC").id;
  return [
    ["dashboard", "/"],
    ["aave", `/position/31337/aave-v3/${A0}`],
    ["morpho", `/position/31337/morpho-blue/${morpho}/${A0}`],
    ["vault1", `/vault/31337/1?market=${usdc}`],
    ["vault2", `/vault/31337/2?market=${usdc}`],
    ["vault3", `/vault/31337/3?market=${usdc}`],
    ["multiply", "/multiply"],
    ["automate", "/automate"],
    ["risk", "/risk"],
    ["markets", "/markets"],
    ["private", "/private"],
  ];
}

test("walk desktop en + chain data", async ({ page, app, chain, injectWallet }) => {
  test.setTimeout(600_000);
  fs.writeFileSync(`${OUT}/deployment.json`, j(chain.deployment));
  const r = await readProtocolPositions(chain.publicClient, chain.deployment, A0, undefined, { includeEmpty: true });
  fs.writeFileSync(`${OUT}/positions-a0.json`, j(r));
  const acct = await chain.publicClient.readContract({ address: chain.deployment.aaveV3.pool, abi: aavePoolAbi, functionName: "getUserAccountData", args: [A0] });
  fs.writeFileSync(`${OUT}/aave-account-a0.json`, j(acct));
  await injectWallet({ account: A0 });
  await app.open("/");
  await connectWallet(page);
  for (const [name, path] of pages(chain)) {
    await app.open(path);
    await connectWallet(page).catch(() => {});
    await dump(page, `d-${name}`);
  }
});

test("walk phone en", async ({ page, app, chain, injectWallet }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await injectWallet({ account: A0 });
  await app.open("/");
  await connectWallet(page);
  for (const [name, path] of pages(chain)) {
    await app.open(path);
    await connectWallet(page).catch(() => {});
    await dump(page, `p-${name}`);
  }
});

for (const loc of ["es", "zh"]) {
  test(`walk desktop ${loc}`, async ({ page, app, chain, injectWallet, context }) => {
    test.setTimeout(600_000);
    await context.addCookies([{ name: "KEEL_LOCALE", value: loc, url: app.baseUrl }]);
    await injectWallet({ account: A0 });
    const btn = loc === "es" ? "Conectar billetera" : undefined;
    for (const [name, path] of pages(chain).filter(([n]) => ["dashboard", "aave", "morpho", "multiply", "automate", "risk", "vault2"].includes(n))) {
      await app.open(path);
      if (await page.getByTestId("rk-account-button").isVisible().catch(() => false)) {} else {
        const b = page.getByRole("banner").getByRole("button").filter({ hasText: /Conectar|连接|Connect/ }).first();
        await b.click().catch(() => {});
        await page.getByRole("dialog").getByText("Keel Test Wallet").click({ timeout: 10000 }).catch(() => {});
      }
      await dump(page, `${loc}-${name}`);
      if (name === "aave" || name === "dashboard") {
        await page.setViewportSize({ width: 390, height: 844 });
        await dump(page, `${loc}-p-${name}`);
        await page.setViewportSize({ width: 1280, height: 860 });
      }
    }
  });
}
