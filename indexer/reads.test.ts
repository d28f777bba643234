import { encodeAbiParameters, encodeEventTopics, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { keelMarketAbi } from "@/contracts-abi";
import { touchedBy } from "./src/reads";

const marketA: Hex = "0x00000000000000000000000000000000000000aa";
const marketB: Hex = "0x00000000000000000000000000000000000000bB";
const who: Hex = "0x0000000000000000000000000000000000000001";

const deposited = (address: Hex, id: bigint) => ({
  address,
  topics: encodeEventTopics({ abi: keelMarketAbi, eventName: "CollateralDeposited", args: { id, caller: who, asset: who } }) as Hex[],
  data: encodeAbiParameters([{ type: "uint256" }], [5n]),
});

describe("a block's touched vaults (indexer/src/reads.ts `touchedBy`)", () => {
  it("names each (market, vault) once and every market with a log, and skips what it cannot decode", () => {
    const interest = {
      address: marketB,
      topics: encodeEventTopics({ abi: keelMarketAbi, eventName: "InterestAccrued" }) as Hex[],
      data: encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }, { type: "uint256" }], [1n, 2n, 3n]),
    };
    const unknown = { address: marketA, topics: [`0x${"12".repeat(32)}`] as Hex[], data: "0x" as Hex };
    const { vaults, markets } = touchedBy([
      deposited(marketA, 7n),
      deposited(marketA, 7n),
      deposited(marketB, 7n),
      deposited(marketA, 9n),
      interest,
      unknown,
    ]);
    expect(vaults).toEqual([
      { market: marketA, id: 7n },
      { market: marketB, id: 7n },
      { market: marketA, id: 9n },
    ]);
    expect(markets).toEqual([marketA, marketB]);
  });
});
