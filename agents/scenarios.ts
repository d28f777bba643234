/**
 * Named market scenarios for the local chain's dev feeds, as pure price paths: each step gives every volatile asset's
 * price as a factor of its price when the scenario started (stablecoins are left alone), and whether the feeds go
 * stale. agents/market-simulator.ts plays them on the chain; the app's simulator panel triggers them.
 */

export const SCENARIOS = ["crash", "flash-crash", "stale", "bleed"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const SCENARIO_INFO: Record<ScenarioName, { title: string; description: string }> = {
  crash: { title: "35 % crash", description: "Volatile assets fall 35 % in even steps over the scenario's duration." },
  "flash-crash": { title: "Flash crash", description: "Volatile assets drop 30 % at once, hold, then recover to where they started." },
  stale: { title: "Stale feed", description: "The first volatile feed stops updating and reports an old timestamp; it recovers at the end." },
  bleed: { title: "Slow bleed", description: "Volatile assets lose 1 % a step, about 26 % over 30 steps." },
};

export interface ScenarioStep {
  /** Price as a fraction of the start price (1 = unchanged). */
  factor: number;
  /** The scenario's stale feed reports an update older than its heartbeat during this step. */
  stale?: boolean;
}

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** The steps of `name`; `steps` sets the length of crash / bleed / stale (flash-crash has its own shape). */
export function scenarioSteps(name: ScenarioName, steps = defaultSteps(name)): ScenarioStep[] {
  const n = Math.max(1, Math.floor(steps));
  switch (name) {
    case "crash":
      return Array.from({ length: n }, (_, i) => ({ factor: 1 - (0.35 * (i + 1)) / n }));
    case "flash-crash":
      return [{ factor: 0.7 }, { factor: 0.7 }, { factor: 0.85 }, { factor: 1 }];
    case "bleed":
      return Array.from({ length: n }, (_, i) => ({ factor: 0.99 ** (i + 1) }));
    case "stale":
      return [...Array.from({ length: Math.max(1, n - 1) }, () => ({ factor: 1, stale: true })), { factor: 1 }];
  }
}

export function defaultSteps(name: ScenarioName): number {
  return name === "bleed" ? 30 : name === "flash-crash" ? 4 : name === "stale" ? 4 : 12;
}

/** `price` (feed units) × `factor`, kept ≥ 1 and exact for factor 1. */
export function applyFactor(price: bigint, factor: number): bigint {
  if (factor === 1) return price;
  const scaled = (price * BigInt(Math.round(factor * 1e9))) / 1_000_000_000n;
  return scaled < 1n ? 1n : scaled;
}

/** Stablecoins (symbol starting with USD) keep their peg through every scenario. */
export const isStable = (symbol: string) => symbol.startsWith("USD");

/** The state of a scenario started from the app (`app/api/simulator`), as the API reports it. */
export interface ScenarioRun {
  scenario: string;
  step: number;
  of: number;
  startedAt: number;
  finishedAt?: number;
  error?: string;
}
