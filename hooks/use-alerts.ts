"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useAccount, useSignMessage } from "wagmi";
import type { Alert, AlertProblem, AlertRules, Channels } from "@/lib/view/alerts";

export interface AlertDelivery {
  channel: "in-app" | "email" | "webhook";
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastError?: string;
}
export interface AlertNotification {
  id: string;
  alert: Alert;
  deliveries: AlertDelivery[];
  read: boolean;
}
export interface AlertSubscription {
  id: string;
  rules: AlertRules;
  channels: Channels;
  paused: boolean;
}

const storageKey = (address: string) => `keel:alerts:${address.toLowerCase()}`;

async function call<T>(path: string, token: string | null, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/api/notifier/${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = (await res.json().catch(() => null)) as ({ error?: string; code?: AlertProblem } & T) | null;
  if (!res.ok) throw new NotifierError(body?.error ?? `the notifier answered ${res.status}`, res.status, body?.code);
  return body as T;
}

/** The notifier's refusal: its HTTP status and, for a subscription it refused, what is wrong (lib/view/alerts.ts). */
export class NotifierError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: AlertProblem,
  ) {
    super(message);
  }
}

/**
 * The connected address's alerts: sign in with the wallet (SIWE; the session token stays in this tab's storage),
 * its notifications (refreshed every 10 s) and subscriptions, and the actions on them.
 */
export function useAlerts() {
  const { address, chainId } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const qc = useQueryClient();
  // The session token of the connected address: this tab's storage until signed in or out here.
  const [session, setSession] = useState<{ address: string; token: string | null } | null>(null);
  const token = !address
    ? null
    : session?.address === address
      ? session.token
      : typeof window === "undefined"
        ? null
        : sessionStorage.getItem(storageKey(address));
  const setToken = useCallback((t: string | null) => address && setSession({ address, token: t }), [address]);
  const forget = useCallback(() => {
    if (address) sessionStorage.removeItem(storageKey(address));
    setToken(null);
  }, [address, setToken]);

  const signIn = useMutation({
    mutationFn: async () => {
      if (!address) throw new Error("connect a wallet first");
      const { message } = await call<{ message: string }>(`nonce?address=${address}&chainId=${chainId ?? 1}`, null);
      const signature = await signMessageAsync({ message });
      const { token: t } = await call<{ token: string }>("session", null, { method: "POST", body: JSON.stringify({ message, signature }) });
      sessionStorage.setItem(storageKey(address), t);
      setToken(t);
    },
  });

  const notifications = useQuery({
    queryKey: ["keel", "alerts", "notifications", address, token],
    enabled: Boolean(token),
    refetchInterval: 10_000,
    retry: 0,
    queryFn: async () => {
      try {
        return (await call<{ notifications: AlertNotification[] }>("notifications", token)).notifications;
      } catch (e) {
        // 401: the session is gone (expired, or the notifier restarted): sign in again.
        if (e instanceof NotifierError && e.status === 401) forget();
        throw e;
      }
    },
  });
  const subscriptions = useQuery({
    queryKey: ["keel", "alerts", "subscriptions", address, token],
    enabled: Boolean(token),
    retry: 0,
    queryFn: async () => (await call<{ subscriptions: AlertSubscription[] }>("subscriptions", token)).subscriptions,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ["keel", "alerts"] });
  const subscribe = useMutation({
    mutationFn: (input: { rules: Partial<AlertRules>; channels: Partial<Channels> }) =>
      call<{ subscription: AlertSubscription; webhookSecret: string }>("subscriptions", token, { method: "POST", body: JSON.stringify(input) }),
    onSuccess: refresh,
  });
  const setPaused = useMutation({
    mutationFn: ({ id, paused }: { id: string; paused: boolean }) =>
      call(`subscriptions/${id}`, token, { method: "PATCH", body: JSON.stringify({ paused }) }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => call(`subscriptions/${id}`, token, { method: "DELETE" }), onSuccess: refresh });
  const markRead = useMutation({ mutationFn: () => call("notifications/read", token, { method: "POST", body: "{}" }), onSuccess: refresh });

  return { address, signedIn: Boolean(token), signIn, notifications, subscriptions, subscribe, setPaused, remove, markRead };
}
