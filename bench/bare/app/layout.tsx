import type { ReactNode } from "react";
import { Providers } from "./providers";

// The baseline for the bundle-size benchmark: a bare Next + wagmi page that loads RainbowKit on demand (as Keel does), nothing of Keel.
export default function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
