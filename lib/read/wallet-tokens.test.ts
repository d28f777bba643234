import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { walletTokensAnswer, walletTokensByToken, type WalletToken } from "./wallet-tokens";

describe("the wallet's tokens keep their object while nothing changed", () => {
  it("a refetch with the same balances gives the readers the same Map; a changed balance a new one", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let balance = 5n;
    // Every fetch builds new rows, as each block's refetch does.
    const observer = new QueryObserver(client, {
      queryKey: ["wallet"],
      queryFn: async () =>
        walletTokensAnswer([
          ["0xAbC0000000000000000000000000000000000001", { balance, allowance: 0n } satisfies WalletToken],
          ["0xdef0000000000000000000000000000000000002", { balance: 1n, allowance: 2n }],
        ]),
      select: walletTokensByToken,
    });
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().status).toBe("success");
    const first = observer.getCurrentResult().data!;
    expect(first.get("0xabc0000000000000000000000000000000000001")).toEqual({ balance: 5n, allowance: 0n });
    await observer.refetch();
    expect(observer.getCurrentResult().data).toBe(first);
    balance = 6n;
    await observer.refetch();
    const changed = observer.getCurrentResult().data!;
    expect(changed).not.toBe(first);
    expect(changed.get("0xabc0000000000000000000000000000000000001")?.balance).toBe(6n);
    // The unchanged token's entry is still the object the readers had.
    expect(changed.get("0xdef0000000000000000000000000000000000002")).toBe(first.get("0xdef0000000000000000000000000000000000002"));
    unsubscribe();
    client.clear();
  });
});
