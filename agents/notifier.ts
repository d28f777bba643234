/**
 * The notifier: watches every subscribed address's vaults on every configured chain and tells its owner — in the app
 * (GET /notifications), by email (SMTP, nodemailer) and by webhook (Discord / Slack / Telegram / JSON, HMAC-signed) —
 * when a health factor falls under their level, liquidation odds within 24 h rise above their level, a protection rule
 * could not run, or a liquidation or protection run happened.
 *
 * Subscriptions are signed with the wallet (Sign-In with Ethereum, EIP-4361): GET /nonce, then POST /session with the
 * signed message gives a bearer token for that address only; every read and change is limited to the token's address.
 * Deliveries are deduplicated (a held condition once until it clears, an event once), rate-limited per subscription
 * (lib/alerts withinRate: the rest wait), and retried with backoff; after MAX_ATTEMPTS a delivery is marked failed and
 * shown with its error — never dropped. State is one JSON file in `dataDir` (written atomically).
 */
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import nodemailer from "nodemailer";
import { SiweMessage } from "siwe";
import { createPublicClient, getAddress, http as viemHttp, verifyMessage, type Address } from "viem";
import { keelGuardAbi, keelLensAbi, keelMarketAbi } from "../contracts-abi";
import {
  backoffMs,
  dedupe,
  evaluate,
  MAX_ATTEMPTS,
  parseSubscriptionInput,
  sameSubscription,
  AlertRuleError,
  webhookBody,
  withinRate,
  type Alert,
  type Subscription,
  type VaultHappening,
  type WatchedVault,
} from "../lib/view/alerts";
import type { Deployment } from "../lib/config/deployment";
import { lensHealth } from "../lib/view/vault-summary";
import { liquidationOdds, oddsVaultFromLens, type AssetVolatilities } from "../lib/analytics/liquidation-odds";
import { realisedVolatility } from "../lib/analytics/volatility";
import { localChain } from "../lib/server/clients";
import { sameAddress } from "../lib/config/address";

export interface NotifierOptions {
  port: number;
  chains: { rpcUrl: string; deployment: Deployment }[];
  dataDir: string;
  /** SMTP server, `smtp://user:pass@host:port` (no email channel without it). */
  smtpUrl?: string;
  mailFrom?: string;
  /** The SIWE domain sign-in messages must name (the app's host, e.g. `localhost:3000`). */
  domain: string;
  intervalMs?: number;
  log?: (line: string) => void;
}

type DeliveryStatus = "pending" | "delivered" | "failed";
interface Delivery {
  channel: "in-app" | "email" | "webhook";
  status: DeliveryStatus;
  attempts: number;
  nextAt: number;
  lastError?: string;
  deliveredAt?: number;
}
interface Notification {
  id: string;
  subscriptionId: string;
  owner: Address;
  alert: Alert;
  deliveries: Delivery[];
  read: boolean;
}
interface State {
  subscriptions: Subscription[];
  notifications: Notification[];
  active: Record<string, string[]>;
  seenEvents: Record<string, string[]>;
  sentAt: Record<string, number[]>;
  lastBlock: Record<string, string>;
}

export interface Notifier {
  url: string;
  /** One scan of every subscription now (the timer does this every `intervalMs`). */
  scan(): Promise<void>;
  /** Tries every delivery that is due now. */
  deliver(): Promise<void>;
  stop(): Promise<void>;
}

const SESSION_MS = 24 * 3600_000;
const NONCE_MS = 10 * 60_000;

export async function startNotifier(opts: NotifierOptions): Promise<Notifier> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, "notifier.json");
  const state: State = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as State)
    : { subscriptions: [], notifications: [], active: {}, seenEvents: {}, sentAt: {}, lastBlock: {} };
  const save = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  };
  const nonces = new Map<string, number>();
  const sessions = new Map<string, { address: Address; until: number }>();
  const mailer = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  const clients = opts.chains.map((c) => ({
    ...c,
    client: createPublicClient({ chain: localChain(c.deployment.chainId, c.rpcUrl), transport: viemHttp(c.rpcUrl) }),
  }));

  /* ── watching ───────────────────────────────────────────── */

  async function volatilities(c: (typeof clients)[number]): Promise<AssetVolatilities> {
    const d = c.deployment;
    const rounds = await c.client.readContract({
      address: d.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getFeedHistory",
      args: [d.assets.map((a) => a.feed), 200n],
    });
    return Object.fromEntries(d.assets.map((a, i) => [a.address.toLowerCase(), realisedVolatility(rounds[i] ?? [])?.annual ?? null]));
  }

  async function watch(owner: Address): Promise<{ vaults: WatchedVault[]; happenings: VaultHappening[] }> {
    const vaults: WatchedVault[] = [];
    const happenings: VaultHappening[] = [];
    for (const c of clients) {
      const d = c.deployment;
      if (!d.contracts.lens || d.markets.length === 0) continue;
      const [views, vols, head] = await Promise.all([
        c.client.readContract({
          address: d.contracts.lens,
          abi: keelLensAbi,
          functionName: "getAccount",
          args: [d.markets.map((m) => m.address), owner],
        }),
        volatilities(c),
        c.client.getBlockNumber({ cacheTime: 0 }),
      ]);
      for (const v of views) {
        const m = d.markets.find((x) => sameAddress(x.address, v.market))!;
        // The health as the vault page shows it (one rule: lib/view/vault-summary.ts healthShown), and odds whenever one is given.
        const health = lensHealth(v);
        const odds = oddsVaultFromLens({ ...v, pricesOk: health.healthFactor !== null }, vols);
        const blockedRules: WatchedVault["blockedRules"] = [];
        if (d.contracts.guard) {
          const guard = d.contracts.guard;
          for (const [kind, name] of [
            [0, "deleverage"],
            [1, "stop-loss"],
          ] as const) {
            const rule = await c.client.readContract({ address: guard, abi: keelGuardAbi, functionName: "getRule", args: [v.market, v.id, kind] });
            if (rule.owner === "0x0000000000000000000000000000000000000000" || rule.paused) continue;
            const operator = await c.client.readContract({
              address: v.market,
              abi: keelMarketAbi,
              functionName: "isOperator",
              args: [v.owner, guard],
            });
            if (!operator) blockedRules.push({ kind: name, reason: "the guard is not authorised to act on your vaults in this market" });
            else if (!sameAddress(rule.owner, v.owner)) blockedRules.push({ kind: name, reason: "the vault changed owner since the rule was set" });
          }
        }
        vaults.push({
          chainId: d.chainId,
          market: v.market,
          marketName: m.name,
          vaultId: v.id,
          debt: v.debt,
          healthFactor: health.healthFactor,
          partial: health.partial,
          odds24h: odds && v.debt > 0n ? liquidationOdds(odds, 1) : null,
          blockedRules,
        });
      }
      // Liquidations and protection runs on this owner's vaults since the last scan.
      const key = `${d.chainId}:${owner.toLowerCase()}`;
      const from = state.lastBlock[key] ? BigInt(state.lastBlock[key]) + 1n : head;
      state.lastBlock[key] = head.toString();
      if (from > head || views.length === 0) continue;
      const ids = new Set(views.map((v) => `${v.market.toLowerCase()}:${v.id}`));
      const liq = await c.client.getContractEvents({
        address: d.markets.map((m) => m.address),
        abi: keelMarketAbi,
        eventName: "Liquidated",
        fromBlock: from,
        toBlock: head,
      });
      for (const e of liq) {
        if (!ids.has(`${e.address.toLowerCase()}:${e.args.id}`)) continue;
        const m = d.markets.find((x) => sameAddress(x.address, e.address))!;
        happenings.push({
          chainId: d.chainId,
          market: m.address,
          marketName: m.name,
          vaultId: e.args.id!,
          kind: "Liquidated",
          txHash: e.transactionHash,
          detail: `repaid ${e.args.repaid} base units, seized ${e.args.seized} units of ${e.args.asset}`,
        });
      }
      if (d.contracts.guard) {
        const runs = await c.client.getContractEvents({
          address: d.contracts.guard,
          abi: keelGuardAbi,
          eventName: "RuleExecuted",
          fromBlock: from,
          toBlock: head,
        });
        for (const e of runs) {
          if (!ids.has(`${e.args.market!.toLowerCase()}:${e.args.id}`)) continue;
          const m = d.markets.find((x) => sameAddress(x.address, e.args.market!))!;
          happenings.push({
            chainId: d.chainId,
            market: m.address,
            marketName: m.name,
            vaultId: e.args.id!,
            kind: "RuleExecuted",
            txHash: e.transactionHash,
            detail: `sold ${e.args.sold} units, repaid ${e.args.repaid} base units`,
          });
        }
      }
    }
    return { vaults, happenings };
  }

  async function scan() {
    const now = Date.now();
    const owners = [...new Set(state.subscriptions.filter((s) => !s.paused).map((s) => s.owner))];
    for (const owner of owners) {
      let seen: Awaited<ReturnType<typeof watch>>;
      try {
        seen = await watch(owner);
      } catch (e) {
        log(JSON.stringify({ event: "watch-failed", owner, error: (e as Error).message.split("\n")[0] }));
        continue;
      }
      for (const sub of state.subscriptions.filter((s) => s.owner === owner && !s.paused)) {
        const active = new Set(state.active[sub.id] ?? []);
        const seenEvents = new Set(state.seenEvents[sub.id] ?? []);
        const fresh = dedupe(evaluate(sub, seen.vaults, seen.happenings, now), active, seenEvents);
        state.active[sub.id] = [...active];
        state.seenEvents[sub.id] = [...seenEvents].slice(-1000);
        for (const alert of fresh) {
          const deliveries: Delivery[] = [{ channel: "in-app", status: "delivered", attempts: 1, nextAt: now, deliveredAt: now }];
          if (sub.channels.email) deliveries.push({ channel: "email", status: "pending", attempts: 0, nextAt: now });
          if (sub.channels.webhook) deliveries.push({ channel: "webhook", status: "pending", attempts: 0, nextAt: now });
          state.notifications.push({ id: randomBytes(8).toString("hex"), subscriptionId: sub.id, owner, alert, deliveries, read: false });
          log(JSON.stringify({ event: "alert", owner, kind: alert.kind, key: alert.key }));
        }
      }
    }
    save();
  }

  /* ── delivering ─────────────────────────────────────────── */

  async function send(n: Notification, d: Delivery, sub: Subscription) {
    if (d.channel === "email") {
      if (!mailer) throw new Error("no SMTP server is configured (KEEL_SMTP_URL)");
      await mailer.sendMail({
        from: opts.mailFrom ?? "Keel alerts <alerts@keel.local>",
        to: sub.channels.email!,
        subject: n.alert.title,
        text: `${n.alert.text}\n\nManage your alerts in the app (notification bell).`,
      });
    } else if (d.channel === "webhook") {
      const w = sub.channels.webhook!;
      const body = JSON.stringify(webhookBody(w, n.alert));
      const timestamp = Math.floor(Date.now() / 1000).toString();
      const signature = createHmac("sha256", sub.webhookSecret).update(`${timestamp}.${body}`).digest("hex");
      const res = await fetch(w.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-keel-timestamp": timestamp, "x-keel-signature": `sha256=${signature}` },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`the webhook answered ${res.status}`);
    }
  }

  let delivering = false;
  async function deliver() {
    if (delivering) return;
    delivering = true;
    try {
      const now = Date.now();
      for (const n of state.notifications) {
        const sub = state.subscriptions.find((s) => s.id === n.subscriptionId);
        for (const d of n.deliveries) {
          if (d.status !== "pending" || d.nextAt > now) continue;
          if (!sub) {
            d.status = "failed";
            d.lastError = "the subscription was removed before delivery";
            continue;
          }
          const sent = (state.sentAt[sub.id] ??= []);
          if (!withinRate(sent, now)) {
            d.nextAt = now + 60_000; // rate-limited: waits, is not dropped
            d.lastError = "rate limit: waiting for the hour's window";
            continue;
          }
          d.attempts++;
          try {
            await send(n, d, sub);
            d.status = "delivered";
            d.deliveredAt = Date.now();
            delete d.lastError;
            sent.push(Date.now());
            state.sentAt[sub.id] = sent.filter((t) => Date.now() - t < 3600_000);
          } catch (e) {
            d.lastError = (e as Error).message.split("\n")[0];
            if (d.attempts >= MAX_ATTEMPTS) d.status = "failed";
            else d.nextAt = Date.now() + backoffMs(d.attempts);
            log(JSON.stringify({ event: "delivery-failed", channel: d.channel, attempts: d.attempts, error: d.lastError }));
          }
        }
      }
      save();
    } finally {
      delivering = false;
    }
  }

  /* ── HTTP API ───────────────────────────────────────────── */

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: Error) => reply(res, 500, { error: e.message }));
  });
  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<unknown>((resolve, reject) => {
      let data = "";
      req.on("data", (c: Buffer) => {
        data += c.toString();
        if (data.length > 64_000) reject(new Error("request body too large"));
      });
      req.on("end", () => {
        try {
          resolve(data ? JSON.parse(data) : {});
        } catch {
          reject(new Error("the body is not JSON"));
        }
      });
    });
  const who = (req: http.IncomingMessage): Address | null => {
    const token = /^Bearer (\w+)$/.exec(req.headers.authorization ?? "")?.[1];
    const s = token ? sessions.get(token) : undefined;
    return s && s.until > Date.now() ? s.address : null;
  };
  const view = (s: Subscription) => ({ id: s.id, owner: s.owner, rules: s.rules, channels: s.channels, paused: s.paused, createdAt: s.createdAt });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://notifier");
    const p = url.pathname;
    if (req.method === "GET" && p === "/health") return reply(res, 200, { ok: true });
    if (req.method === "GET" && p === "/nonce") {
      const nonce = randomBytes(12).toString("hex");
      nonces.set(nonce, Date.now() + NONCE_MS);
      // With ?address=&chainId=, the EIP-4361 message to sign, ready (the app's browser code needs no SIWE library).
      const address = url.searchParams.get("address");
      const chainId = Number(url.searchParams.get("chainId"));
      if (address && /^0x[0-9a-fA-F]{40}$/.test(address) && Number.isSafeInteger(chainId) && chainId > 0) {
        const message = new SiweMessage({
          domain: opts.domain,
          address: getAddress(address),
          statement: "Sign in to manage your Keel alerts.",
          uri: `http://${opts.domain}`,
          version: "1",
          chainId,
          nonce,
          issuedAt: new Date().toISOString(),
          expirationTime: new Date(Date.now() + NONCE_MS).toISOString(),
        }).prepareMessage();
        return reply(res, 200, { nonce, domain: opts.domain, message });
      }
      return reply(res, 200, { nonce, domain: opts.domain });
    }
    if (req.method === "POST" && p === "/session") {
      const body = (await readBody(req)) as { message?: string; signature?: `0x${string}` };
      let msg: SiweMessage;
      try {
        msg = new SiweMessage(String(body.message ?? ""));
      } catch {
        return reply(res, 400, { error: "the message is not a Sign-In with Ethereum message" });
      }
      const until = nonces.get(msg.nonce);
      if (!until || until < Date.now()) return reply(res, 401, { error: "unknown or expired nonce: ask /nonce again" });
      nonces.delete(msg.nonce);
      if (msg.domain !== opts.domain) return reply(res, 401, { error: `the message is for ${msg.domain}, not ${opts.domain}` });
      if (msg.expirationTime && Date.parse(msg.expirationTime) < Date.now()) return reply(res, 401, { error: "the message has expired" });
      const ok = await verifyMessage({ address: getAddress(msg.address), message: String(body.message), signature: body.signature ?? "0x" }).catch(
        () => false,
      );
      if (!ok) return reply(res, 401, { error: "the signature is not the address's" });
      const token = randomBytes(24).toString("hex");
      sessions.set(token, { address: getAddress(msg.address), until: Date.now() + SESSION_MS });
      return reply(res, 200, { token, address: getAddress(msg.address) });
    }
    const me = who(req);
    if (!me) return reply(res, 401, { error: "sign in with your wallet first (POST /session)" });
    if (req.method === "GET" && p === "/subscriptions")
      return reply(res, 200, { subscriptions: state.subscriptions.filter((s) => s.owner === me).map(view) });
    if (req.method === "POST" && p === "/subscriptions") {
      let input;
      try {
        input = parseSubscriptionInput(await readBody(req));
      } catch (e) {
        return reply(res, 400, { error: (e as Error).message, ...(e instanceof AlertRuleError ? { code: e.code } : {}) });
      }
      const mine = state.subscriptions.filter((s) => s.owner === me);
      // The same alerts to the same places twice would send each one twice.
      if (mine.some((s) => sameSubscription(s, input))) return reply(res, 409, { error: "you already have this alert", code: "duplicate" });
      if (mine.length >= 10) return reply(res, 400, { error: "at most 10 subscriptions per address", code: "tooMany" });
      const sub: Subscription = {
        id: randomBytes(8).toString("hex"),
        owner: me,
        ...input,
        paused: false,
        webhookSecret: randomBytes(24).toString("hex"),
        createdAt: Date.now(),
      };
      state.subscriptions.push(sub);
      save();
      return reply(res, 201, { subscription: view(sub), webhookSecret: sub.webhookSecret });
    }
    const m = /^\/subscriptions\/(\w+)$/.exec(p);
    if (m) {
      const sub = state.subscriptions.find((s) => s.id === m[1]);
      // Another address's subscription is answered exactly like a missing one: nothing about it leaks.
      if (!sub || sub.owner !== me) return reply(res, 404, { error: "no such subscription of yours" });
      if (req.method === "PATCH") {
        const body = (await readBody(req)) as { paused?: unknown };
        if (typeof body.paused !== "boolean") return reply(res, 400, { error: "paused must be true or false" });
        sub.paused = body.paused;
        save();
        return reply(res, 200, { subscription: view(sub) });
      }
      if (req.method === "DELETE") {
        state.subscriptions = state.subscriptions.filter((s) => s !== sub);
        save();
        return reply(res, 200, { removed: sub.id });
      }
    }
    if (req.method === "GET" && p === "/notifications") {
      const mine = state.notifications
        .filter((n) => n.owner === me)
        .slice(-200)
        .reverse();
      return reply(res, 200, {
        notifications: mine.map((n) => ({ id: n.id, subscriptionId: n.subscriptionId, alert: n.alert, deliveries: n.deliveries, read: n.read })),
      });
    }
    if (req.method === "POST" && p === "/notifications/read") {
      for (const n of state.notifications) if (n.owner === me) n.read = true;
      save();
      return reply(res, 200, { ok: true });
    }
    return reply(res, 404, { error: `no ${req.method} ${p}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const interval = opts.intervalMs ?? 5_000;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void scan()
      .then(deliver)
      .catch((e: Error) => log(JSON.stringify({ event: "scan-failed", error: e.message })))
      .finally(() => {
        busy = false;
      });
  }, interval);
  return {
    url: `http://127.0.0.1:${opts.port}`,
    scan,
    deliver,
    stop: async () => {
      clearInterval(timer);
      await new Promise<void>((r) => server.close(() => r()));
      mailer?.close();
    },
  };
}
