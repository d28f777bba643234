"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";
import { ToastProvider } from "@/components/toaster";
import { WalletUi } from "@/components/wallet-button";
import { KeelConfigContext } from "@/hooks/use-keel-config";
import { useResolveOrphanFlows } from "@/hooks/use-pending-flow";
import type { ChainConfig } from "@/lib/config/chains";
import { createKeelWagmiConfig } from "@/lib/wallet/wagmi-config";

/** Every provider of the app, wired once: configuration, wagmi, TanStack Query; RainbowKit's UI when it is needed. */
export function Providers({ chains, locale, children }: { chains: ChainConfig[]; locale: string; children: ReactNode }) {
  const tg = useTranslations("header.walletGroups");
  // The wallet dialog's headings in the page's language (made once: after a language switch, from the next load on).
  const [wagmiConfig] = useState(() =>
    createKeelWagmiConfig(chains, undefined, { popular: tg("popular"), browser: tg("browser"), local: tg("local") }),
  );
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 1_000, retry: 1, refetchOnWindowFocus: true } } }));
  return (
    <KeelConfigContext.Provider value={chains}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <OrphanFlows />
            {children}
          </ToastProvider>
          <WalletUi initialChain={chains[0]?.id} locale={locale} />
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
