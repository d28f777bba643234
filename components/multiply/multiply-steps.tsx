"use client";
import { useTranslations } from "next-intl";
import { pendingFlows, type PendingFlow } from "@/lib/tx/pending-flows";

/** The steps a Multiply submission runs, in order (done ones ticked), and the flow in progress or interrupted. */
export function MultiplySteps({
  steps,
  flow,
  flowKey,
}: {
  steps: { label: string; done: boolean }[];
  flow: PendingFlow | undefined;
  flowKey: string;
}) {
  const t = useTranslations("multiply");
  const locked = flow !== undefined && flow.stage !== "interrupted";
  return (
    <>
      {locked && (
        <p role="status" data-testid="flow-pending" className="rounded-md border border-sky-800 bg-sky-950/40 px-3 py-2 text-sm text-sky-200">
          {t("inProgress", {
            n: flow.current + 1,
            total: flow.steps.length,
            step: flow.steps[flow.current] ?? "",
            stage: flow.stage === "signing" || flow.stage === "pending" ? flow.stage : "other",
          })}
        </p>
      )}
      {flow?.stage === "interrupted" && (
        <p
          role="alert"
          data-testid="flow-interrupted"
          className="rounded-md border border-amber-800 bg-amber-950/40 px-3 py-2 text-sm text-amber-200"
        >
          {flow.note}{" "}
          <button type="button" className="underline" onClick={() => pendingFlows().end(flowKey)}>
            {t("dismiss")}
          </button>
        </p>
      )}
      <ol className="space-y-1 text-xs text-slate-400" data-testid="multiply-steps">
        {steps.map((s, i) => (
          <li key={s.label} className={s.done ? "text-emerald-300" : ""}>
            {i + 1}. {s.label}
            {s.done ? " ✓" : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
