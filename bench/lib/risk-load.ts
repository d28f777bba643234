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
  return page.evaluate(() => {
    const last = (name: string) => {
      const e = performance.getEntriesByName(name).at(-1) as PerformanceMeasure | undefined;
      if (!e) throw new Error(`no ${name} measure: the page did not load the book through the risk worker`);
      return e;
    };
    const fetch = last("keel:risk:book:fetch");
    const worker = last("keel:risk:book:worker");
    const timing = worker.detail as { decode: number; build: number; unpack: number };
    const request = performance
      .getEntriesByType("resource")
      .filter((r) => r.name.includes("/api/indexer/book/"))
      .at(0) as PerformanceResourceTiming | undefined;
    return {
      queryStart: fetch.startTime,
      requestStart: request?.startTime ?? NaN,
      responseEnd: request?.responseEnd ?? NaN,
      fetch: fetch.duration,
      market: last("keel:risk:book:market").duration,
      worker: worker.duration,
      decode: timing.decode,
      build: timing.build,
      unpack: timing.unpack,
    };
  });
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
