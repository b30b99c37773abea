// The console's only way to the server: its HTTP API under /api/console (src/http/console-api.ts).
import type { ComplianceOverview, WatchList } from './compliance-types';

export interface Roles { admin: boolean; manager: boolean; security: boolean }
export interface Me { id: string; name: string; locale: string; department: string | null; roles: Roles }
export interface Person { id: string; name: string; department?: string; roles: Roles }
export interface RoundSummary { id: string; kind: string; isDrill: boolean; status: 'open' | 'closed' | 'cancelled'; startedAt: string; closedAt?: string; total: number; answered: number }
export const DELIVERY_STATES = ['queued', 'sent', 'read', 'answered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const OUTCOMES = ['needs_help', 'serious_injury', 'minor_injury', 'safe', 'reached_safe', 'reached_injured', 'unreachable', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export interface Counts { key: string; total: number; delivery: Record<DeliveryState, number>; outcome: Record<Outcome, number> }
export interface LiveView { round: Omit<RoundSummary, 'total' | 'answered' | 'source'>; scope: 'tenant' | 'reports'; totals: Counts; departments: Counts[]; prefectures: Counts[]; at: string }
export interface AttentionPerson { userId: string; name: string; email?: string; department: string; delivery: DeliveryState; outcome: Outcome; firstSentAt?: string; managerName?: string; managerEmail?: string; checkedInToday?: boolean }

export interface Figures { total: number; answered: number; rate: number; minutesTo: Record<'25' | '50' | '75' | '90', number | undefined>; medianMinutes?: number; mostCommonMinute?: number }
export interface RoundReport {
  round: { id: string; isDrill: boolean; status: string; startedAt: string; closedAt?: string };
  scope: 'tenant' | 'reports';
  overall: Figures;
  curve: { minute: number; answered: number; rate: number }[];
  departments: (Figures & { department: string; rank: number })[];
  neverAnswered: { userId: string; name: string; department: string; reachedByPhone: boolean }[];
  previous?: { id: string; startedAt: string; overall: Figures };
}

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/**
 * How requests say who is asking: a Teams SSO token (asked for on every request: MSAL and Teams cache
 * it and renew it before it expires, so a tab left open through a long disaster keeps working), or
 * the person picked in local mode.
 */
export type Credentials = { readonly token: () => Promise<string> } | { readonly localUser: string };

const headersOf = async (who: Credentials | undefined): Promise<Record<string, string>> =>
  !who ? {} : 'token' in who ? { authorization: `Bearer ${await who.token()}` } : { 'x-anshin-local-user': who.localUser };

export function createApi(who?: Credentials) {
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`/api/console${path}`, { ...init, headers: { ...(await headersOf(who)), ...(init.body ? { 'content-type': 'application/json' } : {}) } });
    if (!res.ok) throw new ApiError(res.status);
    return (await res.json()) as T;
  };
  const post = <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) });
  return {
    config: () => call<{ localMode: boolean; appId: string | null }>('/config'),
    people: () => call<Person[]>('/people'),
    me: () => call<Me>('/me'),
    rounds: () => call<RoundSummary[]>('/rounds'),
    live: (id: string) => call<LiveView>(`/rounds/${id}`),
    attention: (id: string) => call<AttentionPerson[]>(`/rounds/${id}/attention`),
    resend: (id: string, department?: string) => post<{ queued: number }>(`/rounds/${id}/resend`, { department, requestId: crypto.randomUUID() }),
    close: (id: string) => post<LiveView>(`/rounds/${id}/close`, {}),
    phone: (id: string, userId: string, result: 'safe' | 'injured' | 'unreachable') => post<AttentionPerson[]>(`/rounds/${id}/phone`, { userId, result }),
    report: (id: string) => call<RoundReport>(`/rounds/${id}/report`),
    compliance: () => call<ComplianceOverview>('/compliance'),
    complianceWatch: () => call<{ watchList: WatchList | null }>('/compliance/watch'),
    /** A CSV through the API (the request carries the identity, so a plain link would not do). */
    async csv(id: string, which: 'csv' | 'report/csv' = 'csv'): Promise<Blob> {
      const res = await fetch(`/api/console/rounds/${id}/${which}`, { headers: await headersOf(who) });
      if (!res.ok) throw new ApiError(res.status);
      return res.blob();
    },
    /**
     * Server-Sent Events read with fetch (EventSource cannot send the identity header). Calls
     * `onView` for every update; reconnects after a drop; returns how to stop.
     */
    follow(id: string, onView: (view: LiveView) => void, onState: (connected: boolean) => void): () => void {
      const controller = new AbortController();
      const run = async () => {
        while (!controller.signal.aborted) {
          try {
            const res = await fetch(`/api/console/rounds/${id}/events`, { headers: await headersOf(who), signal: controller.signal });
            if (!res.ok || !res.body) throw new ApiError(res.status);
            onState(true);
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              buffer += value;
              for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
                buffer = buffer.slice(end + 2);
                if (data) onView(JSON.parse(data.slice(6)) as LiveView);
              }
            }
          } catch {
            // Dropped or refused: say so, wait a moment, try again.
          }
          if (controller.signal.aborted) return;
          onState(false);
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      };
      void run();
      return () => controller.abort();
    },
  };
}

export type Api = ReturnType<typeof createApi>;
