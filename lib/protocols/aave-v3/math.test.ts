import { calculateHealthFactorFromBalances, getCompoundedBalance, getLinearBalance } from "@aave/math-utils";
import { generateRawUserSummary } from "@aave/math-utils/dist/esm/formatters/user/generate-raw-user-summary.js";
import fc from "fast-check";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { describeAaveError } from "./errors";
import {
  accountData,
  availableBorrowsBase,
  borrowBlocker,
  borrowed,
  isolationCollateral,
  liquidationPrices,
  maxBorrow,
  maxWithdraw,
  normalizedIncome,
  supplied,
  type AaveAccountState,
  type AaveReserve,
} from "./math";
import { WAD } from "../../engine/math";

const RAY = 10n ** 27n;
const T = 1_700_000_000n;
const ZERO = "0x0000000000000000000000000000000000000000" as Address;
const addr = (i: number) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address;

const reserveArb = (i: number) =>
  fc
    .record({
      decimals: fc.constantFrom(6, 8, 18),
      price: fc.bigInt({ min: 10n ** 5n, max: 10n ** 13n }),
      lt: fc.integer({ min: 5000, max: 9500 }),
      ltvGap: fc.integer({ min: 0, max: 1500 }),
      zeroLtv: fc.boolean(),
      liquidityIndex: fc.bigInt({ min: RAY, max: 2n * RAY }),
      variableBorrowIndex: fc.bigInt({ min: RAY, max: 3n * RAY }),
      liquidityRate: fc.bigInt({ min: 0n, max: RAY / 4n }),
      variableBorrowRate: fc.bigInt({ min: 0n, max: RAY }),
      elapsed: fc.bigInt({ min: 0n, max: 400n * 86_400n }),
      eMode: fc.constantFrom(0, 0, 1),
      scaledSupply: fc.bigInt({ min: 0n, max: 10n ** 24n }),
      collateralOn: fc.boolean(),
      scaledDebt: fc.bigInt({ min: 0n, max: 10n ** 23n }),
    })
    .map((x) => {
      const unit = 10n ** BigInt(x.decimals);
      const reserve: AaveReserve = {
        token: { address: addr(i), symbol: `T${i}`, decimals: x.decimals },
        aToken: ZERO,
        variableDebtToken: ZERO,
        stableDebtToken: ZERO,
        price: x.price,
        ltv: x.zeroLtv ? 0n : BigInt(Math.max(0, x.lt - x.ltvGap - 1)),
        liquidationThreshold: BigInt(x.lt),
        liquidationBonus: 10500n,
        reserveFactor: 1000n,
        usageAsCollateralEnabled: true,
        borrowingEnabled: true,
        isActive: true,
        isFrozen: false,
        isPaused: false,
        isSiloedBorrowing: false,
        borrowableInIsolation: false,
        liquidityIndex: x.liquidityIndex,
        variableBorrowIndex: x.variableBorrowIndex,
        liquidityRate: x.liquidityRate,
        variableBorrowRate: x.variableBorrowRate,
        lastUpdateTimestamp: T - x.elapsed,
        availableLiquidity: 10n ** 9n * unit,
        totalScaledVariableDebt: 0n,
        totalPrincipalStableDebt: 0n,
        averageStableRate: 0n,
        stableDebtLastUpdateTimestamp: 0n,
        borrowCap: 0n,
        supplyCap: 0n,
        debtCeiling: 0n,
        isolationModeTotalDebt: 0n,
        eModeCategoryId: x.eMode,
        eModeLtv: 9300n,
        eModeLiquidationThreshold: 9500n,
        eModePriceSource: ZERO,
      };
      // Balances are drawn in whole-token-ish magnitudes so every decimals gets sizeable positions.
      const scale = (v: bigint) => (v * unit) / WAD;
      return {
        reserve,
        user: {
          scaledATokenBalance: scale(x.scaledSupply),
          usageAsCollateralEnabledOnUser: x.collateralOn && x.scaledSupply > 0n,
          scaledVariableDebt: scale(x.scaledDebt),
          principalStableDebt: 0n,
          stableBorrowRate: 0n,
          stableBorrowLastUpdateTimestamp: 0n,
        },
      };
    });

const stateArb = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 0, 1))
  .chain(([n, eMode]) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => reserveArb(i))), fc.constant(eMode)))
  .map(([rs, eMode]): AaveAccountState => ({
    chainId: 1,
    pool: ZERO,
    owner: ZERO,
    timestamp: T,
    reserves: rs.map((r) => r.reserve),
    user: rs.map((r) => r.user),
    // A user may be in e-mode only while every borrowed asset is in the category.
    eModeCategory: eMode === 1 && rs.every((r) => r.user.scaledVariableDebt === 0n || r.reserve.eModeCategoryId === 1) ? 1 : 0,
    baseCurrency: { symbol: "USD", decimals: 8 },
  }));

describe("Aave v3 adapter math equals @aave/math-utils", () => {
  it("balances: supplied (linear interest) and borrowed (compounded) equal math-utils' within its rounding", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        s.reserves.forEach((r, i) => {
          const u = s.user[i]!;
          const lin = BigInt(
            getLinearBalance({
              balance: u.scaledATokenBalance.toString(),
              index: r.liquidityIndex.toString(),
              rate: r.liquidityRate.toString(),
              lastUpdateTimestamp: Number(r.lastUpdateTimestamp),
              currentTimestamp: Number(T),
            }).toFixed(0),
          );
          const ours = supplied(s, i);
          expect(abs(ours - lin) <= 1n + ours / 10n ** 20n).toBe(true);
          const comp = BigInt(
            getCompoundedBalance({
              principalBalance: u.scaledVariableDebt.toString(),
              reserveIndex: r.variableBorrowIndex.toString(),
              reserveRate: r.variableBorrowRate.toString(),
              lastUpdateTimestamp: Number(r.lastUpdateTimestamp),
              currentTimestamp: Number(T),
            }).toFixed(0),
          );
          const debt = borrowed(s, i);
          // math-utils' binomial expansion is not the pool's (MathUtils.calculateCompoundedInterest): they part by up to
          // 2.4e-6 relatively at 100 %/yr left unaccrued for 400 days, by 1e-13 for a day at 3 %. The chain test shows
          // ours equals the pool exactly.
          expect(abs(debt - comp) <= 2n + debt / 10n ** 5n).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("account totals, average LTV and LT, health factor and available borrows equal generateRawUserSummary's", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const d = accountData(s);
        const unit = (r: AaveReserve) => 10n ** BigInt(r.token.decimals);
        // Aave 3.0 (the pool here) gives a zero-LTV asset no borrowing power even in e-mode; math-utils models 3.2's
        // per-category "LTV zero" flag, set accordingly.
        const userReserves = s.reserves.map((r, i) => {
          const u = s.user[i]!;
          const collateralBase = (supplied(s, i) * r.price) / unit(r);
          const debtBase = (r.price * borrowed(s, i)) / unit(r);
          return {
            underlyingBalanceMarketReferenceCurrency: collateralBase.toString(),
            variableBorrowsMarketReferenceCurrency: debtBase.toString(),
            userReserve: {
              usageAsCollateralEnabledOnUser: u.usageAsCollateralEnabledOnUser,
              reserve: {
                reserveLiquidationThreshold: r.liquidationThreshold.toString(),
                baseLTVasCollateral: r.ltv.toString(),
                debtCeiling: "0",
                eModes:
                  r.eModeCategoryId === 0
                    ? []
                    : [
                        {
                          id: r.eModeCategoryId,
                          collateralEnabled: true,
                          ltvzeroEnabled: r.ltv === 0n,
                          eMode: { ltv: r.eModeLtv.toString(), liquidationThreshold: r.eModeLiquidationThreshold.toString() },
                        },
                      ],
              },
            },
          };
        });
        const sdk = generateRawUserSummary({
          userReserves: userReserves as never,
          marketReferencePriceInUsd: "100000000",
          marketReferenceCurrencyDecimals: 8,
          userEmodeCategoryId: s.eModeCategory,
        });
        expect(d.totalCollateralBase.toString()).toBe(sdk.totalCollateralMarketReferenceCurrency.toFixed(0));
        expect(d.totalDebtBase.toString()).toBe(sdk.totalBorrowsMarketReferenceCurrency.toFixed(0));
        // The pool counts zero-LTV collateral in the LTV average's denominator as math-utils does.
        expect(d.ltv.toString()).toBe(sdk.currentLoanToValue.integerValue(1).toFixed(0));
        expect(d.liquidationThreshold.toString()).toBe(sdk.currentLiquidationThreshold.integerValue(1).toFixed(0));
        if (d.totalDebtBase > 0n) {
          // Ours rounds as the pool (average LT floored, percentMul and wadDiv half up); math-utils in decimals with the
          // unrounded average LT (its summary's own healthFactor works on zero-decimal numbers, so it is recomputed
          // from its totals with its calculateHealthFactorFromBalances).
          const theirs = calculateHealthFactorFromBalances({
            collateralBalanceMarketReferenceCurrency: sdk.totalCollateralMarketReferenceCurrency.toFixed(),
            borrowBalanceMarketReferenceCurrency: sdk.totalBorrowsMarketReferenceCurrency.toFixed(),
            currentLiquidationThreshold: sdk.currentLiquidationThreshold.toFixed(),
          }).toNumber();
          const ours = Number(d.healthFactor) / 1e18;
          expect(
            Math.abs(ours - theirs) <=
              1e-12 * theirs + 1 / Number(d.totalDebtBase) + (1e-4 / Number(d.totalDebtBase)) * Number(d.totalCollateralBase) + 1e-18,
            `hf ${ours} vs ${theirs}`,
          ).toBe(true);
        }
        const available = BigInt(sdk.availableBorrowsMarketReferenceCurrency.integerValue(1).toFixed(0));
        // The pool floors the average LTV to whole bps; math-utils keeps its fraction (< 1 bps of the collateral).
        expect(
          abs(availableBorrowsBase(d) - available) <= 1n + d.totalCollateralBase / 10_000n,
          `available ${availableBorrowsBase(d)} vs ${available}`,
        ).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("max borrow is the largest amount validateBorrow's LTV rule accepts, and worth at most math-utils' available borrows", () => {
    fc.assert(
      fc.property(stateArb, fc.nat(3), (s, k) => {
        const r = s.reserves[k % s.reserves.length]!;
        const d = accountData(s);
        const b = maxBorrow(s, r.token.address);
        const unit = 10n ** BigInt(r.token.decimals);
        const ltvOk = (x: bigint) => ((d.totalDebtBase + (r.price * x) / unit) * 10_000n + d.ltv / 2n) / d.ltv <= d.totalCollateralBase;
        if (b > 0n) {
          expect(ltvOk(b)).toBe(true);
          expect(ltvOk(b + 1n) && b + 1n <= r.availableLiquidity).toBe(false);
          expect((r.price * b) / unit <= availableBorrowsBase(d) + 1n).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("max withdraw leaves the health factor at or above 1, and one unit more would not", () => {
    fc.assert(
      fc.property(stateArb, fc.nat(3), (s, k) => {
        const i = k % s.reserves.length;
        const r = s.reserves[i]!;
        const u = s.user[i]!;
        const balance = supplied(s, i);
        const w = maxWithdraw(s, r.token.address);
        expect(w <= balance).toBe(true);
        const borrowing = s.user.some((x) => x.scaledVariableDebt > 0n);
        if (!borrowing || !u.usageAsCollateralEnabledOnUser) {
          expect(w).toBe(balance < r.availableLiquidity ? balance : r.availableLiquidity);
          return;
        }
        // The pool's check after burning rayDiv(x, index) scaled aTokens (the asset leaves the collateral set when
        // everything goes): health factor ≥ 1 and no zero-LTV collateral left unless this asset has zero LTV.
        const index = normalizedIncome(r, s.timestamp);
        const after = (x: bigint) => {
          const burn = (x * RAY + index / 2n) / index;
          if (burn === 0n || burn > u.scaledATokenBalance) return false;
          const d = accountData(s, {
            scaledATokenBalance: new Map([[i, u.scaledATokenBalance - burn]]),
            collateralOff: x === balance ? new Set([i]) : undefined,
          });
          return d.healthFactor >= WAD && (!d.hasZeroLtvCollateral || r.ltv === 0n);
        };
        if (w > 0n) expect(after(w)).toBe(true);
        if (w < balance && w < r.availableLiquidity) expect(after(w + 1n)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("liquidation prices are exact boundaries of the health factor", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const lp = liquidationPrices(s);
        const hfAt = (asset: Address, p: bigint) => {
          const i = s.reserves.findIndex((r) => r.token.address === asset);
          return accountData(s, { prices: new Map([[i, p]]) }).healthFactor;
        };
        for (const c of lp.collaterals) {
          if (c.price === null) continue;
          expect(hfAt(c.token.address, c.price) < WAD).toBe(true);
          expect(hfAt(c.token.address, c.price + 1n) >= WAD).toBe(true);
        }
        for (const x of lp.debts) {
          if (x.price === null) continue;
          expect(hfAt(x.token.address, x.price) < WAD).toBe(true);
          expect(hfAt(x.token.address, x.price - 1n) >= WAD).toBe(true);
        }
        expect(isolationCollateral(s)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

function abs(x: bigint) {
  return x < 0n ? -x : x;
}

describe("Aave v3 adapter: isolation, e-mode and paused reserves", () => {
  const base = (): AaveAccountState => {
    const [s] = fc.sample(
      stateArb.filter((x) => x.reserves.length >= 2),
      { numRuns: 1, seed: 3 },
    );
    const st = structuredClone(s!);
    st.eModeCategory = 0;
    st.reserves.forEach((r, i) => {
      r.price = 10n ** 8n;
      r.eModeCategoryId = 0;
      r.ltv = 8000n;
      r.liquidationThreshold = 8500n;
      r.token.decimals = 6;
      r.availableLiquidity = 10n ** 15n;
      st.user[i] = { ...st.user[i]!, scaledATokenBalance: 0n, usageAsCollateralEnabledOnUser: false, scaledVariableDebt: 0n };
      r.liquidityIndex = RAY;
      r.variableBorrowIndex = RAY;
      r.liquidityRate = 0n;
      r.variableBorrowRate = 0n;
    });
    // 10,000 units of reserve 0 supplied as the only collateral.
    st.user[0] = { ...st.user[0]!, scaledATokenBalance: 10_000n * 10n ** 6n, usageAsCollateralEnabledOnUser: true };
    return st;
  };

  it("an isolated collateral borrows only assets allowed in isolation, up to the debt ceiling (2 decimals)", () => {
    const s = base();
    s.reserves[0]!.debtCeiling = 1_000_00n; // $1,000.00
    s.reserves[0]!.isolationModeTotalDebt = 400_00n;
    const asset = s.reserves[1]!.token.address;
    expect(isolationCollateral(s)).toBe(0);
    expect(borrowBlocker(s, asset)).toBe("ASSET_NOT_BORROWABLE_IN_ISOLATION");
    expect(maxBorrow(s, asset)).toBe(0n);
    s.reserves[1]!.borrowableInIsolation = true;
    // $600.00 of ceiling left: 600.009999 still counts as 600.00 (amount ÷ 10^(6 − 2), rounded down).
    expect(maxBorrow(s, asset)).toBe(600_009_999n);
  });

  it("in e-mode only assets of the category can be borrowed", () => {
    const s = base();
    s.eModeCategory = 1;
    s.reserves[0]!.eModeCategoryId = 1;
    expect(borrowBlocker(s, s.reserves[1]!.token.address)).toBe("INCONSISTENT_EMODE_CATEGORY");
    expect(maxBorrow(s, s.reserves[1]!.token.address)).toBe(0n);
    s.reserves[1]!.eModeCategoryId = 1;
    // E-mode LTV 93 %: $9,300 of the $10,000 collateral.
    expect(maxBorrow(s, s.reserves[1]!.token.address)).toBe(9_300_000_000n);
  });

  it("a paused reserve refuses borrow and withdraw, in words", () => {
    const s = base();
    s.reserves[0]!.isPaused = true;
    expect(maxWithdraw(s, s.reserves[0]!.token.address)).toBe(0n);
    s.reserves[1]!.isPaused = true;
    expect(borrowBlocker(s, s.reserves[1]!.token.address)).toBe("RESERVE_PAUSED");
    expect(describeAaveError("RESERVE_PAUSED")).toMatch(/paused/);
    expect(
      describeAaveError(
        "0x08c379a0" +
          "0000000000000000000000000000000000000000000000000000000000000020" +
          "0000000000000000000000000000000000000000000000000000000000000002" +
          "3336000000000000000000000000000000000000000000000000000000000000",
      ),
    ).toBe("Your collateral does not cover this borrow at Aave's loan-to-value limit.");
  });
});
