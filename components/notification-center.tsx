"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { NotifierError, useAlerts, type AlertNotification } from "@/hooks/use-alerts";
import { ALERT_TITLE_KEYS, AlertRuleError, parseSubscriptionInput, sameSubscription, type AlertProblem, type WebhookFormat } from "@/lib/view/alerts";
import { useErrorText } from "@/hooks/use-error-text";
import { describeError } from "@/lib/tx/tx-errors";
import { useFormat } from "@/hooks/use-format";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import { formatUnits } from "viem";
import { parseAmountText } from "@/lib/view/amount";
import { WAD } from "@/lib/engine/math";

type T = ReturnType<typeof useTranslations<"alerts">>;

/**
 * An alert action's failure in the reader's language: what the notifier refused in a subscription (by its code), the
 * notifier out of reach, or the wallet's answer to the sign-in (lib/tx/tx-errors.ts), never a library's or server's own
 * English.
 */
function useAlertErrorText(): (e: unknown) => string {
  const t = useTranslations("alerts");
  const errorText = useErrorText();
  return (e) => {
    if (e instanceof AlertRuleError || (e instanceof NotifierError && e.code)) return t(`problem.${(e as { code: AlertProblem }).code}`);
    if (e instanceof NotifierError && e.status === 401) return t("problem.signedOut");
    if ((e instanceof NotifierError && e.status >= 500) || e instanceof TypeError) return t("problem.unreachable");
    return errorText(describeError(e));
  };
}

const deliveryText = (t: T, n: AlertNotification) =>
  n.deliveries
    .filter((d) => d.channel !== "in-app")
    .map((d) =>
      t("delivery", {
        channel: d.channel,
        status: d.status,
        attempts: d.attempts,
        error: d.status !== "delivered" && d.lastError ? d.lastError : "none",
      }),
    )
    .join(" · ");

/**
 * An alert's title in the reader's language, from the figures it carries (lib/view/alerts.ts `about`). In English, and
 * for an alert stored before it carried them, the notifier's own title (the email's subject).
 */
function useAlertTitle(): (alert: AlertNotification["alert"]) => string {
  const errorText = useErrorText();
  const kinds = useTranslations("automation.kinds");
  const f = useFormat();
  return (alert) => {
    const a = alert.about;
    if (!a) return alert.title;
    const rule = a.rule === "stop-loss" ? kinds("stopLoss") : a.rule === "deleverage" ? kinds("deleverage") : (a.rule ?? "");
    const values = {
      id: a.vaultId,
      market: a.marketName,
      chain: String(a.chainId),
      health: a.healthFactor === undefined ? "" : f.healthFactor(BigInt(a.healthFactor)),
      odds: a.odds24h === undefined ? "" : f.odds(a.odds24h),
      rule,
    };
    return errorText({ message: alert.title, key: `alert.${ALERT_TITLE_KEYS[alert.kind]}`, values });
  };
}

/** The header's bell: in-app notifications, delivery status of emails and webhooks, and the alerts the user set. */
export function NotificationCenter() {
  const t = useTranslations("alerts");
  const f = useFormat();
  const a = useAlerts();
  const alertError = useAlertErrorText();
  const alertTitle = useAlertTitle();
  const [open, setOpen] = useState(false);
  if (!a.address) return null;
  const unread = a.notifications.data?.filter((n) => !n.read).length ?? 0;
  return (
    <div className="relative">
      <button
        type="button"
        aria-label={t("bell", { unread })}
        className="relative rounded-md p-1.5 text-slate-300 hover:bg-slate-800 hover:text-white"
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0" />
        </svg>
        {unread > 0 && (
          <span
            className="absolute -right-1 -top-1 rounded-full bg-rose-500 px-1.5 text-[10px] font-semibold text-white"
            data-testid="notification-unread"
          >
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div
          // On a phone the bell sits mid-header, so a panel hung from it would run off the left edge: there it spans the
          // screen below the header and scrolls within; from `sm` it hangs from the bell.
          className="fixed inset-x-2 top-16 z-50 max-h-[calc(100dvh-5rem)] space-y-3 overflow-y-auto rounded-xl border border-slate-700 bg-slate-950 p-4 text-sm shadow-xl sm:absolute sm:inset-x-auto sm:right-0 sm:top-auto sm:mt-2 sm:w-[26rem]"
          data-testid="notification-panel"
        >
          {!a.signedIn ? (
            <div className="space-y-2">
              <p className="text-slate-300">{t("signInIntro")}</p>
              <button
                type="button"
                className="rounded-md bg-sky-600 px-3 py-1.5 text-white hover:bg-sky-500 disabled:opacity-50"
                disabled={a.signIn.isPending}
                onClick={() => a.signIn.mutate()}
                data-testid="alerts-sign-in"
              >
                {a.signIn.isPending ? t("waitingSignature") : t("signIn")}
              </button>
              {a.signIn.error && (
                <p className="text-xs text-rose-300" data-testid="alerts-error" role="alert">
                  {alertError(a.signIn.error)}
                </p>
              )}
            </div>
          ) : (
            <>
              <section>
                <header className="mb-1 flex items-baseline justify-between">
                  <h2 className="text-xs font-medium uppercase tracking-wide text-slate-400">{t("notifications")}</h2>
                  {unread > 0 && (
                    <button type="button" className="text-xs text-sky-300 hover:underline" onClick={() => a.markRead.mutate()}>
                      {t("markRead")}
                    </button>
                  )}
                </header>
                {a.notifications.error && <p className="text-xs text-rose-300">{alertError(a.notifications.error)}</p>}
                {a.notifications.data?.length === 0 && <p className="text-xs text-slate-400">{t("nothing")}</p>}
                <ol className="max-h-60 space-y-2 overflow-y-auto">
                  {a.notifications.data?.map((n) => (
                    <li
                      key={n.id}
                      className={`rounded-md border px-2 py-1.5 ${n.read ? "border-slate-800" : "border-sky-800 bg-sky-950/30"}`}
                      data-testid="notification"
                    >
                      <div className="text-slate-200">{alertTitle(n.alert)}</div>
                      <div className="text-xs text-slate-400">{f.utc(Math.floor(n.alert.at / 1000))}</div>
                      <div
                        className={`text-xs ${n.deliveries.some((d) => d.status === "failed") ? "text-rose-300" : "text-slate-400"}`}
                        data-testid="notification-deliveries"
                      >
                        {deliveryText(t, n)}
                      </div>
                    </li>
                  ))}
                </ol>
              </section>
              <Subscriptions alerts={a} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Subscriptions({ alerts: a }: { alerts: ReturnType<typeof useAlerts> }) {
  const t = useTranslations("alerts");
  const f = useFormat();
  const amountProblem = useAmountProblem();
  const [health, setHealth] = useState(() => f.decimalText("1.2"));
  const [odds, setOdds] = useState("");
  const [email, setEmail] = useState("");
  const [webhook, setWebhook] = useState("");
  const [format, setFormat] = useState<WebhookFormat>("discord");
  const [chatId, setChatId] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  // A refusal stands for the fields it was made on: editing any of them takes it away.
  const fields = [health, odds, email, webhook, format, chatId].join("\u0000");
  const [refusal, setRefused] = useState<{ error: AlertRuleError; fields: string } | null>(null);
  const refused = refusal?.fields === fields ? refusal.error : null;
  const alertError = useAlertErrorText();
  // Both levels read as the reader writes numbers ("1,2" in Spanish), each refused under its field when it is not one —
  // never sent half-read (an odds level that is no number would have been saved as none, without a word).
  const healthParsed = health.trim() === "" ? null : parseAmountText(health, 18, { what: "a health factor", decimal: f.decimalSeparator });
  const oddsParsed = odds.trim() === "" ? null : parseAmountText(odds, 2, { what: "odds", decimal: f.decimalSeparator });
  const healthProblem = !healthParsed
    ? null
    : !healthParsed.ok
      ? amountProblem(healthParsed)
      : healthParsed.value <= WAD || healthParsed.value > 10n * WAD
        ? t("healthRange")
        : null;
  const oddsProblem = !oddsParsed
    ? null
    : !oddsParsed.ok
      ? amountProblem(oddsParsed)
      : oddsParsed.value === 0n || oddsParsed.value >= 10_000n
        ? t("oddsRange")
        : null;
  const submit = () => {
    if (healthProblem || oddsProblem) return;
    const healthBelow = healthParsed?.ok ? formatUnits(healthParsed.value, 18) : null;
    const oddsAbove = oddsParsed?.ok ? Number(oddsParsed.value) / 10_000 : null;
    const input = {
      rules: { healthBelow, oddsAbove, ruleCannotFire: true, events: true },
      channels: {
        email: email.trim() || null,
        webhook: webhook.trim() ? { url: webhook.trim(), format, ...(format === "telegram" ? { chatId } : {}) } : null,
      },
    };
    // The notifier's own check first, here (lib/view/alerts.ts): a bad address or URL is named before anything is sent,
    // and the same alert to the same places is not saved twice.
    try {
      const checked = parseSubscriptionInput(input);
      if (a.subscriptions.data?.some((s) => sameSubscription(s, checked))) throw new AlertRuleError("you already have this alert", "duplicate");
    } catch (e) {
      if (!(e instanceof AlertRuleError)) throw e;
      a.subscribe.reset();
      setRefused({ error: e, fields });
      return;
    }
    setRefused(null);
    a.subscribe.mutate(input, { onSuccess: (r) => setSecret(webhook.trim() ? r.webhookSecret : null) });
  };
  const input = "w-full rounded-md border border-slate-700 bg-slate-900 px-2 py-1 text-slate-100";
  return (
    <section className="space-y-2 border-t border-slate-800 pt-3">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-400">{t("yours")}</h2>
      {a.subscriptions.data?.map((s) => (
        <div key={s.id} className="flex items-center justify-between gap-2 text-xs text-slate-300" data-testid="alert-subscription">
          <span>
            {[
              s.rules.healthBelow && t("ruleHealth", { hf: f.healthFactor(BigInt(s.rules.healthBelow)) }),
              s.rules.oddsAbove !== null && t("ruleOdds", { odds: f.odds(s.rules.oddsAbove) }),
              t("ruleProtection"),
              t("ruleEvents"),
            ]
              .filter(Boolean)
              .join(" · ")}
            {s.channels.email ? ` → ${s.channels.email}` : ""}
            {s.channels.webhook ? ` → ${t("webhookOf", { format: s.channels.webhook.format })}` : ""}
            {s.paused ? ` ${t("paused")}` : ""}
          </span>
          <span className="flex shrink-0 gap-2 whitespace-nowrap">
            <button type="button" className="text-sky-300 hover:underline" onClick={() => a.setPaused.mutate({ id: s.id, paused: !s.paused })}>
              {s.paused ? t("resume") : t("pause")}
            </button>
            <button type="button" className="text-rose-300 hover:underline" onClick={() => a.remove.mutate(s.id)}>
              {t("remove")}
            </button>
          </span>
        </div>
      ))}
      <div className="grid grid-cols-2 gap-2 text-xs text-slate-400">
        <LevelField id="alert-health" label={t("healthBelow")} value={health} onChange={setHealth} problem={healthProblem} />
        <LevelField id="alert-odds" label={t("oddsAbove")} value={odds} onChange={setOdds} problem={oddsProblem} placeholder={t("off")} />
        <label className="col-span-2">
          {t("email")}
          <input
            className={input}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            type="email"
            placeholder={t("optional")}
            data-testid="alert-email"
          />
        </label>
        <label className="col-span-2">
          {t("webhook")}
          <input
            className={input}
            value={webhook}
            onChange={(e) => setWebhook(e.target.value)}
            placeholder={t("webhookPlaceholder")}
            data-testid="alert-webhook"
          />
        </label>
        <label>
          {t("format")}
          <select className={input} value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)} data-testid="alert-webhook-format">
            <option value="discord">Discord</option>
            <option value="slack">Slack</option>
            <option value="telegram">Telegram</option>
            <option value="json">JSON</option>
          </select>
        </label>
        {format === "telegram" && (
          <label>
            {t("chatId")}
            <input className={input} value={chatId} onChange={(e) => setChatId(e.target.value)} />
          </label>
        )}
      </div>
      <button
        type="button"
        className="rounded-md bg-sky-600 px-3 py-1.5 text-white hover:bg-sky-500 disabled:opacity-50"
        disabled={a.subscribe.isPending || Boolean(healthProblem || oddsProblem)}
        onClick={submit}
        data-testid="alert-save"
      >
        {t("add")}
      </button>
      {(refused ?? a.subscribe.error) && (
        <p className="text-xs text-rose-300" data-testid="alerts-error" role="alert">
          {alertError(refused ?? a.subscribe.error)}
        </p>
      )}
      {secret && (
        <p className="break-all text-xs text-amber-200" data-testid="alert-webhook-secret">
          {t.rich("secret", { secret, mono: (c) => <span className="font-mono">{c}</span> })}
        </p>
      )}
    </section>
  );
}

/** One alert level's box, its problem (if any) named under it and tied to it for screen readers. */
function LevelField({
  id,
  label,
  value,
  onChange,
  problem,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange(text: string): void;
  problem: string | null;
  placeholder?: string;
}) {
  return (
    <label>
      {label}
      <input
        className={`w-full rounded-md border border-slate-700 bg-slate-900 px-2 py-1 text-slate-100 ${problem ? "border-rose-600" : ""}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputMode="decimal"
        placeholder={placeholder}
        aria-invalid={Boolean(problem)}
        aria-describedby={`${id}-problem`}
        data-testid={id}
      />
      <span id={`${id}-problem`} className="text-rose-300" role={problem ? "alert" : undefined} data-testid={`${id}-problem`}>
        {problem ?? ""}
      </span>
    </label>
  );
}
