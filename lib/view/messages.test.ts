import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/locales";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import zh from "@/messages/zh.json";
import { AAVE_MESSAGES } from "../protocols/aave-v3/errors";
import { MORPHO_MESSAGES, morphoErrorKey } from "../protocols/morpho-blue/errors";
import { ERROR_MESSAGES, GENERAL_MESSAGES, WALLET_MESSAGES } from "../tx/tx-errors";
import { ACTION_MESSAGES, READ_PROBLEMS } from "../protocols/refusals";
import { ALERT_TITLE_KEYS } from "./alerts";

type Tree = { [k: string]: string | Tree };
const all: Record<string, Tree> = { en, es, zh };

/** Every leaf of a message tree as "a.b.c" → text. */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The arguments and tags a message uses (what the code passes), from its ICU syntax tree (next-intl's own parser). */
function argumentsOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: MessageFormatElement[]) => {
    for (const n of nodes) {
      if (n.type !== TYPE.literal && n.type !== TYPE.pound) names.add(n.type === TYPE.tag ? `<${n.value}>` : n.value);
      if (n.type === TYPE.tag) walk(n.children);
      if (n.type === TYPE.select || n.type === TYPE.plural) for (const o of Object.values(n.options)) walk(o.value);
    }
  };
  walk(parse(text));
  return [...names].sort();
}

describe("messages", () => {
  const english = leaves(en);
  it("every language lists exactly the English keys (txErrors aside: English lives in lib/tx/tx-errors.ts)", () => {
    for (const locale of LOCALES) {
      const keys = [...leaves(all[locale]!).keys()].filter((k) => !k.startsWith("txErrors."));
      expect(
        keys.filter((k) => !english.has(k)),
        `${locale}: keys English does not have`,
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !keys.includes(k)),
        `${locale}: missing keys`,
      ).toEqual([]);
    }
  });
  it("each translation uses the same arguments and tags as the English", () => {
    for (const locale of LOCALES) {
      const own = leaves(all[locale]!);
      for (const [key, text] of english) expect(argumentsOf(own.get(key) ?? ""), `${locale} ${key}`).toEqual(argumentsOf(text));
    }
  });
  it("every message of every language formats with the values the code passes", () => {
    const NUMBERS = new Set(["count", "decimals", "max", "step", "steps"]);
    for (const locale of LOCALES) {
      const t = createTranslator({
        locale,
        messages: all[locale]!,
        onError: (e) => {
          throw e;
        },
      });
      for (const [key, text] of leaves(all[locale]!)) {
        const values = Object.fromEntries(
          argumentsOf(text).map((a) =>
            a.startsWith("<")
              ? [a.slice(1, -1), (c: unknown) => c]
              : [a, a === "a1" && key.startsWith("txErrors.revert") ? new Date(0) : NUMBERS.has(a) ? 2 : "x"],
          ),
        );
        expect(() => t.markup(key as never, values as never), `${locale} ${key}`).not.toThrow();
      }
    }
  });
  it("no message formats a number itself (`#` in a plural, `{x, number}`): numbers come formatted by lib/view/format.ts", () => {
    // Why: the first Intl.NumberFormat a page builds loads ICU's number data, 25–50 ms of main thread in Chromium (×4 on
    // Lighthouse's phone), and use-intl builds one for a message's `#`. /risk and /markets paid it in their first render
    // for "100,000 vaults"; lib/view/format.ts writes English numbers without Intl. A plural's count goes in twice: the
    // number it chooses by (`count`) and the text shown (`countText`, or the number itself for small counts).
    const formatsANumber = (nodes: MessageFormatElement[]): boolean =>
      nodes.some(
        (n) =>
          n.type === TYPE.pound ||
          n.type === TYPE.number ||
          (n.type === TYPE.tag && formatsANumber(n.children)) ||
          ((n.type === TYPE.select || n.type === TYPE.plural) && Object.values(n.options).some((o) => formatsANumber(o.value))),
      );
    for (const locale of LOCALES) {
      const offenders = [...leaves(all[locale]!)].filter(([, text]) => formatsANumber(parse(text))).map(([key]) => key);
      expect(offenders, `${locale}: pass the number as text instead`).toEqual([]);
    }
  });
  it("every error the app can show has its translation in every other language", () => {
    const wanted = [
      ...Object.keys(ERROR_MESSAGES).map((k) => `txErrors.revert.${k}`),
      ...Object.keys(WALLET_MESSAGES).map((k) => `txErrors.wallet.${k}`),
      ...Object.keys(GENERAL_MESSAGES).map((k) => `txErrors.general.${k}`),
      // Aave's and Morpho's refusals (lib/protocols/<name>/errors.ts) and the protocol's unknown reason.
      ...Object.keys(AAVE_MESSAGES).map((k) => `txErrors.aave.${k}`),
      ...Object.keys(MORPHO_MESSAGES).map((k) => `txErrors.${morphoErrorKey(k)}`),
      "txErrors.general.protocolRefused",
      // What the app says before any transaction: an action it cannot build, a part of an account it could not read.
      ...Object.keys(ACTION_MESSAGES).map((k) => `txErrors.action.${k}`),
      ...Object.keys(READ_PROBLEMS).map((k) => `txErrors.read.${k}`),
      // The notification bell's titles (English: the alert's own title, lib/view/alerts.ts).
      ...Object.values(ALERT_TITLE_KEYS).map((k) => `txErrors.alert.${k}`),
    ];
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      const keys = leaves(all[locale]!);
      expect(
        wanted.filter((k) => !keys.has(k)),
        `${locale}: add these to messages/${locale}.json`,
      ).toEqual([]);
    }
  });
});
