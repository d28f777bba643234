import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "./random";
import { collateralToReachOdds, firstPassageProbability, liquidationOdds, normalCdf, vaultSigma, type OddsVault } from "./liquidation-odds";
import { realisedVolatility, SECONDS_PER_YEAR } from "./volatility";

/**
 * Monte Carlo of liquidation within `days` for collaterals driven by correlated driftless GBMs (shared factor with
 * weight `rho`), debt asset with its own GBM: HF(t) = Σ Lᵢ·Pᵢ(t) / (D·P_debt(t)), checked every step.
 */
function monteCarlo(v: OddsVault, days: number, opts: { paths: number; steps: number; rho: number; debtRho: number; seed: number }) {
  const { normal } = seededRandom(opts.seed);
  const t = days / 365;
  const dt = t / opts.steps;
  let hits = 0;
  const k = v.collaterals.length;
  const logP = new Float64Array(k);
  for (let p = 0; p < opts.paths; p++) {
    logP.fill(0);
    let logB = 0;
    for (let s = 0; s < opts.steps; s++) {
      const common = normal();
      for (let i = 0; i < k; i++) {
        const sig = v.collaterals[i]!.sigma;
        const z = opts.rho * common + Math.sqrt(1 - opts.rho * opts.rho) * normal();
        logP[i]! += -0.5 * sig * sig * dt + sig * Math.sqrt(dt) * z;
      }
      const zb = opts.debtRho * common + Math.sqrt(1 - opts.debtRho * opts.debtRho) * normal();
      logB += -0.5 * v.baseSigma * v.baseSigma * dt + v.baseSigma * Math.sqrt(dt) * zb;
      let liq = 0;
      for (let i = 0; i < k; i++) liq += v.collaterals[i]!.value * v.collaterals[i]!.liquidationThreshold * Math.exp(logP[i]!);
      if (liq < v.debtValue * Math.exp(logB)) {
        hits++;
        break;
      }
    }
  }
  return hits / opts.paths;
}

/** Exact Monte Carlo of first passage for one driftless GBM: Brownian-bridge crossing probability within each step. */
function monteCarloSingle(hf: number, sigma: number, days: number, paths: number, seed: number) {
  const { normal, uniform } = seededRandom(seed);
  const steps = 40;
  const dt = days / 365 / steps;
  const b = Math.log(hf); // barrier at −b
  let hits = 0;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    for (let s = 0; s < steps; s++) {
      const next = x - 0.5 * sigma * sigma * dt + sigma * Math.sqrt(dt) * normal();
      if (next <= -b || uniform() < Math.exp((-2 * (x + b) * (next + b)) / (sigma * sigma * dt))) {
        hits++;
        break;
      }
      x = next;
    }
  }
  return hits / paths;
}

const single = (hf: number, sigma: number): OddsVault => ({
  collaterals: [{ value: hf * 1000, liquidationThreshold: 1, sigma }],
  debtValue: 1000,
  baseSigma: 0,
});

describe("normal CDF and first passage", () => {
  it("Φ matches known values, deep in both tails", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316, 8);
    expect(normalCdf(-10) / 7.61985302416e-24).toBeCloseTo(1, 5);
    expect(normalCdf(8)).toBeCloseTo(1, 12);
  });

  it("without drift, is 2·Φ(−b/(σ√t)) (the reflection principle)", () => {
    expect(firstPassageProbability(0.1, 0.5, 0.04, 0)).toBeCloseTo(2 * normalCdf(-0.1 / (0.5 * 0.2)), 10);
  });

  it("probabilities are in [0, 1], fall with health, rise with volatility and horizon", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.0001, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 60, noNaN: true }),
        (hf, sigma, days) => {
          const p = liquidationOdds(single(hf, sigma), days);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(liquidationOdds(single(hf * 1.05, sigma), days)).toBeLessThanOrEqual(p + 1e-12);
          expect(liquidationOdds(single(hf, sigma * 1.05), days)).toBeGreaterThanOrEqual(p - 1e-12);
          expect(liquidationOdds(single(hf, sigma), days * 1.5)).toBeGreaterThanOrEqual(p - 1e-12);
        },
      ),
    );
  });

  it("is 1 for a liquidatable vault, 0 without debt or volatility", () => {
    expect(liquidationOdds(single(0.99, 0.5), 1)).toBe(1);
    expect(liquidationOdds({ ...single(2, 0.5), debtValue: 0 }, 7)).toBe(0);
    expect(liquidationOdds(single(1.2, 0), 7)).toBe(0);
  });
});

describe("against Monte Carlo", () => {
  it("a single-asset vault's odds match an exact Monte Carlo within 4 standard errors", () => {
    const paths = 20_000;
    fc.assert(
      fc.property(
        fc.double({ min: 1.02, max: 1.6, noNaN: true }),
        fc.double({ min: 0.3, max: 1.2, noNaN: true }),
        fc.constantFrom(1, 7),
        fc.integer({ min: 1, max: 1e9 }),
        (hf, sigma, days, seed) => {
          const p = liquidationOdds(single(hf, sigma), days);
          const mc = monteCarloSingle(hf, sigma, days, paths, seed);
          const se = Math.sqrt(Math.max(p * (1 - p), 1e-4) / paths);
          expect(Math.abs(p - mc)).toBeLessThan(4 * se + 1e-3);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("a multi-asset vault's odds are an upper bound: at least the Monte Carlo odds, however the assets correlate", () => {
    const v: OddsVault = {
      collaterals: [
        { value: 6000, liquidationThreshold: 0.85, sigma: 0.7 },
        { value: 4000, liquidationThreshold: 0.8, sigma: 0.5 },
      ],
      debtValue: 7000,
      baseSigma: 0.02,
    };
    const p = liquidationOdds(v, 7);
    expect(vaultSigma(v)).toBeCloseTo(0.02 + (5100 / 8300) * 0.7 + (3200 / 8300) * 0.5, 12);
    for (const [rho, debtRho] of [
      [1, -1],
      [1, 0],
      [0.5, 0],
      [0, 0],
    ] as const) {
      const mc = monteCarlo(v, 7, { paths: 6_000, steps: 200, rho, debtRho, seed: 7 });
      expect(p).toBeGreaterThanOrEqual(mc - 4 * Math.sqrt(0.25 / 6_000));
    }
    // With perfect correlation (the model's own case) the bound is close: within 3 points.
    expect(p - monteCarlo(v, 7, { paths: 6_000, steps: 400, rho: 1, debtRho: -1, seed: 11 })).toBeLessThan(0.03);
  });
});

describe("collateral to reach a level", () => {
  it("adds just enough collateral: the odds land at the target", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.01, max: 1.3, noNaN: true }),
        fc.double({ min: 0.3, max: 1.2, noNaN: true }),
        fc.constantFrom(0.01, 0.05),
        (hf, sigma, target) => {
          const v = single(hf, sigma);
          const add = collateralToReachOdds(v, 0, target, 7);
          const after = (x: number) => liquidationOdds({ ...v, collaterals: [{ ...v.collaterals[0]!, value: v.collaterals[0]!.value + x }] }, 7);
          if (liquidationOdds(v, 7) <= target) expect(add).toBe(0);
          else {
            expect(after(add)).toBeLessThanOrEqual(target);
            expect(after(add * 0.999)).toBeGreaterThan(target);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuses a target outside (0, 1)", () => {
    expect(() => collateralToReachOdds(single(1.1, 0.5), 0, 0, 7)).toThrow(RangeError);
  });
});

describe("realised volatility", () => {
  it("recovers the volatility of a simulated hourly GBM within 10 %", () => {
    const { normal } = seededRandom(3);
    const sigma = 0.65;
    const dt = 3600;
    let price = 3000e8;
    const points = [];
    for (let i = 0; i < 2000; i++) {
      points.push({ answer: BigInt(Math.round(price)), updatedAt: BigInt(1_700_000_000 + i * dt) });
      price *= Math.exp(-0.5 * sigma * sigma * (dt / SECONDS_PER_YEAR) + sigma * Math.sqrt(dt / SECONDS_PER_YEAR) * normal());
    }
    const v = realisedVolatility(points.reverse())!; // newest first, as the lens returns them
    expect(v.returns).toBe(1999);
    expect(v.annual / sigma).toBeGreaterThan(0.9);
    expect(v.annual / sigma).toBeLessThan(1.1);
  });

  it("counts updates within one 5-minute bucket as one move, and ignores non-positive answers", () => {
    const base = 1_700_000_100;
    const points = [];
    for (let i = 0; i < 20; i++) points.push({ answer: 100 + (i % 2), updatedAt: base + i * 3600 });
    const plain = realisedVolatility(points)!;
    // A spike and its reversal within a second, and a bad answer: the same estimate.
    const noisy = realisedVolatility([
      ...points,
      { answer: 150, updatedAt: base + 1 },
      { answer: 100, updatedAt: base + 2 },
      { answer: 0, updatedAt: base + 7200 },
    ])!;
    expect(noisy.annual).toBeCloseTo(plain.annual, 4); // (the bucket keeps its last time: 2 s less span)
  });

  it("says nothing from too little history", () => {
    expect(realisedVolatility([{ answer: 1n, updatedAt: 1n }])).toBeNull();
    expect(realisedVolatility(Array.from({ length: 5 }, (_, i) => ({ answer: 100 + i, updatedAt: 1_000_000 + i * 3600 })))).toBeNull();
  });
});
