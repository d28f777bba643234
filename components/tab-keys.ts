import type { KeyboardEvent } from "react";

/**
 * The arrow keys of a tab list (WAI-ARIA's tabs pattern), for a `role="tablist"` element's `onKeyDown`: → and ← move to
 * the next and previous enabled tab (wrapping), Home and End to the first and last, each focused and selected (clicked:
 * the tab's own `onClick` chooses it). Tab alone still leaves the list.
 */
export function onTabListKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
  const tabs = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')].filter((b) => !b.disabled);
  if (tabs.length === 0) return;
  const at = tabs.findIndex((b) => b === document.activeElement || b.getAttribute("aria-selected") === "true");
  const i = at < 0 ? 0 : at;
  const next = e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : (i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length;
  e.preventDefault();
  tabs[next]!.focus();
  tabs[next]!.click();
}
