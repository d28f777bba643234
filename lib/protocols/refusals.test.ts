import { describe, expect, it } from "vitest";
import es from "@/messages/es.json";
import zh from "@/messages/zh.json";
import { ACTION_MESSAGES, ActionRefused, amountZero, READ_PROBLEMS, readProblem, WordedError } from "./refusals";
import { ALERT_TITLE_KEYS } from "../view/alerts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the app's own refusals and read problems", () => {
  it("an action refused carries its English sentence, its translation key and values", () => {
    const e = new ActionRefused("noDebt", { protocol: "Morpho Blue", symbol: "USDC" });
    expect(e).toBeInstanceOf(WordedError);
    expect(e.message).toBe("This Morpho Blue position has no USDC debt to repay.");
    expect(e.key).toBe("action.noDebt");
    expect(e.values).toEqual({ protocol: "Morpho Blue", symbol: "USDC" });
    expect(e.name).toBe("ActionRefused");
  });
  it("a read problem is worded the same way", () => {
    expect(readProblem("morphoOracle", { market: "WETH/USDC" })).toEqual({
      message: "Morpho WETH/USDC: its oracle did not answer. This market's position is not shown.",
      key: "read.morphoOracle",
      values: { market: "WETH/USDC" },
    });
  });
  it("a zero amount is the market's own ZeroAmount sentence", () => {
    expect(amountZero()).toMatchObject({ message: "The amount must be above zero.", key: "revert.ZeroAmount" });
  });
  it("every translation names the same values as its English sentence", () => {
    for (const [locale, m] of [
      ["es", es],
      ["zh", zh],
    ] as const) {
      for (const [group, table] of [
        ["action", ACTION_MESSAGES],
        ["read", READ_PROBLEMS],
      ] as const) {
        const translated = (m.txErrors as Record<string, Record<string, string>>)[group]!;
        for (const [k, english] of Object.entries(table)) {
          expect(placeholders(translated[k] ?? ""), `${locale} txErrors.${group}.${k}`).toEqual(placeholders(english));
        }
      }
    }
  });
  it("each alert title's translation names the vault, and the figure its kind is about", () => {
    const figure: Record<string, string[]> = {
      healthBelow: ["health"],
      oddsAbove: ["odds"],
      ruleCannotFire: ["rule"],
      liquidated: [],
      ruleExecuted: [],
    };
    for (const m of [es, zh]) {
      for (const key of Object.values(ALERT_TITLE_KEYS)) {
        expect(placeholders((m.txErrors.alert as Record<string, string>)[key] ?? ""), key).toEqual(["chain", "id", "market", ...figure[key]!].sort());
      }
    }
  });
});
