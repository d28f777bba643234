"use client";
import { createContext, useContext } from "react";
import type { ChainConfig } from "@/lib/config/chains";

export const KeelConfigContext = createContext<ChainConfig[] | null>(null);

/** The configured chains and their deployments, as the server read them for this request. */
export function useKeelChains(): ChainConfig[] {
  const chains = useContext(KeelConfigContext);
  if (!chains) throw new Error("useKeelChains must be used inside <Providers>");
  return chains;
}
