import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import type { Deployment } from "../config/deployment";
import { formatterFor } from "../view/format";
import {
  liquidationsCsv,
  parseRow,
  parseVaultTimeline,
  positionResult,
  timelineRows,
  vaultTimelineCsv,
  type IndexedVault,
  type TimelineWords,
} from "./indexer";
import { INFINITE_HEALTH } from "../engine/health";

/** The timeline's words in `locale`, from the app's own messages (as the vault page's timeline builds them). */
const words = (locale: string, messages: object): TimelineWords => {
  const t = createTranslator({ locale, messages: messages as never, namespace: "charts" as never });
  return { f: formatterFor(locale), kind: (name) => t("event" as never, { name } as never), noPrice: t("timeline.noPrice" as never) };
};

const WETH = "0x00000000000000000000000000000000000000e1";
const USDC = "0x00000000000000000000000000000000000000c1";
const MARKET = "0x00000000000000000000000000000000000000a1";
const d = {
  chainId: 31337,
  deploymentBlock: 0,
  contracts: { oracle: "0x0000000000000000000000000000000000000001" },
  assets: [
    { symbol: "WETH", name: "Wrapped Ether", address: WETH, decimals: 18, feed: "0x0000000000000000000000000000000000000002" },
    { symbol: "USDC", name: "USD Coin", address: USDC, decimals: 6, feed: "0x0000000000000000000000000000000000000003" },
  ],
  markets: [{ address: MARKET, name: "Keel USDC", baseAsset: USDC, collaterals: [WETH], lenderVault: "0x00000000000000000000000000000000000000a2" }],
} as Deployment;

const ev = (o: Record<string, string | number | null>) => ({
  id: "e",
  kind: "CollateralDeposited",
  block: "10",
  timestamp: "1700000000",
  txHash: "0xaa",
  logIndex: 0,
  actor: null,
  asset: null,
  amount: null,
  baseAmount: null,
  price: null,
  detail: null,
  healthBefore: null,
  healthAfter: INFINITE_HEALTH.toString(),
  collateralValueBefore: null,
  collateralValueAfter: "0",
  debtBefore: null,
  debtAfter: "0",
  ...o,
});

describe("lib/indexer", () => {
  it("parses integer fields exactly and refuses a non-integer", () => {
    expect(parseRow<{ debt: bigint; owner: string }>({ debt: "123456789012345678901234567890", owner: "0x1" })).toEqual({
      debt: 123456789012345678901234567890n,
      owner: "0x1",
    });
    expect(() => parseRow({ debt: "1.5" })).toThrow(/debt = "1.5"/);
    expect(() => parseVaultTimeline({})).toThrow(/no events list/);
  });

  it("interest paid and P&L from the running totals", () => {
    const v = {
      repaid: 1_010n,
      badDebt: 0n,
      debt: 0n,
      borrowed: 1_000n,
      withdrawnUsd: 2_000n,
      borrowedUsd: 500n,
      depositedUsd: 1_000n,
      repaidUsd: 505n,
      collateralValue: 0n,
      debtValue: 0n,
    } as IndexedVault;
    expect(positionResult(v)).toEqual({ interestPaid: 10n, realisedPnl: 995n, totalPnl: 995n });
  });

  it("rows and CSV with symbols, exact decimals, infinite health and quoted fields", () => {
    const t = parseVaultTimeline({
      vault: null,
      events: [
        ev({
          id: "a",
          amount: "1500000000000000000",
          asset: WETH,
          price: "3000000000000000000000",
          collateralValueAfter: "4500000000000000000000",
          detail: 'a "quoted", field',
        }),
        ev({
          id: "b",
          kind: "Borrowed",
          block: "11",
          baseAmount: "1000000000",
          healthBefore: INFINITE_HEALTH.toString(),
          healthAfter: "3825000000000000000",
          debtAfter: "1000000000",
        }),
      ],
    });
    const rows = timelineRows(t, d, USDC, words("en", en));
    expect(rows[0]).toMatchObject({ label: "Borrowed", amounts: "1,000 USDC", health: "∞ → 3.83", debt: "1,000 USDC" });
    expect(rows[1]).toMatchObject({ label: "Collateral deposited", amounts: "1.5 WETH", price: "$3,000.00" });
    // In Spanish: the kinds' names, the separators and the currency's place are the reader's.
    const spanish = timelineRows(t, d, USDC, words("es", es));
    expect(spanish[0]).toMatchObject({ label: "Préstamo", amounts: "1000 USDC", health: "∞ → 3,83" });
    expect(spanish[1]).toMatchObject({ label: "Colateral depositado", amounts: "1,5 WETH", price: "3000,00\u00a0US$" });
    const csv = vaultTimelineCsv(t, d, USDC).split("\r\n");
    expect(csv[0]).toMatch(/^block,time_utc,tx,event/);
    expect(csv[1]).toBe('10,2023-11-14T22:13:20.000Z,0xaa,CollateralDeposited,,WETH,1.5,,3000,,inf,,4500,,0,"a ""quoted"", field"');
    expect(csv[2]).toContain(",Borrowed,,,,1000,,inf,3.825,,0,,1000,");
  });

  it("liquidations CSV names the market and assets", () => {
    const csv = liquidationsCsv(
      [
        parseRow({
          id: "x",
          chainId: 31337,
          market: MARKET,
          vaultId: "3",
          liquidator: "0xbb",
          asset: WETH,
          repaid: "2500000000",
          seized: "1000000000000000000",
          discount: "50000000000000000",
          price: "2600000000000000000000",
          block: "20",
          timestamp: "1700000000",
          txHash: "0xcc",
        }),
      ],
      [d],
    );
    expect(csv.split("\r\n")[1]).toBe("31337,Keel USDC,3,20,2023-11-14T22:13:20.000Z,0xcc,0xbb,WETH,1,2500,0.05,2600");
  });
});
