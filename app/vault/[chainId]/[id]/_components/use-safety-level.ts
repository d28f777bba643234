"use client";
import { useCallback, useSyncExternalStore } from "react";
import { parseAmountText } from "@/lib/view/amount";
import { WAD } from "@/lib/engine/math";
import { useFormat } from "@/hooks/use-format";

const KEY = "keel.safetyHealth";
export const DEFAULT_SAFETY = "1.5";

const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

/**
 * The health factor the user wants to keep (their safety buffer), remembered in this browser: Max stays at or above
 * it, and the page warns below it. Text as typed, and its WAD value when valid (≥ 1; else the default).
 */
export function useSafetyLevel(): { text: string; value: bigint; valid: boolean; set(text: string): void } {
  const f = useFormat();
  const shownDefault = f.decimalText(DEFAULT_SAFETY); // "1,5" in Spanish
  const text = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(KEY) ?? shownDefault,
    () => shownDefault,
  );
  const set = useCallback((t: string) => {
    localStorage.setItem(KEY, t);
    listeners.forEach((fn) => fn());
  }, []);
  const parsed = parseAmountText(text, 18, { decimal: f.decimalSeparator });
  const valid = parsed.ok && parsed.value >= WAD && parsed.value <= 100n * WAD;
  const fallback = parseAmountText(DEFAULT_SAFETY, 18);
  return { text, value: valid && parsed.ok ? parsed.value : fallback.ok ? fallback.value : WAD, valid, set };
}
