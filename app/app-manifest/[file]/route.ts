import { createTranslator } from "next-intl";
import { LOCALES, isLocale } from "@/i18n/locales";

/**
 * The web app manifest, one per language (`/app-manifest/<locale>.webmanifest`, built once): what a phone needs to add
 * Keel to its home screen, named and described in the reader's language (the pages' own title and description). Each
 * page links its reader's (app/layout.tsx): a browser fetches a manifest without cookies, so it cannot choose by itself.
 */
export const dynamicParams = false;
export const generateStaticParams = () => LOCALES.map((locale) => ({ file: `${locale}.webmanifest` }));

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const locale = (await params).file.replace(/\.webmanifest$/, "");
  if (!isLocale(locale)) return new Response("Not found", { status: 404 });
  const messages = (await import(`@/messages/${locale}.json`)).default;
  const t = createTranslator({ locale, messages, namespace: "meta" });
  const manifest = {
    name: t("title"),
    short_name: "Keel",
    description: t("description"),
    lang: locale,
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#020617",
    theme_color: "#020617",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
  return new Response(JSON.stringify(manifest), { headers: { "content-type": "application/manifest+json" } });
}
