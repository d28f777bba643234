import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { failingSinceLastSuccess, readError } from "./query-state";

describe("a read of a dead chain does not flip between its error and 'Reading…'", () => {
  it("keeps the failure while TanStack Query refetches a query that never had data", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let up = false;
    const observer = new QueryObserver(client, {
      queryKey: ["chain"],
      queryFn: async () => {
        if (!up) throw new Error("ECONNREFUSED");
        return 1;
      },
    });
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().status).toBe("error");
    const refetch = observer.refetch();
    const during = observer.getCurrentResult();
    expect(during.status).toBe("pending"); // what the pages read: "Reading…"
    expect(during.error).toBeNull();
    expect(failingSinceLastSuccess(during)).toBe(true); // what they read now: still failing
    expect(readError(during)).toBeInstanceOf(Error);
    await refetch;
    up = true;
    await observer.refetch();
    const after = observer.getCurrentResult();
    expect(failingSinceLastSuccess(after)).toBe(false);
    expect(readError(after)).toBeNull();
    unsubscribe();
    client.clear();
  });
});
