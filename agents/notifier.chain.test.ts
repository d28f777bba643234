import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { SiweMessage } from "siwe";
import { SMTPServer } from "smtp-server";
import { maxUint256, parseUnits, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi, devPriceFeedAbi, keelMarketAbi } from "@/contracts-abi";
import type { Deployment } from "@/lib/config/deployment";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import { startNotifier, type Notifier } from "./notifier";

/**
 * The notifier on anvil with the test's own receivers (an in-process SMTP server and an HTTP webhook endpoint that
 * fails its first call): a subscription signed in with SIWE, ETH dropped under the owner's health level → one email, one
 * Discord-shaped webhook with a valid HMAC signature (after a retry, shown in the delivery's attempts), an in-app
 * notification; no second alert while the condition holds; another address can neither read nor change it, and a
 * message signed by someone else is refused.
 */
describe("the notifier", () => {
  let anvil: Anvil;
  let d: Deployment;
  let notifier: Notifier;
  let smtp: SMTPServer;
  let hook: http.Server;
  const mails: { to: string; body: string }[] = [];
  const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let hookCalls = 0;
  let smtpPort: number;
  let hookPort: number;
  const domain = "localhost:3000";

  async function signIn(key: `0x${string}`, claimed?: Address): Promise<string> {
    const account = privateKeyToAccount(key);
    const { nonce } = (await (await fetch(`${notifier.url}/nonce`)).json()) as { nonce: string };
    const message = new SiweMessage({
      domain,
      address: claimed ?? account.address,
      statement: "Manage my Keel alerts",
      uri: `http://${domain}`,
      version: "1",
      chainId: d.chainId,
      nonce,
    }).prepareMessage();
    const res = await fetch(`${notifier.url}/session`, {
      method: "POST",
      body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
    });
    const body = (await res.json()) as { token?: string; error?: string };
    if (!res.ok) throw new Error(body.error);
    return body.token!;
  }
  const api = (token: string, p: string, init: RequestInit = {}) =>
    fetch(`${notifier.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-notifier-")) }));
    smtpPort = await freePort();
    smtp = new SMTPServer({
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
    hookPort = await freePort();
    hook = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        hookCalls++;
        if (hookCalls === 1) {
          res.writeHead(503).end(); // the first delivery fails: it must be retried, not dropped
          return;
        }
        hooks.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(hookPort, "127.0.0.1", () => r()));
    notifier = await startNotifier({
      port: await freePort(),
      chains: [{ rpcUrl: anvil.url, deployment: d }],
      dataDir: mkdtempSync(path.join(os.tmpdir(), "keel-notifier-data-")),
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      domain,
      intervalMs: 60_000, // the test drives scans itself
    });
  });
  afterAll(async () => {
    await notifier?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
    await anvil?.stop();
  });

  it("signs in with SIWE, alerts by email, webhook and in-app when health falls under the level, once; others cannot see or change it", async () => {
    // Alice's vault: 10 WETH, 20,000 USDC at $3,000 → HF 1.275.
    const alice = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[1]!);
    const admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    const market = d.markets.find((m) => m.name === "Keel USDC")!.address;
    const weth = d.assets.find((a) => a.symbol === "WETH")!;
    await alice.send({ address: weth.address, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
    const id = (await alice.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
    await alice.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    await alice.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth.address, parseUnits("10", 18)] });
    await alice.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("20000", 6), alice.account.address] });

    // A message claiming Alice's address but signed by Bob is refused.
    await expect(signIn(ANVIL_KEYS[3]!, alice.account.address)).rejects.toThrow(/signature is not the address's/);
    const token = await signIn(ANVIL_KEYS[1]!);
    const bad = await api(token, "/subscriptions", { method: "POST", body: JSON.stringify({ rules: { healthBelow: "0.9" } }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()) as { error: string; code: string }).toMatchObject({ error: expect.stringContaining("above 1"), code: "healthBelow" });
    const input = JSON.stringify({
      rules: { healthBelow: "1.2", events: true },
      channels: { email: "alice@example.com", webhook: { url: `http://127.0.0.1:${hookPort}/hook`, format: "discord" } },
    });
    const created = await api(token, "/subscriptions", { method: "POST", body: input });
    expect(created.status).toBe(201);
    // The same alerts to the same places again (another tab, a double click) would send each one twice: refused.
    const again = await api(token, "/subscriptions", { method: "POST", body: input.replace("alice@example.com", "Alice@Example.com") });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("duplicate");
    const { subscription, webhookSecret } = (await created.json()) as { subscription: { id: string }; webhookSecret: string };

    await notifier.scan();
    expect(mails).toHaveLength(0); // HF 1.275: nothing yet

    await admin.send({ address: weth.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2800", 8)] }); // HF 1.19
    await notifier.scan();
    await notifier.deliver();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe("alice@example.com");
    expect(mails[0]!.body).toContain("Health 1.19");
    expect(hooks).toHaveLength(0); // the receiver failed the first call
    let list = (
      (await (await api(token, "/notifications")).json()) as {
        notifications: { alert: { kind: string }; deliveries: { channel: string; status: string; attempts: number; lastError?: string }[] }[];
      }
    ).notifications;
    expect(list).toHaveLength(1);
    expect(list[0]!.alert.kind).toBe("health-below");
    expect(list[0]!.deliveries.find((x) => x.channel === "webhook")).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "the webhook answered 503",
    });

    // The retry after its backoff delivers; the signature is the HMAC of timestamp.body with the subscription's secret.
    await new Promise((r) => setTimeout(r, 2_100));
    await notifier.deliver();
    expect(hooks).toHaveLength(1);
    const h = hooks[0]!;
    expect(JSON.parse(h.body)).toMatchObject({ content: expect.stringContaining("Health 1.19") });
    const expected = createHmac("sha256", webhookSecret).update(`${h.headers["x-keel-timestamp"]}.${h.body}`).digest("hex");
    expect(h.headers["x-keel-signature"]).toBe(`sha256=${expected}`);
    list = ((await (await api(token, "/notifications")).json()) as typeof list extends infer T ? { notifications: T } : never).notifications;
    expect(list[0]!.deliveries.find((x) => x.channel === "webhook")).toMatchObject({ status: "delivered", attempts: 2 });

    // Still under the level: no second alert.
    await notifier.scan();
    await notifier.deliver();
    expect(mails).toHaveLength(1);

    // Bob sees none of it and can change none of it.
    const bob = await signIn(ANVIL_KEYS[3]!);
    expect(((await (await api(bob, "/subscriptions")).json()) as { subscriptions: unknown[] }).subscriptions).toEqual([]);
    expect(((await (await api(bob, "/notifications")).json()) as { notifications: unknown[] }).notifications).toEqual([]);
    expect((await api(bob, `/subscriptions/${subscription.id}`, { method: "PATCH", body: JSON.stringify({ paused: true }) })).status).toBe(404);
    expect((await api(bob, `/subscriptions/${subscription.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await fetch(`${notifier.url}/subscriptions`)).status).toBe(401);

    // Alice pauses, then removes it.
    expect((await api(token, `/subscriptions/${subscription.id}`, { method: "PATCH", body: JSON.stringify({ paused: true }) })).status).toBe(200);
    expect((await api(token, `/subscriptions/${subscription.id}`, { method: "DELETE" })).status).toBe(200);
    expect(((await (await api(token, "/subscriptions")).json()) as { subscriptions: unknown[] }).subscriptions).toEqual([]);
  });
});
