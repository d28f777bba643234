import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Header } from "@/components/header";
import { NetworkBanner } from "@/components/network-banner";
import { Providers } from "@/components/providers";
import { loadChainConfigs } from "@/lib/server/config";
import "./globals.css";

export const metadata: Metadata = {
  title: "Keel — position manager",
  description: "Non-custodial vaults, borrowing and leverage, with the distance to liquidation always in view.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Chains and deployments are read per request, so one build points at any chain by configuration.
  await connection();
  let chains;
  try {
    chains = loadChainConfigs();
  } catch (e) {
    return (
      <html lang="en">
        <body className="min-h-screen p-8">
          <h1 className="text-xl font-semibold">Keel is not configured correctly</h1>
          <p className="mt-2 text-rose-300">{(e as Error).message}</p>
          <p className="mt-2 text-sm text-slate-400">See “Configuration” in the README.</p>
        </body>
      </html>
    );
  }
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers chains={chains}>
          <Header />
          <NetworkBanner />
          <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
