"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { createConfig, http, injected, WagmiProvider } from "wagmi";
import { foundry } from "wagmi/chains";

/**
 * wagmi and TanStack Query as a bare app wires them. RainbowKit's main module is not loaded on first render — as in
 * Keel (components/wallet-button.tsx): the connect button loads it on demand (./page.tsx) — so the benchmark compares
 * the same first load.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [config] = useState(() =>
    createConfig({
      chains: [foundry],
      connectors: [injected()],
      transports: { [foundry.id]: http() },
      ssr: true,
    }),
  );
  const [client] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </WagmiProvider>
  );
}
