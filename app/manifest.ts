import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): what a phone needs to add Keel to its home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Keel — position manager",
    short_name: "Keel",
    description: "Non-custodial vaults, borrowing and leverage, with the distance to liquidation always in view.",
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
}
