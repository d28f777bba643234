"use client";
import { HydrationBoundary, QueryClient, dehydrate, type QueryKey } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/** A read the server made for the page: the query it answers, its data and when it was read (ms since epoch). */
export interface ServerRead {
  queryKey: QueryKey;
  data: unknown;
  at: number;
}

/**
 * Puts the server's reads into the page's query cache before its components render (TanStack Query's hydration: a
 * query the cache lacks is filled during render, one it holds older data for is updated after), so they render with
 * the data on the server and in the browser and read it again only when it goes stale.
 */
export function SeedQueries({ reads, children }: { reads: ServerRead[]; children: ReactNode }) {
  const [state] = useState(() => {
    const client = new QueryClient();
    for (const r of reads) client.setQueryData(r.queryKey, r.data, { updatedAt: r.at });
    return dehydrate(client);
  });
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
