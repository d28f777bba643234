import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * axe-core on every page and state (dialogs open, errors shown), desktop and phone: no serious or critical violation of
 * WCAG 2.1 A/AA. Each state's full result goes to the test's attachments.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, state: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await testInfo.attach(`axe-${state}.json`, { body: JSON.stringify(result.violations, null, 2), contentType: "application/json" });
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
  expect(bad, `axe on ${state}`).toEqual([]);
}
