/**
 * /risk's own load of the indexer's book, in parts, from the page's performance measures (hooks/use-risk-book.ts
 * `keel:risk:book:*`) and its resource timing: shared by `npm run bench:risk` and `npm run bench:book`.
 */
import type { Page } from "playwright-core";

export interface RiskLoadParts {
  /** ms after navigation: the book's query started (the page's JavaScript loaded and hydrated). */
  queryStart: number;
  /** ms after navigation: the book's request sent (by the HTML's preload when it came first) and its last byte. */
  requestStart: number;
  responseEnd: number;
  /** ms from the query's start: the bytes in hand, and `getMarket`'s answer. */
  fetch: number;
  market: number;
  /** ms: bytes posted → the book back from the worker; in it, inflate and read, then valuation and columns; then unpack here. */
  worker: number;
  decode: number;
  build: number;
  unpack: number;
}

/** The parts of the last load of the book on `page` (throws when the page did not load it through the worker). */
export async function riskLoadParts(page: Page): Promise<RiskLoadParts> {
  // A string: tsx's transform names the inner functions of a callback (`__name`), which the page does not define.
  return page.evaluate(`(() => {
    const measures = ["fetch", "market", "worker"].map((p) => performance.getEntriesByName("keel:risk:book:" + p).at(-1));
    if (measures.some((e) => !e)) throw new Error("no keel:risk:book measures: the page did not load the book through the risk worker");
    const [fetch, market, worker] = measures;
    const request = performance.getEntriesByType("resource").filter((r) => r.name.includes("/api/indexer/book/"))[0];
    return {
      queryStart: fetch.startTime,
      requestStart: request ? request.startTime : NaN,
      responseEnd: request ? request.responseEnd : NaN,
      fetch: fetch.duration,
      market: market.duration,
      worker: worker.duration,
      decode: worker.detail.decode,
      build: worker.detail.build,
      unpack: worker.detail.unpack,
    };
  })()`);
}

const ms = (x: number) => `${Math.round(x)} ms`;

/** One sentence of the parts, for the results. */
export function riskLoadSentence(p: RiskLoadParts): string {
  return (
    `the book's request went at ${ms(p.requestStart)} after navigation and its last byte came at ${ms(p.responseEnd)}; ` +
    `the page's query started at ${ms(p.queryStart)} (its JavaScript loaded and hydrated) and had the bytes ${ms(p.fetch)} ` +
    `and \`getMarket\` ${ms(p.market)} later; the risk worker then took ${ms(p.worker)} (read ${ms(p.decode)}, ` +
    `valuation, columns and the unshocked scenario ${ms(p.build)}) and the page ${ms(p.unpack)} to unpack it`
  );
}
