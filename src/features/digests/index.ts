/**
 * The digests feature's public file: the daily wellbeing digest for managers, the incident digest
 * for managers and the security team, and the 80-hour notice (issue 10). Other features contribute
 * through the ports below; the composition root wires them, nothing here imports another feature.
 */
import type { AuditLog } from '../../audit/log';
import type { Outbox } from '../../delivery/outbox';
import type { Clock } from '../../domain/shared/clock';
import { worktimePolicy } from '../../domain/worktime/policy';
import type { JobQueue } from '../../jobs/queue';
import type { Logger } from '../../log/logger';
import type { Db, Executor } from '../../store/db';
import type { User } from '../../domain/people/user';
import type { DigestContext } from './context';
import { digestCsv } from './csv';
import { roundsSection, violationsSection, vpnSection } from './incident';
import { digestJobs } from './jobs';
import { fanOutDigests, planDigests } from './plan';
import type { DigestSectionProvider, GapSource, UnacknowledgedVpnSource } from './ports';
import { overtimeNoticeAfterEnd, runDigests } from './send';

export type { DigestSectionProvider, GapSource, UnacknowledgedVpnSource } from './ports';
/** @public what a feature's incident-digest section is made of (providers are wired in src/wiring.ts) */
export type { DigestRow, DigestScope, DigestSection } from './ports';

export interface DigestsDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly queue: JobQueue;
  readonly outbox: Outbox;
  readonly audit?: AuditLog;
  readonly logger: Logger;
  readonly companyHolidays: readonly string[];
  readonly settings: {
    readonly time: string;
    readonly includeIndirect: boolean;
    readonly overtimeWarningHours: number;
    readonly overtimeNoticeHours: number;
    readonly restIntervalMinHours: number;
    readonly lowMoodDays: number;
    readonly missingDays: number;
    /** Planner timer and look-ahead (the check-in scheduler's settings). */
    readonly intervalSeconds: number;
    readonly horizonHours: number;
  };
  /** The reminders feature's `unacknowledgedVpn`: a flag per member and an incident section. */
  readonly unacknowledgedVpn?: UnacknowledgedVpnSource;
  /** Self-report gaps (gap check feature): a flag per member with the reason. */
  readonly gaps?: GapSource;
  /** More incident sections (lost devices, pledges …), after the built-in ones. */
  readonly sections?: readonly DigestSectionProvider[];
  /** A signed link to GET the team CSV (teams over 50 members); without it the summary card has no link. */
  readonly csvLink?: (managerId: string, localDate: string) => string;
}

export type DigestsFeature = ReturnType<typeof createDigestsFeature>;

export function createDigestsFeature(deps: DigestsDeps) {
  const builtIn: DigestSectionProvider[] = [violationsSection(deps.db), roundsSection(deps.db)];
  if (deps.unacknowledgedVpn) builtIn.push(vpnSection(deps.unacknowledgedVpn));
  const ctx: DigestContext = {
    db: deps.db,
    clock: deps.clock,
    outbox: deps.outbox,
    audit: deps.audit,
    logger: deps.logger.child({ component: 'digests' }),
    companyHolidays: deps.companyHolidays,
    policy: worktimePolicy(deps.settings),
    time: deps.settings.time,
    includeIndirect: deps.settings.includeIndirect,
    unacknowledgedVpn: deps.unacknowledgedVpn,
    gaps: deps.gaps,
    sections: [...builtIn, ...(deps.sections ?? [])],
    csvLink: deps.csvLink,
  };
  const plan = () => planDigests(ctx, deps.queue, deps.settings.horizonHours);
  const run = (userId: string, localDate: string) => runDigests(ctx, userId, localDate);
  const fanOut = (slot: { at: string; time: string }) => fanOutDigests(ctx, deps.queue, slot);
  return {
    jobs: digestJobs({ intervalSeconds: deps.settings.intervalSeconds, plan, fanOut, run }),
    /** One planning run (the recurring task runs it; tests and the bench call it on a fake clock). */
    planOnce: plan,
    /** A `digests-slot` job's work: one `digests-due` job per recipient due then (tests and the bench call it). */
    fanOutDue: fanOut,
    /** The day's digests of one recipient, as the `digests-due` job sends them (idempotent). */
    runDue: run,
    /** In the end-of-day check-in's transaction: the 80-hour notice at once when the month reached it (once a month). */
    overtimeAfterEnd: (tx: Executor, user: User, workDate: string) => overtimeNoticeAfterEnd(ctx, tx, user, workDate),
    /** GET /api/exports/digests/<manager>/<date>.csv: the whole team as CSV. */
    csv: (managerId: string, localDate: string) => digestCsv(ctx, managerId, localDate),
  };
}
