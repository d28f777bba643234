/** A valid deploy config for tests (addresses are placeholders). */
export const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
export const validConfig = () => ({
  chainId: 11155111,
  admin: A(1),
  riskDelay: 86400,
  assets: [
    { symbol: "WETH", address: A(2), feed: A(3), heartbeat: 3600, minAnswer: "100", maxAnswer: "100000" },
    { symbol: "USDC", address: A(4), feed: A(5), heartbeat: 86400, minAnswer: "0.5", maxAnswer: "2" },
  ],
  markets: [
    {
      name: "Keel USDC",
      symbol: "kUSDC",
      baseAsset: "USDC",
      rateModel: { baseRate: "0", slope1: "0.04", slope2: "0.75", kink: "0.8" },
      reserveFactor: "0.1",
      flashFeeBps: 5,
      collaterals: [{ asset: "WETH", ltv: "0.8", liquidationThreshold: "0.85", maxDiscount: "0.1", supplyCap: "10000" }],
    },
  ],
});
