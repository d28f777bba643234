import { parseUnits } from "viem";
import { devPriceFeedAbi } from "../contracts-abi";
import { expect, screenshot, test } from "./support/fixtures";

test("shows each asset's oracle price, source and age, read from the chain", async ({ page, app, chain }) => {
  await app.open("/markets");
  const weth = page.getByTestId("feed-WETH");
  await expect(weth.getByTestId("price")).toHaveText("$3,000.00");
  await expect(page.getByTestId("feed-WBTC").getByTestId("price")).toHaveText("$65,000.00");
  await expect(page.getByTestId("feed-USDC").getByTestId("price")).toHaveText("$1.00");
  await expect(weth).toHaveAttribute("data-status", "ok");
  const feed = chain.asset("WETH").feed;
  await expect(weth).toContainText(`${feed.slice(0, 6)}…${feed.slice(-4)}`);
  await expect(weth.getByTestId("age")).toHaveText(/^\d+(s|m \d+s)$/);
  await screenshot(page, "prices");
});

test("a feed price set on the chain shows up within seconds", async ({ page, app, chain }) => {
  await app.open("/markets");
  await expect(page.getByTestId("feed-WETH").getByTestId("price")).toHaveText("$3,000.00");
  await chain.admin.writeContract({
    address: chain.asset("WETH").feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswer",
    args: [parseUnits("2512.34", 8)],
  });
  await expect(page.getByTestId("feed-WETH").getByTestId("price")).toHaveText("$2,512.34", { timeout: 8_000 });
  await screenshot(page, "prices-updated");
});

test("a stale feed is shown as stale, not as a number", async ({ page, app, chain }) => {
  await app.open("/markets");
  const block = await chain.publicClient.getBlock();
  await chain.admin.writeContract({
    address: chain.asset("WBTC").feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswerAt",
    args: [parseUnits("64000", 8), block.timestamp - 7_200n],
  });
  const wbtc = page.getByTestId("feed-WBTC");
  await expect(wbtc).toHaveAttribute("data-status", "stale", { timeout: 8_000 });
  await expect(wbtc.getByTestId("price")).toHaveText("—");
  await expect(wbtc).toContainText("has not updated within its heartbeat");
  await expect(page.getByTestId("feed-WETH")).toHaveAttribute("data-status", "ok");
  await screenshot(page, "prices-stale");
});

test("an out-of-bounds answer is flagged, not shown", async ({ page, app, chain }) => {
  await app.open("/markets");
  await chain.admin.writeContract({
    address: chain.asset("USDC").feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswer",
    args: [parseUnits("3", 8)],
  });
  const usdc = page.getByTestId("feed-USDC");
  await expect(usdc).toHaveAttribute("data-status", "outOfBounds", { timeout: 8_000 });
  await expect(usdc.getByTestId("price")).toHaveText("—");
});
