import { expect, test as base } from "@playwright/test";
import { createPublicClient, http, maxUint256, parseUnits, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, keelMarketAbi } from "../contracts-abi";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { localChain } from "../lib/server/clients";
import { startStack, type Stack } from "../scripts/lib/stack";
import { connectWallet, scrollToPanel, screenshot } from "./support/fixtures";
import { injectedWalletScript } from "./support/injected-wallet";
import { devWallet } from "./support/dev-wallet";

// A trader's history as the indexer serves it: this journey runs its own stack with the indexer (npm run dev starts one).
const test = base.extend<Record<never, never>, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const stack = await startStack({ indexer: true, dev: process.env.KEEL_E2E_DEV === "1" });
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 240_000 },
  ],
});
test.describe.configure({ mode: "serial" });

test("as a trader: my vault's timeline and its CSV match the transactions I sent, and /risk loads the book from the indexer; without the indexer both pages say they read the chain", async ({
  page,
  stack,
}) => {
  test.setTimeout(180_000);
  const d = stack.deployment;
  const market = d.markets.find((m) => m.name === "Keel USDC")!.address;
  const weth = d.assets.find((a) => a.symbol === "WETH")!;
  const usdc = d.assets.find((a) => a.symbol === "USDC")!;
  const chain = localChain(d.chainId, stack.anvil.url);
  const publicClient = createPublicClient({ chain, transport: http(stack.anvil.url) });
  const account = privateKeyToAccount(ANVIL_KEYS[1]!);
  const trader = devWallet(stack.anvil.url, d.chainId, ANVIL_KEYS[1]!);
  const sent: { kind: string; hash: Hex; amount: string }[] = [];
  const send = async (kind: string, amount: string, request: Parameters<typeof trader.writeContract>[0]) => {
    const hash = await trader.writeContract(request);
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    if (kind) sent.push({ kind, hash, amount });
  };
  await send("", "", { address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] } as never);
  await send("", "", { address: usdc.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] } as never);
  const id = (await publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await send("VaultOpened", "", { address: market, abi: keelMarketAbi, functionName: "openVault" } as never);
  await send("CollateralDeposited", "5", {
    address: market,
    abi: keelMarketAbi,
    functionName: "depositCollateral",
    args: [id, weth.address, parseUnits("5", 18)],
  } as never);
  await send("Borrowed", "6000", {
    address: market,
    abi: keelMarketAbi,
    functionName: "borrow",
    args: [id, parseUnits("6000", 6), account.address],
  } as never);
  await send("Repaid", "1500", { address: market, abi: keelMarketAbi, functionName: "repay", args: [id, parseUnits("1500", 6)] } as never);
  await send("CollateralWithdrawn", "0.5", {
    address: market,
    abi: keelMarketAbi,
    functionName: "withdrawCollateral",
    args: [id, weth.address, parseUnits("0.5", 18), account.address],
  } as never);
  await stack.indexer!.waitFor({ [d.chainId]: await publicClient.getBlockNumber({ cacheTime: 0 }) });

  await page.addInitScript(injectedWalletScript({ rpcUrl: stack.anvil.url, account: account.address, chainId: d.chainId }));
  await page.goto(`${stack.baseUrl}/vault/${d.chainId}/${id}?market=${market}`);
  await connectWallet(page);
  await scrollToPanel(page, "history");
  const timeline = page.getByTestId("vault-timeline");
  await expect(timeline).toBeVisible({ timeout: 60_000 });
  // newest first, one row per transaction, the amounts sent
  await expect(timeline.getByTestId("timeline-kind")).toHaveText([
    "Collateral withdrawn",
    "Repaid",
    "Borrowed",
    "Collateral deposited",
    "Vault opened",
  ]);
  await expect(timeline.getByTestId("timeline-amounts")).toHaveText(["0.5 WETH", "1,500 USDC", "6,000 USDC", "5 WETH", ""]);
  await expect(page.getByTestId("history-chart")).toContainText("indexer");
  // The drawing: the health factor and, from the indexer, the collateral's value (the chain's samples draw the distance).
  await page.getByTestId("history-chart").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("history-chart").locator("[data-series]")).toHaveCount(2);
  await screenshot(page, "vault-timeline");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "vault-timeline-phone");
  await page.setViewportSize({ width: 1280, height: 860 });
  // In Spanish: the timeline's headings, event names and numbers are the reader's (the CSV below stays machine-readable).
  await page.context().addCookies([{ name: "KEEL_LOCALE", value: "es", url: stack.baseUrl }]);
  await page.reload();
  await scrollToPanel(page, "history");
  await expect(timeline.getByRole("heading", { name: "Cronología · del indexador" })).toBeVisible({ timeout: 60_000 });
  await expect(timeline.getByTestId("timeline-kind")).toHaveText([
    "Colateral retirado",
    "Pago",
    "Préstamo",
    "Colateral depositado",
    "Bóveda abierta",
  ]);
  await expect(timeline.getByTestId("timeline-amounts")).toHaveText(["0,5 WETH", "1500 USDC", "6000 USDC", "5 WETH", ""]);
  await page.context().clearCookies({ name: "KEEL_LOCALE" });

  // The CSV the page links to: one line per transaction, its hash, its kind and the exact amount.
  const href = await timeline.getByTestId("timeline-csv").getAttribute("href");
  const res = await page.request.get(`${stack.baseUrl}${href}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const [header, ...lines] = (await res.text()).trim().split("\r\n");
  const col = (name: string) => header!.split(",").indexOf(name);
  expect(lines.map((l) => l.split(",")[col("tx")])).toEqual(sent.map((s) => s.hash));
  expect(lines.map((l) => l.split(",")[col("event")])).toEqual(sent.map((s) => s.kind));
  expect(
    lines.map((l) => {
      const c = l.split(",");
      return c[col("amount")] || c[col("base_amount")];
    }),
  ).toEqual(sent.map((s) => s.amount));

  // The risk page loads the market's whole book from the indexer (its compact form), the chain's vault count.
  const vaultCount = await publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" });
  await page.goto(`${stack.baseUrl}/risk`);
  await page.getByTestId("risk-market-select").selectOption(`${d.chainId}:${market}`);
  await expect(page.getByTestId("risk-load")).toHaveAttribute("data-source", "indexer", { timeout: 60_000 });
  await expect(page.getByTestId("total-vaults")).toHaveText(vaultCount.toLocaleString("en-US"));
  await expect(page.getByTestId("risk-row").filter({ has: page.locator(`a[href*="/vault/${d.chainId}/${id}?"]`) })).toHaveCount(1);

  // A liquidation (the demo's vault #1 is under water), on /markets: what was repaid and what was seized, with amounts.
  const liquidator = devWallet(stack.anvil.url, d.chainId, ANVIL_KEYS[3]!);
  for (const request of [
    { address: usdc.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] },
    { address: market, abi: keelMarketAbi, functionName: "liquidate", args: [1n, weth.address, parseUnits("1000", 6), 0n] },
  ])
    expect((await publicClient.waitForTransactionReceipt({ hash: await liquidator.writeContract(request as never) })).status).toBe("success");
  await page.goto(`${stack.baseUrl}/markets`);
  const liquidations = page.getByTestId("market-USDC").getByTestId("liquidations-list");
  await expect(liquidations).toContainText(/repaid 1,000(\.00)? USDC · seized \d+(\.\d+)? WETH/, { timeout: 60_000 });
  // The market's history drawn, and for screen readers as a table of the same points (the drawing is hidden from them).
  const marketHistory = page.getByTestId("market-USDC").getByTestId("market-history");
  await expect(marketHistory.getByTestId("market-history-table").locator("tbody tr").first()).toContainText(/^#\d+/);
  await marketHistory.scrollIntoViewIfNeeded();
  await expect(marketHistory.locator("[data-series]")).toHaveCount(5);

  // Without the indexer, the page still shows the history, read from the chain, and says so.
  await stack.indexer!.stop();
  await page.goto(`${stack.baseUrl}/vault/${d.chainId}/${id}?market=${market}`);
  await scrollToPanel(page, "history");
  await expect(page.getByTestId("history-fallback")).toContainText(
    "History read from the chain (log scan and sampled lens reads): the indexer does not answer.",
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("history-chart").getByTestId("vault-events")).toContainText("Borrowed");
  // …and so does the risk page, reading every vault from the lens's pages.
  await page.goto(`${stack.baseUrl}/risk`);
  await page.getByTestId("risk-market-select").selectOption(`${d.chainId}:${market}`);
  await expect(page.getByTestId("risk-fallback")).toContainText("The indexer could not serve this market's book", { timeout: 60_000 });
  await expect(page.getByTestId("risk-load")).toHaveAttribute("data-source", "rpc");
  await expect(page.getByTestId("total-vaults")).toHaveText(vaultCount.toLocaleString("en-US"));
});
