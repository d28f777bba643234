import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { Providers } from "./providers";

// The baseline for the bundle-size benchmark: a bare page on Keel's stack, loaded as Keel loads it — Next, next-intl
// (precompiled messages), wagmi and TanStack Query on first load, RainbowKit on demand — and nothing of Keel.
export default function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <NextIntlClientProvider>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
