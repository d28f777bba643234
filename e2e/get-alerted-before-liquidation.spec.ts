import { expect, test as base } from "@playwright/test";
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { createPublicClient, http as viemHttp, maxUint256, parseUnits } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, devPriceFeedAbi, keelMarketAbi } from "../contracts-abi";
import { ANVIL_KEYS, freePort } from "../scripts/lib/anvil";
import { localChain } from "../lib/server/clients";
import { startStack, type Stack } from "../scripts/lib/stack";
import { connectWallet, screenshot } from "./support/fixtures";
import { injectedWalletScript } from "./support/injected-wallet";
import { devWallet } from "./support/dev-wallet";

interface Receivers {
  smtpUrl: string;
  hookUrl: string;
  mails: { to: string; body: string }[];
  hooks: { signature: string | undefined; body: string }[];
  close(): Promise<void>;
}

/** The test's own mail server and webhook endpoint (what a user's inbox and Discord channel would get). */
async function receivers(): Promise<Receivers> {
  const mails: Receivers["mails"] = [];
  const hooks: Receivers["hooks"] = [];
  const smtpPort = await freePort();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let body = "";
      stream.on("data", (c: Buffer) => (body += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, "127.0.0.1", () => r()));
  const hookPort = await freePort();
  const hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hooks.push({ signature: req.headers["x-keel-signature"] as string | undefined, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(hookPort, "127.0.0.1", () => r()));
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    hookUrl: `http://127.0.0.1:${hookPort}/discord`,
    mails,
    hooks,
    close: async () => {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => hook.close(() => r()));
    },
  };
}

const test = base.extend<Record<never, never>, { env: { stack: Stack; rx: Receivers } }>({
  env: [
    async ({}, use) => {
      const rx = await receivers();
      const stack = await startStack({ notifier: { smtpUrl: rx.smtpUrl, intervalMs: 1_000 }, dev: process.env.KEEL_E2E_DEV === "1" });
      await use({ stack, rx });
      await stack.stop();
      await rx.close();
    },
    { scope: "worker", timeout: 240_000 },
  ],
});

test("as a trader: sign in with my wallet, ask for an alert under health 1.2, get the email, the webhook and the bell when ETH falls; nobody else sees it", async ({
  page,
  env: { stack, rx },
}) => {
  test.setTimeout(180_000);
  const d = stack.deployment;
  const market = d.markets.find((m) => m.name === "Keel USDC")!.address;
  const weth = d.assets.find((a) => a.symbol === "WETH")!;
  const chain = localChain(d.chainId, stack.anvil.url);
  const publicClient = createPublicClient({ chain, transport: viemHttp(stack.anvil.url) });
  const account = privateKeyToAccount(ANVIL_KEYS[1]!);
  const trader = devWallet(stack.anvil.url, d.chainId, ANVIL_KEYS[1]!);
  const admin = devWallet(stack.anvil.url, d.chainId, ANVIL_KEYS[0]!);
  const ok = async (hash: `0x${string}`) => expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  // 10 WETH, 20,000 USDC at $3,000: health 1.275.
  const id = (await publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await ok(await trader.writeContract({ address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] }));
  await ok(await trader.writeContract({ address: market, abi: keelMarketAbi, functionName: "openVault" }));
  await ok(
    await trader.writeContract({
      address: market,
      abi: keelMarketAbi,
      functionName: "depositCollateral",
      args: [id, weth.address, parseUnits("10", 18)],
    }),
  );
  await ok(
    await trader.writeContract({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("20000", 6), account.address] }),
  );

  await page.addInitScript(injectedWalletScript({ rpcUrl: stack.anvil.url, account: account.address, chainId: d.chainId }));
  await page.goto(`${stack.baseUrl}/`);
  await connectWallet(page);
  await page.getByTestId("notification-bell").click();
  const panel = page.getByTestId("notification-panel");
  await panel.getByTestId("alerts-sign-in").click();
  // A bad level is refused under its field, with the reason, before anything is sent; an odds level that is no number
  // too (it was once sent as none and the subscription saved without it). Then the real alert.
  await panel.getByTestId("alert-health").fill("0.8");
  await expect(panel.getByTestId("alert-health-problem")).toHaveText("A health factor above 1 and at most 10");
  await expect(panel.getByTestId("alert-save")).toBeDisabled();
  await panel.getByTestId("alert-health").fill("1.2");
  await panel.getByTestId("alert-odds").fill("abc");
  await expect(panel.getByTestId("alert-odds-problem")).toHaveText("Enter a number, like 1.5");
  await expect(panel.getByTestId("alert-save")).toBeDisabled();
  await panel.getByTestId("alert-odds").fill("");
  await panel.getByTestId("alert-email").fill("trader@example.com");
  await panel.getByTestId("alert-webhook").fill(rx.hookUrl);
  await panel.getByTestId("alert-save").click();
  await expect(panel.getByTestId("alert-subscription")).toContainText("health < 1.20 · protection · events → trader@example.com → discord webhook");
  await expect(panel.getByTestId("alert-webhook-secret")).toBeVisible();
  await screenshot(page, "alerts-subscribed");
  // The same alert again is not saved twice, and a bad address is named in words before anything is sent.
  await panel.getByTestId("alert-save").click();
  await expect(panel.getByTestId("alerts-error")).toHaveText("You already have this alert, sent to the same places.");
  await panel.getByTestId("alert-email").fill("trader@example");
  await panel.getByTestId("alert-save").click();
  await expect(panel.getByTestId("alerts-error")).toHaveText("This is not an email address.");
  await expect(panel.getByTestId("alert-subscription")).toHaveCount(1);

  // ETH falls to $2,800: health 1.19 < 1.2.
  await ok(await admin.writeContract({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2800", 8)] }));
  await expect.poll(() => rx.mails.length, { timeout: 30_000 }).toBe(1);
  expect(rx.mails[0]!.to).toBe("trader@example.com");
  expect(rx.mails[0]!.body).toContain(`Health 1.19 on vault #${id} in Keel USDC`);
  await expect.poll(() => rx.hooks.length, { timeout: 30_000 }).toBe(1);
  expect(JSON.parse(rx.hooks[0]!.body).content).toContain(`Health 1.19 on vault #${id}`);
  expect(rx.hooks[0]!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  // …and in the app's bell, with the deliveries' status.
  await expect(page.getByTestId("notification-unread")).toHaveText("1", { timeout: 20_000 });
  await expect(panel.getByTestId("notification")).toContainText(`Health 1.19 on vault #${id}`);
  await expect(panel.getByTestId("notification-deliveries")).toHaveText("email: delivered · webhook: delivered");
  await screenshot(page, "alerts-notified");
  await page.setViewportSize({ width: 390, height: 844 });
  // On a phone the panel is on the screen whole, not hung from the bell off its left edge.
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await screenshot(page, "alerts-notified-phone");

  // Another address can neither read nor change it (through the app's own route), and no token is no access.
  const bob = privateKeyToAccount(ANVIL_KEYS[3]!);
  const { message } = (await (await page.request.get(`${stack.baseUrl}/api/notifier/nonce?address=${bob.address}&chainId=${d.chainId}`)).json()) as {
    message: string;
  };
  const session = await page.request.post(`${stack.baseUrl}/api/notifier/session`, {
    data: { message, signature: await bob.signMessage({ message }) },
  });
  const { token } = (await session.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  expect(
    ((await (await page.request.get(`${stack.baseUrl}/api/notifier/subscriptions`, { headers: auth })).json()) as { subscriptions: unknown[] })
      .subscriptions,
  ).toEqual([]);
  expect(
    ((await (await page.request.get(`${stack.baseUrl}/api/notifier/notifications`, { headers: auth })).json()) as { notifications: unknown[] })
      .notifications,
  ).toEqual([]);
  const subs = (await (
    await fetch(`${stack.notifier!.url}/subscriptions`, { headers: { authorization: `Bearer ${await traderToken(stack, account)}` } })
  ).json()) as { subscriptions: { id: string }[] };
  const subId = subs.subscriptions[0]!.id;
  expect((await page.request.patch(`${stack.baseUrl}/api/notifier/subscriptions/${subId}`, { headers: auth, data: { paused: true } })).status()).toBe(
    404,
  );
  expect((await page.request.delete(`${stack.baseUrl}/api/notifier/subscriptions/${subId}`, { headers: auth })).status()).toBe(404);
  expect((await page.request.get(`${stack.baseUrl}/api/notifier/subscriptions`)).status()).toBe(401);
});

/** The trader's own session, signed like the app does (to find the subscription's id). */
async function traderToken(stack: Stack, account: ReturnType<typeof privateKeyToAccount>) {
  const { message } = (await (await fetch(`${stack.notifier!.url}/nonce?address=${account.address}&chainId=${stack.deployment.chainId}`)).json()) as {
    message: string;
  };
  const res = await fetch(`${stack.notifier!.url}/session`, {
    method: "POST",
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  return ((await res.json()) as { token: string }).token;
}
