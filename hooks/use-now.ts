"use client";
import { useEffect, useState } from "react";

/** Wall-clock seconds, ticking every `everyMs`, for ages that count up on screen. */
export function useNowSeconds(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
