import { http } from "viem";
import { foundry } from "viem/chains";
import { describe, expect, it } from "vitest";
import { createConfig } from "wagmi";
import { chainReader, requireChainReader } from "./chain-reader";

describe("requireChainReader", () => {
  const config = createConfig({ chains: [foundry], transports: { [foundry.id]: http("http://127.0.0.1:1") } });
  it("reads a configured chain as chainReader does", () => {
    expect(requireChainReader(config, foundry.id)).toBeDefined();
    expect(chainReader(config, foundry.id)).toBeDefined();
  });
  it("fails a chain missing from the configuration with a sentence, not a TypeError", () => {
    expect(chainReader(config, 999)).toBeUndefined();
    expect(() => requireChainReader(config, 999)).toThrow("Chain 999 is not in this app's configuration: there is no RPC to read it from");
  });
});
