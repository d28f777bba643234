import type { Page } from "@playwright/test";

/**
 * Words that mean a sentence was left in English: English function words and the app's own vocabulary, none of which is
 * a Spanish or Chinese word (nor a symbol, a name or a unit the app shows in every language — USDC, APR, LTV, Keel).
 */
export const ENGLISH_WORDS = [
  "the",
  "and",
  "your",
  "you",
  "with",
  "from",
  "this",
  "that",
  "will",
  "not",
  "of",
  "to",
  "for",
  "by",
  "at",
  "is",
  "are",
  "be",
  "it",
  "or",
  "in",
  "on",
  "an",
  "all",
  "now",
  "no one",
  "when",
  "which",
  "would",
  "could",
  "can",
  "has",
  "have",
  "vault",
  "vaults",
  "deposit",
  "withdraw",
  "borrow",
  "repay",
  "debt",
  "health",
  "price",
  "prices",
  "market",
  "markets",
  "connect",
  "wallet",
  "loading",
  "reading",
  "none",
  "after",
  "before",
  "liquidation",
  "liquidations",
  "collateral",
  "rate",
  "supply",
  "supplied",
  "borrowed",
  "lend",
  "risk",
  "step",
  "history",
  "feed",
  "feeds",
  "enter",
  "amount",
  "leverage",
  "position",
  "swap",
  "approve",
  "close",
  "open",
  "simulator",
  "scenario",
  "chain",
  "notifications",
] as const;

/**
 * The English words on the page as a reader meets them — visible text and the accessible names and hints (aria-label,
 * placeholder, title, alt) — each with the sentence it sits in. `skip` is a CSS selector of regions not checked.
 * With `decimalComma` (a language that writes 1.234,5), numbers written the English way are found too: a comma group
 * before a decimal point ("1,234.5") or a decimal point before one or two digits ("4.17×", "0.5"), neither of which
 * that language writes.
 */
export async function englishOnPage(page: Page, skip?: string, decimalComma = false): Promise<string[]> {
  return page.evaluate(
    ({ words, skip, decimalComma }) => {
      const re = new RegExp(`(?<![\\p{L}\\d_-])(${words.map((w) => w.replace(" ", "\\s+")).join("|")})(?![\\p{L}\\d_-])`, "iu");
      const englishNumber = /(?<![\d.,])(\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d{1,2})(?![\d.,])/;
      const skipped = (el: Element | null) => !!(el && skip && el.closest(skip));
      const hidden = (el: Element) => {
        const s = getComputedStyle(el);
        return s.display === "none" || s.visibility === "hidden" || el.closest("[hidden], [aria-hidden=true]") !== null;
      };
      const found: string[] = [];
      const check = (text: string, where: Element) => {
        const t = text.replace(/\s+/g, " ").trim();
        // Addresses, hashes and code are not language.
        const plain = t.replace(/0x[0-9a-fA-F…]+/g, "");
        const m = plain.match(re) ?? (decimalComma ? plain.match(englishNumber) : null);
        if (m)
          found.push(
            `"${m[1]}" in "${t.slice(0, 120)}" (${where.tagName.toLowerCase()}${where.getAttribute("data-testid") ? `[data-testid=${where.getAttribute("data-testid")}]` : ""})`,
          );
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (["SCRIPT", "STYLE", "CODE", "NOSCRIPT"].includes(el.tagName) || skipped(el) || hidden(el)) continue;
        // A visually hidden table (chart text equivalents) is read by screen readers: it is checked too.
        check(n.textContent ?? "", el);
      }
      for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], img[alt]")) {
        if (skipped(el) || hidden(el)) continue;
        for (const a of ["aria-label", "placeholder", "title", "alt"]) {
          const v = el.getAttribute(a);
          if (v) check(v, el);
        }
      }
      return [...new Set(found)];
    },
    { words: [...ENGLISH_WORDS], skip, decimalComma },
  );
}
