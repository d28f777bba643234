"use client";
import { NextIntlClientProvider } from "next-intl";
import { useMemo, type ReactNode } from "react";

/**
 * next-intl's client provider, given the messages as one JSON string. Passed as an object, the ~2,000 messages crossed
 * from the server in React's own serialisation: the browser parses that with a reviver called for every key and value
 * (`bench:profile`: React's flight parser was the largest self time of a page's start-up after react-dom). As a string
 * they are one value for React and one `JSON.parse` here.
 */
export function IntlClientProvider({
  locale,
  timeZone,
  messagesJson,
  children,
}: {
  locale: string;
  timeZone: string;
  messagesJson: string;
  children: ReactNode;
}) {
  const messages = useMemo(() => JSON.parse(messagesJson) as Record<string, unknown>, [messagesJson]);
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
