"use client";
import "@rainbow-me/rainbowkit/styles.css";
import { darkTheme, RainbowKitProvider } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";
import { RainbowIconsDecorative } from "@/components/rainbow-icons";
import { ToastProvider } from "@/components/toaster";
import { KeelConfigContext } from "@/hooks/use-keel-config";
import { useResolveOrphanFlows } from "@/hooks/use-pending-flow";
import type { ChainConfig } from "@/lib/config/chains";
import { createKeelWagmiConfig } from "@/lib/wallet/wagmi-config";

/** Every provider of the app, wired once: configuration, wagmi, TanStack Query, RainbowKit. */
/** RainbowKit's own dialogs in the UI's language. */
const RAINBOW_LOCALE = { en: "en-US", es: "es-419", zh: "zh-CN" } as const;

export function Providers({ chains, locale, children }: { chains: ChainConfig[]; locale: string; children: ReactNode }) {
  const [wagmiConfig] = useState(() => createKeelWagmiConfig(chains));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 1_000, retry: 1, refetchOnWindowFocus: true } } }));
  return (
    <KeelConfigContext.Provider value={chains}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <RainbowKitProvider
            theme={darkTheme({ accentColor: "#0ea5e9", accentColorForeground: "#020617", borderRadius: "medium" })}
            initialChain={chains[0]?.id}
            locale={RAINBOW_LOCALE[locale as keyof typeof RAINBOW_LOCALE] ?? "en-US"}
          >
            <ToastProvider>
              <OrphanFlows />
              <RainbowIconsDecorative />
              {children}
            </ToastProvider>
          </RainbowKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </KeelConfigContext.Provider>
  );
}

/** Resolves the transactions a reloaded page left in flight (hooks/use-pending-flow.ts). */
function OrphanFlows() {
  useResolveOrphanFlows();
  return null;
}
