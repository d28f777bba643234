import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RiskBook } from "./risk-book";
import { bookFigures, bookOrder, ownerRanks, type BookSort, type FigureSigmas, type SortKey } from "./book-figures";
import { liquidationOdds } from "./liquidation-odds";
import { healthHistogram, liquidationDiscount, MIN_DISCOUNT, oddsVaultFromBook, stress, vaultDistance } from "./stress";
import {
  answerTransfer,
  createStressHandler,
  figuresTransfer,
  packBook,
  stressBookMessage,
  unpackBook,
  type FiguresAnswer,
  type StressAnswer,
  type StressRequest,
} from "./stress.worker";

/**
 * A random book's columns: vaults with and without debt, unpriced ones, some liquidatable now; in some books part of the
 * debt is owed in the collaterals' own assets (an Aave account borrowing what it supplies), up to all of it.
 */
const bookArb = fc.integer({ min: 1, max: 3 }).chain((k) =>
  fc
    .array(
      fc.record({
        values: fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: k, maxLength: k }),
        lts: fc.array(fc.double({ min: 0.5, max: 0.95, noNaN: true }), { minLength: k, maxLength: k }),
        debt: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e7, noNaN: true })),
        unpriced: fc.boolean(),
        owed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
      }),
      { minLength: 1, maxLength: 200 },
    )
    .chain((vaults) =>
      fc.record({
        vaults: fc.constant(vaults),
        k: fc.constant(k),
        maxDiscount: fc.array(fc.double({ min: 0.01, max: 0.2, noNaN: true }), { minLength: k, maxLength: k }),
        // Beyond the sliders' 0–90 % too: a fall below 0 or above 100 % is clamped the same way on both paths.
        shocks: fc.array(fc.double({ min: -0.2, max: 1.2, noNaN: true }), { minLength: k, maxLength: k }),
        fixedDiscount: fc.boolean(),
        owedIn: fc.boolean(),
      }),
    ),
);

function bookOf({
  vaults,
  k,
  maxDiscount,
  fixedDiscount = false,
  owedIn = false,
}: {
  vaults: { values: number[]; lts: number[]; debt: number; unpriced: boolean; owed?: number[] }[];
  k: number;
  maxDiscount: number[];
  fixedDiscount?: boolean;
  /** Owe `owed[j]` of each vault's debt (scaled so they sum to at most 1) in collateral j's asset. */
  owedIn?: boolean;
}): RiskBook {
  const n = vaults.length;
  const value = new Float64Array(n * k);
  const liquidationValue = new Float64Array(n * k);
  const totalLiquidationValue = new Float64Array(n);
  const debtValue = new Float64Array(n);
  const healthFactor = new Float64Array(n);
  const liquidatableNow = new Uint8Array(n);
  const debtInColumn = new Float64Array(n * k);
  vaults.forEach((v, i) => {
    for (let j = 0; j < k; j++) {
      value[i * k + j] = v.values[j]!;
      liquidationValue[i * k + j] = v.values[j]! * v.lts[j]!;
      totalLiquidationValue[i]! += liquidationValue[i * k + j]!;
    }
    debtValue[i] = v.debt;
    if (owedIn && v.owed) {
      const sum = v.owed.reduce((a, b) => a + b, 0);
      for (let j = 0; j < k; j++) debtInColumn[i * k + j] = (v.debt * v.owed[j]!) / Math.max(1, sum);
    }
    healthFactor[i] = v.unpriced ? NaN : v.debt === 0 ? Infinity : totalLiquidationValue[i]! / v.debt;
    liquidatableNow[i] = healthFactor[i]! < 1 ? 1 : 0;
  });
  const lts = vaults[0]?.lts ?? [];
  return {
    n,
    k,
    ids: Uint32Array.from(vaults, (_, i) => i + 1),
    owners: vaults.map((_, i) => `0x${String((i * 7) % 5).repeat(40)}`),
    value,
    liquidationValue,
    totalValue: Float64Array.from(vaults, (v) => v.values.reduce((a, b) => a + b, 0)),
    totalLiquidationValue,
    liquidationThreshold: Float64Array.from(lts),
    debtValue,
    ...(owedIn ? { debtInColumn } : {}),
    healthFactor,
    liquidatableNow,
    maxDiscount: Float64Array.from(maxDiscount),
    fixedDiscount,
  } as unknown as RiskBook;
}

/** Through a real message boundary: structured clone with the transfer list, as postMessage does. */
const across = <T>(message: T, transfer: ArrayBuffer[] = []): T => structuredClone(message, { transfer });

describe("the stress worker", () => {
  it("answers every scenario exactly as lib/analytics/stress.ts's reference (`stress` then `healthHistogram`), for a random book", () => {
    fc.assert(
      fc.property(bookArb, (spec) => {
        const book = bookOf(spec);
        const { handle } = createStressHandler();
        const { message, transfer } = stressBookMessage(book);
        expect(handle(across(message, transfer))).toBeNull();
        // The page's own columns stay usable (the worker got copies).
        expect(book.debtValue.length).toBe(book.n);

        for (const [seq, shocks] of [
          [1, spec.shocks],
          [2, spec.shocks.map(() => 0)],
        ] as const) {
          const sent = handle(across<StressRequest>({ type: "run", id: 0, seq, shocks: [...shocks] }))!;
          const answer = across<StressAnswer>(sent, answerTransfer(sent));
          const flags = new Uint8Array(book.n);
          const health = new Float64Array(book.n);
          const expected = stress(book, shocks, flags, health);
          expect(answer.seq).toBe(seq);
          expect(answer.result).toEqual(expected);
          expect(answer.flags).toEqual(flags);
          expect(answer.histogram).toEqual(healthHistogram(book, shocks.some((s) => s > 0) ? { health, flags } : undefined));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("puts a vault whose stressed health overflows to ∞ in the last bucket, not past the histogram's end", () => {
    // Liquidation value 1e10 against a debt of 1e-300: finite today (lt 1: 1e310 overflows, so lt 1e-20), ∞ once shocked.
    const book = bookOf({ k: 1, maxDiscount: [0.1], vaults: [{ values: [1e10], lts: [1e-20], debt: 1e-300, unpriced: false }] });
    book.liquidationValue[0] = 1e10; // the liquidation value itself is not what overflows: value ÷ debt is
    book.healthFactor[0] = 1e300;
    const { handle } = createStressHandler();
    handle(stressBookMessage(book).message);
    const answer = handle({ type: "run", id: 0, seq: 1, shocks: [0.1] })!;
    const health = new Float64Array(1);
    stress(book, [0.1], undefined, health);
    expect(health[0]).toBe(Infinity);
    // (healthHistogram reads a health of ∞ as "no debt" and leaves the vault out: unreachable from a book of WAD values.)
    expect(answer.histogram.map((b) => b.vaults)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("sums the bad debt bit for bit where a liquidated vault's margin is right at its discount (the fast path skips the covered ones)", () => {
    // Collateral ÷ debt = 1 + max discount × (1 + δ), δ within ±1e-8: either side of the fast path's skip threshold.
    const nearArb = fc.integer({ min: 1, max: 3 }).chain((k) =>
      fc.record({
        k: fc.constant(k),
        maxDiscount: fc.array(fc.double({ min: 0.01, max: 0.2, noNaN: true }), { minLength: k, maxLength: k }),
        fixedDiscount: fc.boolean(),
        vaults: fc.array(
          fc.record({
            values: fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), { minLength: k, maxLength: k }),
            delta: fc.double({ min: -1e-8, max: 1e-8, noNaN: true }),
          }),
          { minLength: 1, maxLength: 100 },
        ),
      }),
    );
    fc.assert(
      fc.property(nearArb, ({ k, maxDiscount, fixedDiscount, vaults }) => {
        const widest = Math.max(...maxDiscount);
        const book = bookOf({
          k,
          maxDiscount,
          fixedDiscount,
          vaults: vaults.map((v) => ({
            values: v.values,
            lts: v.values.map(() => 0.5), // health 0.5 × (1 + discount) < 1: liquidatable now
            debt: v.values.reduce((a, b) => a + b, 0) / (1 + widest * (1 + v.delta)),
            unpriced: false,
          })),
        });
        const { handle } = createStressHandler();
        handle(stressBookMessage(book).message);
        const answer = handle({ type: "run", id: 0, seq: 1, shocks: maxDiscount.map(() => 0) })!;
        expect(answer.result).toEqual(
          stress(
            book,
            maxDiscount.map(() => 0),
          ),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("sells each collateral at its own liquidationDiscount: the bad debt, bit for bit, of the rule applied per vault and collateral", () => {
    // `unpaidDebt` takes the stressed products already summed for the collateral and computes the discount's vault part
    // (clamp(1 − h, 1 %, ∞) capped at the margin) once per vault, then min with each collateral's maxDiscount; this is
    // the one-step rule per collateral (lib/analytics/stress.ts `liquidationDiscount`), re-multiplying every product.
    const reference = (book: RiskBook, shocks: readonly number[]) => {
      const { n, k, value, liquidationValue, debtValue, debtInColumn, healthFactor, liquidatableNow, maxDiscount, fixedDiscount = false } = book;
      const drop = shocks.map((s) => Math.min(1, Math.max(0, s)));
      const keep = drop.map((s) => 1 - s);
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const hf = healthFactor[i]!;
        if (debtValue[i] === 0 || hf !== hf || hf === Infinity) continue;
        // The debt at the scenario: what is owed in a collateral's asset falls with it.
        let d = debtValue[i]!;
        for (let j = 0; j < k; j++) d -= (debtInColumn?.[i * k + j] ?? 0) * drop[j]!;
        if (!(d > debtValue[i]! * 1e-9)) continue;
        let liq = 0;
        for (let j = 0; j < k; j++) liq += liquidationValue[i * k + j]! * keep[j]!;
        if (liquidatableNow[i] === 0 && liq >= d) continue;
        let collateral = 0;
        for (let j = 0; j < k; j++) collateral += value[i * k + j]! * keep[j]!;
        const margin = collateral / d - 1;
        let recoverable = 0;
        for (let j = 0; j < k; j++)
          recoverable += (value[i * k + j]! * keep[j]!) / (1 + liquidationDiscount(liq / d, maxDiscount[j]!, margin, fixedDiscount));
        bad += recoverable < d ? d - recoverable : 0;
      }
      return bad;
    };
    fc.assert(
      fc.property(bookArb, (spec) => {
        const book = bookOf(spec);
        const { handle } = createStressHandler();
        handle(stressBookMessage(book).message);
        for (const shocks of [spec.shocks, spec.shocks.map(() => 0.85), spec.shocks.map(() => 1)]) {
          const bad = reference(book, shocks);
          expect(stress(book, shocks).badDebt).toBe(bad);
          expect(handle({ type: "run", id: 0, seq: 1, shocks: [...shocks] })!.result.badDebt).toBe(bad);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("liquidationDiscount is clamp(1 − hf, 1 %, maxDiscount) capped at a non-negative margin (maxDiscount when fixed), exactly", () => {
    const h = fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0, 0.99, 1, Infinity));
    const margin = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(-0.5, 0, 0.01, Infinity));
    fc.assert(
      fc.property(h, fc.double({ min: 0.01, max: 0.5, noNaN: true }), margin, fc.boolean(), (hf, maxDiscount, m, fixed) => {
        const rule = Math.min(maxDiscount, fixed ? maxDiscount : Math.max(MIN_DISCOUNT, hf < 1 ? 1 - hf : 0), m >= 0 ? m : Infinity);
        expect(liquidationDiscount(hf, maxDiscount, m, fixed)).toBe(rule);
      }),
      { numRuns: 500 },
    );
  });

  it("answers nothing before a book is loaded", () => {
    expect(createStressHandler().handle({ type: "run", id: 0, seq: 1, shocks: [0.1] })).toBeNull();
  });

  it("answers nothing for a book the page dropped, and keeps answering for the others", () => {
    const { handle } = createStressHandler();
    const book = bookOf({ vaults: [{ values: [100], lts: [0.8], debt: 50, unpriced: false }], k: 1, maxDiscount: [0.05] });
    handle(stressBookMessage(book, 1).message);
    handle(stressBookMessage(book, 2).message);
    handle({ type: "drop", id: 1 });
    expect(handle({ type: "run", id: 1, seq: 1, shocks: [0.5] })).toBeNull();
    expect(handle({ type: "run", id: 2, seq: 2, shocks: [0.5] })!.result.liquidatable).toBe(1);
  });

  it("packs a book for the trip to the page and unpacks it to the same owners and debts (128-bit halves, and wider)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ owner: fc.integer({ min: 0, max: 4 }), debt: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }) }), { maxLength: 50 }),
        fc.boolean(),
        (rows, narrow) => {
          const list = Array.from({ length: 5 }, (_, o) => `0x${String(o).repeat(40)}` as `0x${string}`);
          const debts = rows.map((r) => (narrow ? r.debt % (1n << 128n) : r.debt));
          const book = {
            ...bookOf({ vaults: rows.map(() => ({ values: [1], lts: [0.8], debt: 1, unpriced: false })), k: 1, maxDiscount: [0.05] }),
            owners: rows.map((r) => list[r.owner]!),
            debt: debts,
          } as RiskBook;
          const health = book.healthFactor.slice();
          const { packed, transfer } = packBook(
            book,
            Uint32Array.from(rows, (r) => r.owner),
            list,
          );
          const back = unpackBook(across(packed, transfer));
          expect(back.owners).toEqual(book.owners);
          expect(back.debt).toEqual(debts);
          expect(back.healthFactor).toEqual(health);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("answers the figures and the table's order as the page computed them: distances, odds, levels, sums, sorted rows", () => {
    const sortArb = fc.record({ key: fc.constantFrom<SortKey>("hf", "distance", "debt", "collateral", "owner", "odds7"), desc: fc.boolean() });
    fc.assert(
      fc.property(
        bookArb,
        fc.array(fc.option(fc.double({ min: 0.05, max: 2, noNaN: true }), { nil: null }), { minLength: 3, maxLength: 3 }),
        fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: null }),
        fc.array(sortArb, { minLength: 1, maxLength: 3 }),
        (spec, colSigmas, debtSigma, sorts) => {
          const book = bookOf(spec);
          const handler = createStressHandler();
          const { message, transfer } = stressBookMessage(book, 3);
          handler.handle(across(message, transfer));
          const sigmas: FigureSigmas = { columns: colSigmas.slice(0, book.k), debt: debtSigma };
          // What the page computed on its own thread before the figures moved to the worker.
          const distance = Float64Array.from({ length: book.n }, (_, i) => vaultDistance(book, i));
          const odds7 = new Float64Array(book.n).fill(NaN);
          const odds1 = new Float64Array(book.n).fill(NaN);
          for (let i = 0; i < book.n; i++) {
            if (book.debtValue[i] === 0) continue;
            const v = oddsVaultFromBook(book, i, sigmas.columns, debtSigma);
            if (!v) continue;
            odds1[i] = liquidationOdds(v, 1);
            odds7[i] = liquidationOdds(v, 7);
          }
          const columns = { ...book, ownerRank: ownerRanks(book.owners) };
          for (const [x, sort] of sorts.entries()) {
            const request: StressRequest = { type: "figures", id: 3, req: x, sigmas, sigmasKey: "s", sort: sort as BookSort };
            const sent = handler.figures(across(request) as Extract<StressRequest, { type: "figures" }>);
            const answer = across<FiguresAnswer>(sent, figuresTransfer(sent));
            expect(answer.req).toBe(x);
            expect(answer.figures!.distance).toEqual(distance);
            expect(answer.figures!.odds1).toEqual(odds1);
            expect(answer.figures!.odds7).toEqual(odds7);
            expect(answer.figures).toEqual(bookFigures(columns, sigmas));
            expect(answer.figures!.withDebt).toBe(book.debtValue.filter((d) => d > 0).length);
            // The order: every vault with debt and a finite health factor once, by the key (ties by id), reversed when descending.
            const order = [...answer.order!];
            expect(order).toEqual([...bookOrder(columns, answer.figures!, sort as BookSort)]);
            const rows = Array.from({ length: book.n }, (_, i) => i).filter((i) => book.debtValue[i]! > 0 && Number.isFinite(book.healthFactor[i]!));
            expect([...order].sort((a, b) => a - b)).toEqual(rows);
            const key = (i: number) =>
              ({
                hf: book.healthFactor[i]!,
                distance: distance[i]!,
                debt: book.debtValue[i]!,
                collateral: book.totalValue[i]!,
                owner: columns.ownerRank[i]!,
                odds7: Number.isNaN(odds7[i]!) ? -1 : odds7[i]!,
              })[sort.key];
            for (let r = 1; r < order.length; r++) {
              const [a, b] = [order[r - 1]!, order[r]!];
              const cmp = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : book.ids[a]! - book.ids[b]!;
              expect(sort.desc ? cmp >= 0 : cmp <= 0).toBe(true);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("answers no figures for a book it does not hold", () => {
    const answer = createStressHandler().figures({
      type: "figures",
      id: 9,
      req: 1,
      sigmas: null,
      sigmasKey: "none",
      sort: { key: "hf", desc: false },
    });
    expect(answer.figures).toBeNull();
    expect(answer.order).toBeNull();
  });
});
