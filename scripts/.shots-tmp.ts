import { chromium } from "@playwright/test";
import { startStack } from "./lib/stack";

async function main() {
  const stack = await startStack({ lendingProtocols: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const [name, viewport] of [["desktop", { width: 1280, height: 860 }], ["phone", { width: 390, height: 844 }]] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${stack.baseUrl}/multiply`);
      for (const protocol of ["keel", "aave-v3", "morpho-blue"]) {
        await page.getByTestId("multiply-protocol").selectOption(protocol);
        await page.getByTestId("multiply-panel").getByTestId("amount-input").fill("10");
        await page.getByTestId("multiply-panel").getByTestId("leverage-input").fill("2.5");
        await page.waitForTimeout(2500);
        await page.screenshot({ path: `/tmp/ma/shot-${protocol}-${name}.png`, fullPage: true });
      }
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
