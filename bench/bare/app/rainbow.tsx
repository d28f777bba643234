"use client";
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, RainbowKitProvider } from "@rainbow-me/rainbowkit";

/** RainbowKit's provider and button, loaded when the visitor reaches for Connect (./page.tsx). */
export default function Rainbow() {
  return (
    <RainbowKitProvider>
      <ConnectButton />
    </RainbowKitProvider>
  );
}
