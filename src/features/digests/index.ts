/**
 * The digests feature's public file: the daily wellbeing digest for managers, the incident digest
 * for managers and the security team, and the 80-hour notice (issue 10). Other features contribute
 * through the ports below; the composition root wires them, nothing here imports another feature.
 */
import type { CommandHandler } from '../../cards/actions';
import type { User } from '../../domain/people/user';
import { lawPolicy, type LawPolicy } from '../../domain/worktime/law';
import { worktimePolicy } from '../../domain/worktime/policy';
import type { CheckinListener } from '../checkins';
import type { FeatureDeps } from '../feature';
import type { DigestContext } from './context';
import type { Locale } from '../../domain/shared/locale';
import { violationsByDay, watchList } from './console';
import { digestCsv } from './csv';
import { worktimeCsv, worktimeExportCommand } from './hr-export';
import { roundsSection, violationsSection, vpnSection } from './incident';
import { digestJobs } from './jobs';
import { fanOutDigests, planDigests } from './plan';
import type { DigestSectionProvider, GapSource, UnacknowledgedVpnSource } from './ports';
import { overtimeNoticeAfterEnd, runDigests } from './send';

export type { DigestGap, DigestSectionProvider, GapSource, UnacknowledgedVpnSource } from './ports';
/** What a feature's incident-digest section is made of (the composition root lists the providers). */
export type { DigestScope, DigestSection } from './ports';

export interface DigestsOptions {
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
  /** Working time on the law's basis (WORKTIME_*): the company policy and the doctor-interview contact. */
  readonly worktime?: { readonly law: LawPolicy; readonly interviewContact?: string; readonly interviewUrl?: string };
  /** A signed link to GET the HR export of a month and department; without it the command says it is unavailable. */
  readonly worktimeLink?: (tenantId: string, month: string, department: string) => string;
  /** EXPORT_LINK_TTL_MINUTES, said on the export card. */
  readonly linkTtlMinutes?: number;
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

/** The tenant (admins), or a manager's direct reports. */
type ConsoleScope = { readonly tenantId: string; readonly managerId?: string };

export function createDigestsFeature(deps: FeatureDeps, options: DigestsOptions) {
  const { settings } = options;
  const builtIn: DigestSectionProvider[] = [violationsSection(deps.db), roundsSection(deps.db)];
  if (options.unacknowledgedVpn) builtIn.push(vpnSection(options.unacknowledgedVpn));
  const ctx: DigestContext = {
    ...deps,
    logger: deps.logger.child({ component: 'digests' }),
    policy: worktimePolicy(settings),
    // Without settings (benchmarks): the law's defaults, fixed hours.
    law: options.worktime?.law ?? lawPolicy(),
    interview: { contact: options.worktime?.interviewContact, url: options.worktime?.interviewUrl },
    worktimeLink: options.worktimeLink,
    linkTtlMinutes: options.linkTtlMinutes ?? 60,
    time: settings.time,
    includeIndirect: settings.includeIndirect,
    unacknowledgedVpn: options.unacknowledgedVpn,
    gaps: options.gaps,
    sections: [...builtIn, ...(options.sections ?? [])],
    csvLink: options.csvLink,
  };
  const worktimeExport: CommandHandler = (caller) => worktimeExportCommand(ctx, caller);
  const plan = () => planDigests(ctx, deps.queue, settings.horizonHours);
  const run = (userId: string, localDate: string) => runDigests(ctx, userId, localDate);
  const fanOut = (slot: { at: string; time: string }) => fanOutDigests(ctx, deps.queue, slot);
  return {
    name: 'digests',
    actions: {},
    commands: { worktimeExport },
    /** The HR export is for admins: the help card offers it to them only. */
    commandVisible: { worktimeExport: async (user: User) => deps.roles.isAdmin(user) },
    jobs: digestJobs({ intervalSeconds: settings.intervalSeconds, plan, fanOut, run }),
    /** One planning run (the recurring task runs it; tests and the bench call it on a fake clock). */
    planOnce: plan,
    /** A `digests-slot` job's work: one `digests-due` job per recipient due then (tests and the bench call it). */
    fanOutDue: fanOut,
    /** The day's digests of one recipient, as the `digests-due` job sends them (idempotent). */
    runDue: run,
    /** After the end-of-day check-in, in its transaction: the 80-hour notice at once when the month reached it (once a month). */
    checkinListener: {
      ended: async (tx, user, workDate) => {
        await overtimeNoticeAfterEnd(ctx, tx, user, workDate);
      },
    } satisfies CheckinListener,
    /** GET /api/exports/digests/<manager>/<date>.csv: the whole team as CSV. */
    csv: (managerId: string, localDate: string) => digestCsv(ctx, managerId, localDate),
    /** GET /api/exports/worktime/<tenant>/<month>/<department>.csv: the monthly HR export. */
    worktimeCsv: (tenantId: string, month: string, department: string) => worktimeCsv(ctx, tenantId, month, department),
    /** The console's compliance overview: violations per rule and day, and the working-time watch list as the digests assess it. */
    compliance: {
      violationsByDay: (scope: ConsoleScope, from: string, to: string, locale: Locale) => violationsByDay(ctx, scope, from, to, locale),
      watchList: (scope: ConsoleScope, date: string, locale: Locale) => watchList(ctx, scope, date, locale),
    },
  };
}
