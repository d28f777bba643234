"use client";
import { useEffect } from "react";

/**
 * RainbowKit draws wallet and chain icons as `role="img"` boxes without a name, next to the wallet's or chain's name in
 * text: axe calls them unnamed images (role-img-alt, serious). They are decorative, so they are hidden from assistive
 * technology as they appear.
 */
export function RainbowIconsDecorative() {
  useEffect(() => {
    const mark = () =>
      document.querySelectorAll('[data-rk] [role="img"]:not([aria-label]):not([aria-hidden])').forEach((e) => e.setAttribute("aria-hidden", "true"));
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return null;
}
