/**
 * Alerts: what a subscription watches, when a vault triggers it, how a notification is worded for each channel, and
 * the delivery rules (deduplication, rate limit, retry with backoff). Pure; the notifier service (agents/notifier.ts)
 * reads the chain and delivers.
 */
import { formatHealthFactor, shortAddress } from "./format";
import { formatOdds } from "../analytics/liquidation-odds";
import { WAD } from "../engine/math";

/** What a user asks to be told, for every vault their address owns on every configured chain. */
export interface AlertRules {
  /** Health factor (WAD, decimal string) under which to alert; null: off. */
  healthBelow: string | null;
  /** Probability (0–1) of liquidation within 24 h above which to alert; null: off. */
  oddsAbove: number | null;
  /** A protection rule that could not run if its condition held now (guard not authorised, target out of reach). */
  ruleCannotFire: boolean;
  /** A liquidation or a protection run happened on one of the vaults. */
  events: boolean;
}

export type WebhookFormat = "discord" | "slack" | "telegram" | "json";

export interface Channels {
  email: string | null;
  webhook: { url: string; format: WebhookFormat; chatId?: string } | null;
}

export interface Subscription {
  id: string;
  owner: `0x${string}`;
  rules: AlertRules;
  channels: Channels;
  paused: boolean;
  /** Secret for the webhook's HMAC signature (shown once to the owner). */
  webhookSecret: string;
  createdAt: number;
}

export type AlertKind = "health-below" | "odds-above" | "rule-cannot-fire" | "liquidated" | "rule-executed";

export interface Alert {
  /** Same key = same situation: a held condition is told once until it clears (events: once per event). */
  key: string;
  kind: AlertKind;
  chainId: number;
  market: `0x${string}`;
  vaultId: string;
  title: string;
  text: string;
  at: number;
  /**
   * The title's figures, for the app to word it in the reader's language (`txErrors.alert.<key>` in messages/, ALERT_TITLE_KEYS): the
   * title and text above are English, as the email and webhooks send them. Absent on alerts stored before it existed.
   */
  about?: AlertAbout;
}

/**
 * Each kind's title in other languages: `txErrors.alert.<key>` in messages/<locale>.json (English is the `title` this file
 * writes), with the values `id`, `market`, `chain` and, by kind, `health`, `odds` or `rule`.
 */
export const ALERT_TITLE_KEYS: Record<AlertKind, string> = {
  "health-below": "healthBelow",
  "odds-above": "oddsAbove",
  "rule-cannot-fire": "ruleCannotFire",
  liquidated: "liquidated",
  "rule-executed": "ruleExecuted",
};

/** What an alert's title names: the vault, and the figure or rule it is about. */
export interface AlertAbout {
  vaultId: string;
  marketName: string;
  chainId: number;
  /** health-below: the health factor (WAD, decimal string). */
  healthFactor?: string;
  /** odds-above: the probability of liquidation within 24 h (0–1). */
  odds24h?: number;
  /** rule-cannot-fire: the guard's rule ("deleverage", "stop-loss"). */
  rule?: string;
}

/** What the notifier knows of one vault at one scan. */
export interface WatchedVault {
  chainId: number;
  market: `0x${string}`;
  marketName: string;
  vaultId: bigint;
  debt: bigint;
  /** The health as every screen shows it (lib/view/vault-summary.ts healthShown): null when none can be given. */
  healthFactor: bigint | null;
  /** The figure counts a collateral without a price as zero, as the market does. */
  partial: boolean;
  /** Liquidation odds within 24 h (lib/liquidation-odds), null when unknown. */
  odds24h: number | null;
  /** Each protection rule that is active but could not run now, with why. */
  blockedRules: { kind: string; reason: string }[];
}

/** A liquidation or protection run seen on a vault (from the indexer's timeline or the chain's logs). */
export interface VaultHappening {
  chainId: number;
  market: `0x${string}`;
  marketName: string;
  vaultId: bigint;
  kind: "Liquidated" | "RuleExecuted";
  txHash: `0x${string}`;
  detail: string;
}

/** What is wrong with a subscription, by field: the app names it in the reader's language (messages `alerts.problem.<code>`). */
export type AlertProblem =
  | "healthBelow"
  | "oddsAbove"
  | "nothingChosen"
  | "email"
  | "webhookUrl"
  | "webhookScheme"
  | "webhookFormat"
  | "telegramChatId"
  | "duplicate"
  | "tooMany";

export class AlertRuleError extends Error {
  constructor(
    message: string,
    readonly code: AlertProblem,
  ) {
    super(message);
  }
}

/** Whether two subscriptions' rules and channels are the same (saving the second would send every alert twice). */
export function sameSubscription(a: { rules: AlertRules; channels: Channels }, b: { rules: AlertRules; channels: Channels }): boolean {
  const w = (c: Channels["webhook"]) => (c ? `${c.url}|${c.format}|${c.chatId ?? ""}` : "");
  return (
    a.rules.healthBelow === b.rules.healthBelow &&
    a.rules.oddsAbove === b.rules.oddsAbove &&
    a.rules.ruleCannotFire === b.rules.ruleCannotFire &&
    a.rules.events === b.rules.events &&
    (a.channels.email ?? "").toLowerCase() === (b.channels.email ?? "").toLowerCase() &&
    w(a.channels.webhook) === w(b.channels.webhook)
  );
}

/** Checks a subscription's rules and channels from untrusted JSON; throws AlertRuleError naming the bad field. */
export function parseSubscriptionInput(raw: unknown): { rules: AlertRules; channels: Channels } {
  const o = (raw ?? {}) as Record<string, unknown>;
  const r = (o.rules ?? {}) as Record<string, unknown>;
  const c = (o.channels ?? {}) as Record<string, unknown>;
  const fail = (m: string, code: AlertProblem): never => {
    throw new AlertRuleError(m, code);
  };
  let healthBelow: string | null = null;
  if (r.healthBelow !== null && r.healthBelow !== undefined) {
    if (typeof r.healthBelow !== "string" || !/^\d+(\.\d{1,18})?$/.test(r.healthBelow))
      fail("rules.healthBelow must be a number such as 1.2", "healthBelow");
    const [w, f = ""] = (r.healthBelow as string).split(".");
    const wad = BigInt(w!) * WAD + BigInt(f.padEnd(18, "0"));
    if (wad <= WAD || wad > 10n * WAD) fail("rules.healthBelow must be above 1 and at most 10", "healthBelow");
    healthBelow = wad.toString();
  }
  let oddsAbove: number | null = null;
  if (r.oddsAbove !== null && r.oddsAbove !== undefined) {
    if (typeof r.oddsAbove !== "number" || !(r.oddsAbove > 0 && r.oddsAbove < 1))
      fail("rules.oddsAbove must be a probability between 0 and 1", "oddsAbove");
    oddsAbove = r.oddsAbove as number;
  }
  const rules: AlertRules = { healthBelow, oddsAbove, ruleCannotFire: r.ruleCannotFire === true, events: r.events !== false };
  if (!rules.healthBelow && rules.oddsAbove === null && !rules.ruleCannotFire && !rules.events) fail("choose at least one alert", "nothingChosen");
  let email: string | null = null;
  if (c.email !== null && c.email !== undefined && c.email !== "") {
    if (typeof c.email !== "string" || !/^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/.test(c.email) || c.email.length > 254)
      fail("channels.email is not an email address", "email");
    email = c.email as string;
  }
  let webhook: Channels["webhook"] = null;
  if (c.webhook !== null && c.webhook !== undefined) {
    const w = c.webhook as Record<string, unknown>;
    let url: URL | null = null;
    try {
      url = new URL(String(w.url));
    } catch {
      fail("channels.webhook.url is not a URL", "webhookUrl");
    }
    if (url!.protocol !== "https:" && url!.protocol !== "http:") fail("channels.webhook.url must be http(s)", "webhookScheme");
    const format = w.format ?? "json";
    if (!["discord", "slack", "telegram", "json"].includes(String(format)))
      fail("channels.webhook.format must be discord, slack, telegram or json", "webhookFormat");
    if (format === "telegram" && (typeof w.chatId !== "string" || !/^-?\d+$|^@\w+$/.test(w.chatId)))
      fail("channels.webhook.chatId is needed for Telegram (a chat id or @channel)", "telegramChatId");
    webhook = { url: url!.toString(), format: format as WebhookFormat, ...(format === "telegram" ? { chatId: String(w.chatId) } : {}) };
  }
  return { rules, channels: { email, webhook } };
}

/** The alerts a subscription raises for its vaults now, and for what happened to them since the last scan. */
export function evaluate(sub: Subscription, vaults: WatchedVault[], happenings: VaultHappening[], now: number): Alert[] {
  const out: Alert[] = [];
  const base = (v: { chainId: number; market: `0x${string}`; vaultId: bigint }) => ({
    chainId: v.chainId,
    market: v.market,
    vaultId: v.vaultId.toString(),
    at: now,
  });
  const where = (v: { marketName: string; vaultId: bigint; chainId: number }) => `vault #${v.vaultId} in ${v.marketName} (chain ${v.chainId})`;
  const about = (v: { marketName: string; vaultId: bigint; chainId: number }, more: Partial<AlertAbout> = {}): AlertAbout => ({
    vaultId: v.vaultId.toString(),
    marketName: v.marketName,
    chainId: v.chainId,
    ...more,
  });
  for (const v of vaults) {
    const id = `${v.chainId}:${v.market.toLowerCase()}:${v.vaultId}`;
    if (sub.rules.healthBelow && v.debt > 0n && v.healthFactor !== null && v.healthFactor < BigInt(sub.rules.healthBelow)) {
      out.push({
        ...base(v),
        key: `${id}:health`,
        kind: "health-below",
        title: `Health ${formatHealthFactor(v.healthFactor)} on ${where(v)}`,
        about: about(v, { healthFactor: v.healthFactor.toString() }),
        text: `The health factor of ${where(v)} is ${formatHealthFactor(v.healthFactor)}, below your alert level ${formatHealthFactor(BigInt(sub.rules.healthBelow))}. Below 1.00 it can be liquidated.${v.partial ? " A collateral without a fresh price counts as zero in it, as the market counts it." : ""}`,
      });
    }
    if (sub.rules.oddsAbove !== null && v.odds24h !== null && v.odds24h > sub.rules.oddsAbove) {
      out.push({
        ...base(v),
        key: `${id}:odds`,
        kind: "odds-above",
        title: `Liquidation odds ${formatOdds(v.odds24h)} within 24 h on ${where(v)}`,
        about: about(v, { odds24h: v.odds24h }),
        text: `At recent volatility, ${where(v)} has a ${formatOdds(v.odds24h)} chance of being liquidated within 24 h, above your level ${formatOdds(sub.rules.oddsAbove)}.`,
      });
    }
    if (sub.rules.ruleCannotFire) {
      for (const b of v.blockedRules) {
        out.push({
          ...base(v),
          key: `${id}:rule:${b.kind}:${b.reason}`,
          kind: "rule-cannot-fire",
          title: `Your ${b.kind} rule could not run on ${where(v)}`,
          about: about(v, { rule: b.kind }),
          text: `If its condition held now, the ${b.kind} rule of ${where(v)} could not run: ${b.reason}.`,
        });
      }
    }
  }
  if (sub.rules.events) {
    for (const h of happenings) {
      const kind = h.kind === "Liquidated" ? "liquidated" : "rule-executed";
      out.push({
        ...base(h),
        key: `${h.chainId}:${h.txHash}:${h.kind}:${h.vaultId}`,
        kind,
        title: `${h.kind === "Liquidated" ? "Liquidation" : "Protection ran"} on ${where(h)}`,
        about: about(h),
        text: `${h.kind === "Liquidated" ? "A liquidation" : "Your protection rule"} ran on ${where(h)}: ${h.detail} (tx ${shortAddress(h.txHash)}).`,
      });
    }
  }
  return out;
}

/**
 * Which alerts to send now: a held condition once (until it clears, then it may fire again), an event once, and per
 * subscription at most `maxPerWindow` in `windowMs` — the rest wait (kept, sent when the window allows, never dropped).
 * `active` is the set of condition keys currently held (mutated: cleared keys leave).
 */
export function dedupe(alerts: Alert[], active: Set<string>, seenEvents: Set<string>): Alert[] {
  const now = new Set(alerts.filter((a) => !isEvent(a)).map((a) => a.key));
  for (const k of [...active]) if (!now.has(k)) active.delete(k);
  const fresh: Alert[] = [];
  for (const a of alerts) {
    if (isEvent(a)) {
      if (seenEvents.has(a.key)) continue;
      seenEvents.add(a.key);
    } else {
      if (active.has(a.key)) continue;
      active.add(a.key);
    }
    fresh.push(a);
  }
  return fresh;
}
const isEvent = (a: Alert) => a.kind === "liquidated" || a.kind === "rule-executed";

/** Rate limit: may a subscription send another notification now, given the times of its recent ones? */
export function withinRate(sentAt: number[], now: number, maxPerWindow = 10, windowMs = 60 * 60_000): boolean {
  return sentAt.filter((t) => now - t < windowMs).length < maxPerWindow;
}

/** Delay before retry `attempt` (1-based) of a failed delivery: 2 s, 4 s, 8 s … capped at 10 min. */
export function backoffMs(attempt: number): number {
  return Math.min(10 * 60_000, 2_000 * 2 ** (attempt - 1));
}
/** Attempts before a delivery is marked failed (and shown to the user as such). */
export const MAX_ATTEMPTS = 6;

/** The webhook body in the shape each bot accepts: Discord `content`, Slack `text`, Telegram `chat_id` + `text`. */
export function webhookBody(w: NonNullable<Channels["webhook"]>, a: Alert): Record<string, unknown> {
  const line = `${a.title}\n${a.text}`;
  switch (w.format) {
    case "discord":
      return { content: line.slice(0, 2000) };
    case "slack":
      return { text: line };
    case "telegram":
      return { chat_id: w.chatId, text: line };
    default:
      return { alert: a };
  }
}
