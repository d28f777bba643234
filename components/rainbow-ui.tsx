"use client";
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, darkTheme, RainbowKitProvider, useConnectModal } from "@rainbow-me/rainbowkit";
import { useEffect } from "react";
import { createPortal } from "react-dom";
import { RainbowIconsDecorative } from "./rainbow-icons";
import type { WalletButtonProps } from "./wallet-button";

/** A wallet button's box on the page, where RainbowKit's `ConnectButton` is rendered. */
export interface WalletSlot {
  id: number;
  target: HTMLElement;
  props: WalletButtonProps;
}

export interface RainbowUiProps {
  initialChain?: number;
  locale: string;
  slots: WalletSlot[];
  /** Open the connect dialog as soon as it can (a click on a Connect button loaded this module). */
  openRequested: boolean;
  onOpened: () => void;
}

/** RainbowKit's own dialogs in the UI's language. */
const RAINBOW_LOCALE = { en: "en-US", es: "es-419", zh: "zh-CN" } as const;
// In the app's font (app/globals.css --font-sans) rather than RainbowKit's rounded stack: the wallet button's stand-in,
// drawn before RainbowKit loads, then looks up no family the page does not already use (nine names a Linux browser lacks).
const THEME = {
  ...darkTheme({ accentColor: "#0ea5e9", accentColorForeground: "#020617", borderRadius: "medium" }),
  fonts: { body: "var(--font-sans)" },
};

/**
 * RainbowKit's UI, loaded on demand by components/wallet-button.tsx: its provider (theme, dialogs) and a `ConnectButton`
 * in each wallet button's box.
 */
export function RainbowUi({ initialChain, locale, slots, openRequested, onOpened }: RainbowUiProps) {
  return (
    <RainbowKitProvider theme={THEME} initialChain={initialChain} locale={RAINBOW_LOCALE[locale as keyof typeof RAINBOW_LOCALE] ?? "en-US"}>
      <RainbowIconsDecorative />
      <OpenWhenAsked openRequested={openRequested} onOpened={onOpened} />
      {slots.map((s) => createPortal(<ConnectButton {...s.props} />, s.target, String(s.id)))}
    </RainbowKitProvider>
  );
}

/** Opens the connect dialog the click that loaded RainbowKit asked for. */
function OpenWhenAsked({ openRequested, onOpened }: { openRequested: boolean; onOpened: () => void }) {
  const { openConnectModal } = useConnectModal();
  useEffect(() => {
    if (!openRequested || !openConnectModal) return;
    openConnectModal();
    onOpened();
  }, [openRequested, openConnectModal, onOpened]);
  return null;
}
