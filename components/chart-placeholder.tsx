"use client";
import { startTransition, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { PanelBoundary } from "./panel-boundary";

/**
 * The box a chart takes while its code loads (a chart loaded after the page is interactive, `next/dynamic`, so the
 * figures above it show first): the box keeps the layout from jumping.
 */
export function ChartPlaceholder({ height = "h-72" }: { height?: string }) {
  return <div className={`${height} rounded-xl border border-slate-800 bg-slate-900/40`} aria-hidden />;
}

/**
 * A chart's drawing, mounted once its box comes near the screen (within 300 px): a chart below the fold need not hold up
 * a phone's first screen, its code nor its drawing. Until then an empty box of the same height; the chart's text table
 * (components/chart-table.tsx) is rendered at once, outside, and the drawing is hidden from screen readers.
 */
export function NearViewport({ height, className = "", children }: { height: string; className?: string; children: ReactNode }) {
  const [box, near] = useNearViewport<HTMLDivElement>("300px");
  return (
    <div ref={box} className={`${height} ${className}`} aria-hidden>
      {near && children}
    </div>
  );
}

/**
 * A panel below the fold, mounted once its box comes within `margin` of the screen: its code, its reads and the renders
 * of their answers wait until a reader scrolls towards it, so they do not hold up the first screen on a phone. Until then
 * an empty box of the `placeholder` height carrying the panel's anchor (`id`). Once mounted the box takes the panel's
 * height, and none when the panel renders nothing (the next box then moves up and comes in turn).
 *
 * Three ways in besides scrolling:
 * - a link to `#id` (a full load or a client navigation) mounts the panel at once, brings its box into view when the
 *   browser could not (the box came after the page loaded, behind a read), and the box keeps its height while the panel
 *   has nothing to show yet (until its read answers), so the page stays where the link put it;
 * - every panel mounts once the page has been idle for a while after loading (`IDLE_MOUNT_MS`), so a keyboard or
 *   screen-reader user tabbing or reading past the forms, and the browser's find-in-page, meet every panel even without
 *   scrolling; that mount is a transition, which input interrupts.
 * `data-deferred` says which state a box is in (`waiting` or `shown`), for tests that scroll. A panel that fails (its code
 * did not load, or it threw) says so in its box and leaves the page up (`PanelBoundary`).
 */
export function Deferred({
  id,
  placeholder = "min-h-64",
  margin = "400px",
  children,
}: {
  id: string;
  placeholder?: string;
  margin?: string;
  children: ReactNode;
}) {
  const [box, near] = useNearViewport<HTMLDivElement>(margin);
  const [linked, setLinked] = useState(false);
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const check = (event?: Event) => {
      if (window.location.hash !== `#${id}`) return;
      setLinked(true);
      // The browser scrolls to a link's anchor only if the anchor is there when the page loads: a box rendered after a
      // read (/risk's steward panel comes with the book) was never scrolled to, and a full load of `/risk#steward`
      // stayed at the top. So a box that mounts linked scrolls itself into view, once per page and only while the page
      // is still at its top: where the browser found the anchor, or the reader has scrolled since, it leaves the page
      // where it is (a box mounted again, on /risk's market switch, does not pull the page back). A link followed
      // within the page (`hashchange`) always scrolls, as the browser does.
      const link = `${window.location.pathname}#${id}`;
      if (event || (!linkedScrolls.has(link) && window.scrollY === 0)) box.current?.scrollIntoView();
      linkedScrolls.add(link);
    };
    check();
    window.addEventListener("hashchange", check);
    const timer = window.setTimeout(() => startTransition(() => setIdle(true)), IDLE_MOUNT_MS);
    return () => {
      window.removeEventListener("hashchange", check);
      window.clearTimeout(timer);
    };
  }, [id, box]); // `box` is a ref: the same object every render
  const shown = near || linked || idle;
  // A linked box keeps its height while its panel has nothing to show yet (collapsing, it would move the page away from
  // the link), and no more once it has.
  const size = !shown ? placeholder : linked ? (WHILE_EMPTY[placeholder] ?? placeholder) : "empty:hidden";
  return (
    <div ref={box} id={id} data-deferred={shown ? "shown" : "waiting"} className={`scroll-mt-20 ${size}`}>
      {shown && <PanelBoundary>{children}</PanelBoundary>}
    </div>
  );
}

/** Each placeholder height, applied only while the box is empty (written out: Tailwind generates the classes it reads). */
const WHILE_EMPTY: Record<string, string> = { "min-h-40": "empty:min-h-40", "min-h-64": "empty:min-h-64", "min-h-96": "empty:min-h-96" };

/** The linked boxes (path and anchor) already brought into view by their mount in this document (see `Deferred`). */
const linkedScrolls = new Set<string>();

/** How long after the page mounts every deferred panel comes in even without a scroll (see `Deferred`). */
export const IDLE_MOUNT_MS = 6_000;

/**
 * Whether the element behind the returned ref has come within `margin` of the screen (once true, it stays true): what
 * lies below the fold can wait for it — a chart's drawing, a panel's read. The change comes in a transition, so React
 * renders what it brings in short slices and a box coming into view does not block input.
 */
export function useNearViewport<T extends Element>(margin: string): [RefObject<T | null>, boolean] {
  const box = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && startTransition(() => setNear(true)), {
      rootMargin: margin,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, margin]);
  return [box, near];
}
