import { describe, expect, it } from "vitest";
import {
  AlertRuleError,
  backoffMs,
  dedupe,
  evaluate,
  parseSubscriptionInput,
  sameSubscription,
  webhookBody,
  withinRate,
  type Subscription,
  type WatchedVault,
} from "./alerts";
import { WAD } from "../engine/math";

const sub = (rules: Partial<Subscription["rules"]>): Subscription => ({
  id: "s",
  owner: "0x0000000000000000000000000000000000000001",
  paused: false,
  webhookSecret: "x",
  createdAt: 0,
  rules: { healthBelow: null, oddsAbove: null, ruleCannotFire: false, events: false, ...rules },
  channels: { email: null, webhook: null },
});
const vault = (o: Partial<WatchedVault>): WatchedVault => ({
  chainId: 31337,
  market: "0x00000000000000000000000000000000000000a1",
  marketName: "Keel USDC",
  vaultId: 1n,
  debt: 1n,
  healthFactor: 2n * WAD,
  partial: false,
  odds24h: null,
  blockedRules: [],
  ...o,
});

describe("lib/alerts", () => {
  it("names each refusal's field by a code the app translates", () => {
    const code = (raw: unknown) => {
      try {
        parseSubscriptionInput(raw);
      } catch (e) {
        return e instanceof AlertRuleError ? e.code : "not an AlertRuleError";
      }
      return "accepted";
    };
    expect(code({ rules: { healthBelow: "1" } })).toBe("healthBelow");
    expect(code({ rules: { oddsAbove: 2 } })).toBe("oddsAbove");
    expect(code({ rules: { events: false } })).toBe("nothingChosen");
    expect(code({ rules: { events: true }, channels: { email: "trader@example" } })).toBe("email");
    expect(code({ rules: { events: true }, channels: { webhook: { url: "not a url" } } })).toBe("webhookUrl");
    expect(code({ rules: { events: true }, channels: { webhook: { url: "ftp://x.org" } } })).toBe("webhookScheme");
    expect(code({ rules: { events: true }, channels: { webhook: { url: "https://x.org", format: "teams" } } })).toBe("webhookFormat");
    expect(code({ rules: { events: true }, channels: { webhook: { url: "https://x.org", format: "telegram" } } })).toBe("telegramChatId");
    expect(code({ rules: { events: true } })).toBe("accepted");
  });

  it("tells the same alerts to the same places from any other", () => {
    const a = parseSubscriptionInput({
      rules: { healthBelow: "1.2", events: true },
      channels: { email: "T@x.org", webhook: { url: "https://h.org/a" } },
    });
    expect(
      sameSubscription(
        a,
        parseSubscriptionInput({ rules: { healthBelow: "1.20", events: true }, channels: { email: "t@x.org", webhook: { url: "https://h.org/a" } } }),
      ),
    ).toBe(true);
    expect(
      sameSubscription(
        a,
        parseSubscriptionInput({ rules: { healthBelow: "1.3", events: true }, channels: { email: "t@x.org", webhook: { url: "https://h.org/a" } } }),
      ),
    ).toBe(false);
    expect(sameSubscription(a, parseSubscriptionInput({ rules: { healthBelow: "1.2", events: true }, channels: { email: "t@x.org" } }))).toBe(false);
    expect(
      sameSubscription(
        a,
        parseSubscriptionInput({
          rules: { healthBelow: "1.2", events: true },
          channels: { email: "t@x.org", webhook: { url: "https://h.org/a", format: "slack" } },
        }),
      ),
    ).toBe(false);
  });

  it("validates a subscription with one named problem per bad field", () => {
    expect(parseSubscriptionInput({ rules: { healthBelow: "1.25" } }).rules.healthBelow).toBe(((125n * WAD) / 100n).toString());
    expect(() => parseSubscriptionInput({ rules: { healthBelow: "1" } })).toThrow(/above 1/);
    expect(() => parseSubscriptionInput({ rules: { healthBelow: "abc" } })).toThrow(/number such as 1.2/);
    expect(() => parseSubscriptionInput({ rules: { oddsAbove: 2 } })).toThrow(/probability/);
    expect(() => parseSubscriptionInput({ rules: { events: false } })).toThrow(/at least one/);
    expect(() => parseSubscriptionInput({ channels: { email: "nope" } })).toThrow(/email/);
    expect(() => parseSubscriptionInput({ channels: { webhook: { url: "ftp://x" } } })).toThrow(/http/);
    expect(() => parseSubscriptionInput({ channels: { webhook: { url: "https://api.telegram.org/botX/sendMessage", format: "telegram" } } })).toThrow(
      /chatId/,
    );
  });

  it("raises each condition, tells a held one once, again after it clears, and each event once", () => {
    const s = sub({ healthBelow: ((12n * WAD) / 10n).toString(), oddsAbove: 0.1, ruleCannotFire: true, events: true });
    const low = vault({ healthFactor: (11n * WAD) / 10n, odds24h: 0.2, blockedRules: [{ kind: "deleverage", reason: "not authorised" }] });
    const happening = {
      chainId: 31337,
      market: low.market,
      marketName: "Keel USDC",
      vaultId: 1n,
      kind: "Liquidated" as const,
      txHash: "0xabc" as const,
      detail: "x",
    };
    const all = evaluate(s, [low], [happening], 0);
    expect(all.map((a) => a.kind).sort()).toEqual(["health-below", "liquidated", "odds-above", "rule-cannot-fire"]);
    // Each carries the figures its title names, for the bell to word it in the reader's language.
    const where = { vaultId: "1", marketName: "Keel USDC", chainId: 31337 };
    expect(Object.fromEntries(all.map((a) => [a.kind, a.about]))).toEqual({
      "health-below": { ...where, healthFactor: ((11n * WAD) / 10n).toString() },
      "odds-above": { ...where, odds24h: 0.2 },
      "rule-cannot-fire": { ...where, rule: "deleverage" },
      liquidated: where,
    });
    const active = new Set<string>();
    const seen = new Set<string>();
    expect(dedupe(all, active, seen)).toHaveLength(4);
    expect(dedupe(evaluate(s, [low], [happening], 1), active, seen)).toHaveLength(0);
    // health recovers: the key clears; falling again alerts again
    expect(dedupe(evaluate(s, [vault({})], [], 2), active, seen)).toHaveLength(0);
    expect(dedupe(evaluate(s, [vault({ healthFactor: (11n * WAD) / 10n })], [], 3), active, seen).map((a) => a.kind)).toEqual(["health-below"]);
    // no debt or no price: no health alert
    expect(evaluate(s, [vault({ debt: 0n, healthFactor: 0n }), vault({ healthFactor: null })], [], 4)).toEqual([]);
    // A collateral without a price counted as zero, as the market counts it: the figure alerts, and says so.
    const partial = evaluate(s, [vault({ healthFactor: (11n * WAD) / 10n, partial: true })], [], 5).find((a) => a.kind === "health-below")!;
    expect(partial.text).toMatch(/counts as zero in it, as the market counts it/);
  });

  it("rate limit, backoff, and webhook shapes", () => {
    expect(withinRate([0, 1, 2], 10, 3, 100)).toBe(false);
    expect(withinRate([0, 1, 2], 200, 3, 100)).toBe(true);
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([2_000, 4_000, 8_000, 600_000]);
    const a = evaluate(sub({ healthBelow: ((12n * WAD) / 10n).toString() }), [vault({ healthFactor: WAD + 1n })], [], 0)[0]!;
    expect(webhookBody({ url: "https://discord.com/api/webhooks/1/x", format: "discord" }, a)).toEqual({ content: `${a.title}\n${a.text}` });
    expect(webhookBody({ url: "https://hooks.slack.com/services/x", format: "slack" }, a)).toEqual({ text: `${a.title}\n${a.text}` });
    expect(webhookBody({ url: "https://api.telegram.org/botT/sendMessage", format: "telegram", chatId: "42" }, a)).toEqual({
      chat_id: "42",
      text: `${a.title}\n${a.text}`,
    });
  });
});
