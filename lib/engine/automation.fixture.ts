import type { GuardSnapshot } from "./automation";
import { WAD } from "./math";

/**
 * The forge tests' vault as the guard sees it: 10 WETH at `price` USD against `debt` USDC (6 decimals), LT 0.85,
 * values in USD WAD. Shared by the automation and automation-warnings tests.
 */
export function guardVault(price = 3000, debt = 20_000n * 10n ** 6n): GuardSnapshot {
  const colPrice = BigInt(price) * WAD;
  const collateral = 10n * WAD;
  const collateralValue = (collateral * colPrice) / WAD;
  return {
    owner: "0x00000000000000000000000000000000000000a1",
    mayWithdraw: true,
    mayBorrow: true,
    collateral,
    debt,
    colPrice,
    debtPrice: WAD,
    colScale: WAD,
    debtScale: 10n ** 6n,
    lt: 85n * 10n ** 16n,
    collateralValue,
    liqValue: (collateralValue * 85n) / 100n,
    debtValue: debt * 10n ** 12n,
    flashFeeBps: 5n,
  };
}
