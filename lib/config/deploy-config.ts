import { getAddress, isAddress, parseUnits, type Address } from "viem";
import { WAD, wMulUp } from "../engine/math";
import { MAX_DISCOUNT, MAX_LT } from "../risk-model/bounds";
import { MIN_DISCOUNT } from "../engine/health";

/**
 * The input of `npm run deploy`: what to deploy on a real network, validated before anything is sent.
 * Ratios are decimal strings ("0.8" = 80 %), rates are annual ("0.04" = 4 %/yr), answers and caps are in human units.
 */
export interface DeployConfig {
  chainId: number;
  /** Governance owner of the KeelRiskAdmin, which owns the oracle and every market's risk setters (two-step
   * ownership: the admin must call acceptOwnership; use a multisig). */
  admin: Address;
  /** Delay of every risk change (feeds, collateral, rates, fees), in seconds: the KeelRiskAdmin's one delay. */
  riskDelay: number;
  /** Optional guardian: may pause borrowing in a market and cancel pending changes at once (never move a price). */
  guardian?: Address;
  assets: {
    symbol: string;
    address: Address;
    /** Chainlink AggregatorV3Interface feed pricing the asset in USD. */
    feed: Address;
    heartbeat: number;
    /** Sane bounds of the feed's answer, in USD (converted with the feed's decimals at deploy time). */
    minAnswer: string;
    maxAnswer: string;
  }[];
  markets: {
    name: string;
    symbol: string;
    baseAsset: string;
    rateModel: { baseRate: string; slope1: string; slope2: string; kink: string };
    reserveFactor: string;
    flashFeeBps: number;
    collaterals: { asset: string; ltv: string; liquidationThreshold: string; maxDiscount: string; supplyCap: string }[];
  }[];
  /**
   * Optional swap venue for leverage (KeelLeverageRouter) and the agents: a Uniswap V2 factory on this chain, wrapped
   * by a UniswapV2Adapter the deploy creates. Without it no router is deployed and the app hides Multiply.
   */
  swap?: { uniswapV2Factory: Address };
}

/**
 * The engine's hard bounds (HealthLib's and RiskBoundsLib's constants, which KeelLens serves as public constants;
 * the collateral ones from their TypeScript homes), checked here so a bad config is refused before any transaction.
 * `lib/config/deploy-config.chain.test.ts` proves they equal the deployed lens's constants.
 */
export const ENGINE_BOUNDS = {
  MAX_LT,
  MIN_DISCOUNT,
  MAX_DISCOUNT,
  MAX_RESERVE_FACTOR: parseUnits("0.5", 18),
  MAX_FLASH_FEE_BPS: 100n,
  MAX_BORROW_RATE: (10n * WAD) / 31_536_000n,
  MAX_COLLATERALS: 32n,
} as const;
/** KeelRiskAdmin's bounds of its delay (proven equal to the deployed constants by the same chain test). */
export const RISK_ADMIN_BOUNDS = { MIN_DELAY: 86_400n, MAX_DELAY: 30n * 86_400n } as const;
/** KeelOracle.MAX_HEARTBEAT */
export const MAX_HEARTBEAT = 7 * 86_400;
export const SECONDS_PER_YEAR = 31_536_000n;

export class DeployConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`the deploy config has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n  - ${problems.join("\n  - ")}`);
    this.name = "DeployConfigError";
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a parsed config; throws a DeployConfigError naming every bad field. */
export function parseDeployConfig(raw: unknown): DeployConfig {
  const problems: string[] = [];
  const bad = (field: string, why: string) => problems.push(`${field} ${why}`);
  if (!isObject(raw)) throw new DeployConfigError(["the config must be a JSON object"]);

  const int = (v: unknown, field: string, min: number, max: number): number => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) bad(field, `must be a whole number from ${min} to ${max}`);
    return typeof v === "number" ? v : 0;
  };
  const addr = (v: unknown, field: string): Address => {
    if (typeof v !== "string" || !isAddress(v, { strict: false })) {
      bad(field, "must be an address");
      return "0x0000000000000000000000000000000000000000";
    }
    if (/^0x0{40}$/i.test(v)) bad(field, "must not be the zero address");
    return getAddress(v);
  };
  const str = (v: unknown, field: string): string => {
    if (typeof v !== "string" || v.trim() === "") bad(field, "must be a non-empty string");
    return typeof v === "string" ? v : "";
  };
  /** A decimal string as WAD (18 decimals), or null when malformed. */
  const dec = (v: unknown, field: string, decimals = 18): bigint | null => {
    if (typeof v !== "string" || !/^\d+(\.\d+)?$/.test(v)) {
      bad(field, `must be a decimal number written as a string, like "0.8"`);
      return null;
    }
    if ((v.split(".")[1] ?? "").length > decimals) {
      bad(field, `has more than ${decimals} decimals`);
      return null;
    }
    return parseUnits(v, decimals);
  };
  const list = (v: unknown, field: string): unknown[] => {
    if (!Array.isArray(v) || v.length === 0) bad(field, "must be a non-empty list");
    return Array.isArray(v) ? v : [];
  };

  const chainId = int(raw.chainId, "chainId", 1, Number.MAX_SAFE_INTEGER);
  const admin = addr(raw.admin, "admin");
  const riskDelay = int(raw.riskDelay, "riskDelay", Number(RISK_ADMIN_BOUNDS.MIN_DELAY), Number(RISK_ADMIN_BOUNDS.MAX_DELAY));
  const guardian = raw.guardian === undefined ? undefined : addr(raw.guardian, "guardian");

  const assets = list(raw.assets, "assets").map((a, i) => {
    const o = isObject(a) ? a : {};
    const f = `assets[${i}]`;
    const asset = {
      symbol: str(o.symbol, `${f}.symbol`),
      address: addr(o.address, `${f}.address`),
      feed: addr(o.feed, `${f}.feed`),
      heartbeat: int(o.heartbeat, `${f}.heartbeat`, 1, MAX_HEARTBEAT),
      minAnswer: typeof o.minAnswer === "string" ? o.minAnswer : "",
      maxAnswer: typeof o.maxAnswer === "string" ? o.maxAnswer : "",
    };
    const min = dec(o.minAnswer, `${f}.minAnswer`);
    const max = dec(o.maxAnswer, `${f}.maxAnswer`);
    if (min !== null && min === 0n) bad(`${f}.minAnswer`, "must be above zero");
    if (min !== null && max !== null && max <= min) bad(`${f}.maxAnswer`, "must be above minAnswer");
    return asset;
  });
  const seenSymbols = new Set<string>();
  const seenAddresses = new Set<string>();
  assets.forEach((a, i) => {
    if (a.symbol && seenSymbols.has(a.symbol)) bad(`assets[${i}].symbol`, `"${a.symbol}" is listed twice`);
    if (seenAddresses.has(a.address)) bad(`assets[${i}].address`, "is listed twice");
    seenSymbols.add(a.symbol);
    seenAddresses.add(a.address);
  });

  const markets = list(raw.markets, "markets").map((m, i) => {
    const o = isObject(m) ? m : {};
    const f = `markets[${i}]`;
    const baseAsset = str(o.baseAsset, `${f}.baseAsset`);
    if (baseAsset && !seenSymbols.has(baseAsset)) bad(`${f}.baseAsset`, `"${baseAsset}" is not one of assets[].symbol`);
    if (o.riskDelay !== undefined) bad(`${f}.riskDelay`, "is no longer per market: set the top-level riskDelay (one delay for every risk change)");
    const rm = isObject(o.rateModel) ? o.rateModel : {};
    if (!isObject(o.rateModel)) bad(`${f}.rateModel`, "must be an object { baseRate, slope1, slope2, kink }");
    const rates = (["baseRate", "slope1", "slope2"] as const).map((k) => dec(rm[k], `${f}.rateModel.${k}`));
    if (rates.every((r) => r !== null)) {
      const maxPerSecond = rates.reduce((s, r) => s + r! / SECONDS_PER_YEAR, 0n);
      if (maxPerSecond > ENGINE_BOUNDS.MAX_BORROW_RATE) bad(`${f}.rateModel`, "baseRate + slope1 + slope2 must be at most 10 (1000 %/yr)");
    }
    const kink = dec(rm.kink, `${f}.rateModel.kink`);
    if (kink !== null && (kink === 0n || kink >= WAD)) bad(`${f}.rateModel.kink`, "must be between 0 and 1, exclusive");
    const rf = dec(o.reserveFactor, `${f}.reserveFactor`);
    if (rf !== null && rf > ENGINE_BOUNDS.MAX_RESERVE_FACTOR) bad(`${f}.reserveFactor`, "must be at most 0.5");
    const flashFeeBps = int(o.flashFeeBps, `${f}.flashFeeBps`, 0, Number(ENGINE_BOUNDS.MAX_FLASH_FEE_BPS));
    const collaterals = list(o.collaterals, `${f}.collaterals`).map((c, j) => {
      const co = isObject(c) ? c : {};
      const g = `${f}.collaterals[${j}]`;
      const asset = str(co.asset, `${g}.asset`);
      if (asset && !seenSymbols.has(asset)) bad(`${g}.asset`, `"${asset}" is not one of assets[].symbol`);
      if (asset && asset === baseAsset) bad(`${g}.asset`, "cannot be the market's own base asset");
      const ltv = dec(co.ltv, `${g}.ltv`);
      const lt = dec(co.liquidationThreshold, `${g}.liquidationThreshold`);
      const md = dec(co.maxDiscount, `${g}.maxDiscount`);
      if (lt !== null && lt > ENGINE_BOUNDS.MAX_LT) bad(`${g}.liquidationThreshold`, "must be at most 0.95");
      if (ltv !== null && lt !== null && ltv >= lt) bad(`${g}.ltv`, "must be below liquidationThreshold");
      if (md !== null && (md < ENGINE_BOUNDS.MIN_DISCOUNT || md > ENGINE_BOUNDS.MAX_DISCOUNT)) bad(`${g}.maxDiscount`, "must be from 0.01 to 0.25");
      // RiskBoundsLib.validateCollateral: (1 + maxDiscount) × LT < 1, rounded up as on chain.
      if (md !== null && lt !== null && wMulUp(WAD + md, lt) >= WAD)
        bad(`${g}.maxDiscount`, "× liquidationThreshold: (1 + maxDiscount) × liquidationThreshold must be below 1");
      dec(co.supplyCap, `${g}.supplyCap`, 36);
      return {
        asset,
        ltv: String(co.ltv ?? ""),
        liquidationThreshold: String(co.liquidationThreshold ?? ""),
        maxDiscount: String(co.maxDiscount ?? ""),
        supplyCap: String(co.supplyCap ?? ""),
      };
    });
    if (collaterals.length > Number(ENGINE_BOUNDS.MAX_COLLATERALS)) bad(`${f}.collaterals`, "has more than 32 entries");
    const seen = new Set<string>();
    collaterals.forEach((c, j) => {
      if (seen.has(c.asset)) bad(`${f}.collaterals[${j}].asset`, `"${c.asset}" is listed twice`);
      seen.add(c.asset);
    });
    return {
      name: str(o.name, `${f}.name`),
      symbol: str(o.symbol, `${f}.symbol`),
      baseAsset,
      rateModel: {
        baseRate: String(rm.baseRate ?? ""),
        slope1: String(rm.slope1 ?? ""),
        slope2: String(rm.slope2 ?? ""),
        kink: String(rm.kink ?? ""),
      },
      reserveFactor: String(o.reserveFactor ?? ""),
      flashFeeBps,
      collaterals,
    };
  });

  let swap: DeployConfig["swap"];
  if (raw.swap !== undefined) {
    const o = isObject(raw.swap) ? raw.swap : {};
    if (!isObject(raw.swap)) bad("swap", "must be an object");
    swap = { uniswapV2Factory: addr(o.uniswapV2Factory, "swap.uniswapV2Factory") };
  }

  if (problems.length) throw new DeployConfigError(problems);
  return { chainId, admin, riskDelay, ...(guardian ? { guardian } : {}), assets, markets, ...(swap ? { swap } : {}) };
}
