import type { Metadata, Viewport } from "next";
import { getLocale, getMessages, getTimeZone, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Header } from "@/components/header";
import { IntlClientProvider } from "@/components/intl-provider";
import { NetworkBanner } from "@/components/network-banner";
import { Providers } from "@/components/providers";
import { loadChainConfigs } from "@/lib/server/config";
import localFont from "next/font/local";
import "./globals.css";

/**
 * The app's own fonts, Geist and Geist Mono, cut to the UI's characters and weights (scripts/make-fonts.ts, 24–25 KB
 * each), preloaded and in memory before the first layout: a system font's first use is a synchronous call to the font
 * service on Linux, which waits behind the scripts' compilation while a page loads (docs/performance.md). The weight
 * range is lib/view/fonts.ts's FONT_WEIGHTS (next/font takes literals only; lib/view/fonts.test.ts compares them).
 */
const geist = localFont({ src: "./fonts/geist-sans.woff2", weight: "400 700", variable: "--font-geist" });
// Mono's fallback is the system's monospace stack, not next/font's metric-adjusted Arial (a proportional face).
const geistMono = localFont({ src: "./fonts/geist-mono.woff2", weight: "400 700", variable: "--font-geist-mono", adjustFontFallback: false });

/** Where the app is served, for the absolute URLs of the social preview (NEXT_PUBLIC_SITE_URL; localhost by default). */
const siteUrl = new URL(process.env.NEXT_PUBLIC_SITE_URL ?? "http://localhost:3000");

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  const title = t("title");
  const description = t("description");
  const image = { url: "/og.png", width: 1200, height: 630, alt: t("imageAlt") };
  return {
    metadataBase: siteUrl,
    title,
    description,
    applicationName: "Keel",
    // The manifest in the reader's language (app/app-manifest/[file]/route.ts).
    manifest: `/app-manifest/${await getLocale()}.webmanifest`,
    appleWebApp: { capable: true, title: "Keel", statusBarStyle: "black-translucent" },
    icons: {
      icon: [
        { url: "/icon.svg", type: "image/svg+xml" },
        { url: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      ],
      apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
    },
    openGraph: { type: "website", siteName: "Keel", title, description, images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

/**
 * The messages as the JSON string the client provider takes (components/intl-provider.tsx), written once per language:
 * i18n/request.ts hands every request of a language the same imported object.
 */
const messagesJsonOf = new WeakMap<object, string>();
function messagesText(messages: object): string {
  let text = messagesJsonOf.get(messages);
  if (text === undefined) messagesJsonOf.set(messages, (text = JSON.stringify(messages)));
  return text;
}

export const viewport: Viewport = { themeColor: "#020617", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Chains and deployments are read per request, so one build points at any chain by configuration.
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("layout");
  // A configuration that cannot work (no chain, a bad RPC URL) throws before anything is sent: the server answers 500
  // with app/global-error.tsx and logs the reason — the page never shows a server's paths or settings to a visitor.
  const chains = loadChainConfigs();
  const messagesJson = messagesText(await getMessages());
  const timeZone = await getTimeZone();
  return (
    <html lang={locale} className={`${geist.variable} ${geistMono.variable}`}>
      <body className="min-h-screen">
        <IntlClientProvider locale={locale} timeZone={timeZone} messagesJson={messagesJson}>
          <Providers chains={chains} locale={locale}>
            <a
              href="#main"
              className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-sky-500 focus:px-3 focus:py-2 focus:text-slate-950"
            >
              {t("skip")}
            </a>
            <Header />
            <NetworkBanner />
            <main id="main" className="mx-auto max-w-6xl px-4 py-6 md:py-8">
              {children}
            </main>
          </Providers>
        </IntlClientProvider>
      </body>
    </html>
  );
}
