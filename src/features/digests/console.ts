import { VIOLATION_KINDS, type ViolationKind } from '../../domain/checkins/model';
import type { Locale } from '../../domain/shared/locale';
import type { WorktimeFlag } from '../../domain/worktime/assess';
import { usersRepo } from '../../store/users';
import type { DigestContext } from './context';
import { flagTexts } from './flags';
import { digestsRepo } from './repository';
import { violationLabel } from './texts';
import { assessmentFrom, assessPerson } from './wellbeing';

type Scope = { readonly tenantId: string; readonly managerId?: string };

/** Violations recorded per rule and work day, with each rule's label in the reader's language. */
export interface ViolationsByDay {
  readonly rules: readonly { readonly kind: ViolationKind; readonly label: string; readonly total: number }[];
  readonly days: readonly { readonly date: string; readonly counts: Partial<Record<ViolationKind, number>> }[];
}

/** The rules the digests flag (the violations the check-ins record), counted per day: one statement, the scope in SQL. */
export async function violationsByDay(ctx: Pick<DigestContext, 'db'>, scope: Scope, from: string, to: string, locale: Locale): Promise<ViolationsByDay> {
  const r = await ctx.db.query<{ work_date: string; kind: ViolationKind; n: number }>(
    `select v.work_date, v.kind, count(*)::int as n from violations v
     where v.tenant_id = $1 and v.work_date between $3 and $4
       and ($2::text is null or exists (select 1 from users u where u.id = v.user_id and u.tenant_id = $1 and u.manager_id = $2))
     group by v.work_date, v.kind order by v.work_date, v.kind`,
    [scope.tenantId, scope.managerId ?? null, from, to],
  );
  const days = new Map<string, Partial<Record<ViolationKind, number>>>();
  const totals = new Map<ViolationKind, number>();
  for (const row of r.rows) {
    const day = days.get(row.work_date) ?? {};
    day[row.kind] = row.n;
    days.set(row.work_date, day);
    totals.set(row.kind, (totals.get(row.kind) ?? 0) + row.n);
  }
  return {
    rules: VIOLATION_KINDS.filter((kind) => totals.has(kind)).map((kind) => ({ kind, label: violationLabel(kind, locale), total: totals.get(kind) ?? 0 })),
    days: [...days].map(([date, counts]) => ({ date, counts })),
  };
}

/** The working-time flags of the watch list: the 45 h and 80 h lines, the agreement's limits, and their projections. */
const WATCH_FLAGS: readonly WorktimeFlag[] = ['overtime_warning', 'overtime_notice', 'agreement_limit', 'projected_overtime', 'projected_notice'];

export interface WatchPerson {
  readonly userId: string;
  readonly name: string;
  readonly department: string | null;
  readonly upn: string | null;
  readonly flags: readonly WorktimeFlag[];
  /** The flags as the manager digest words them, in the reader's language. */
  readonly texts: readonly string[];
  /** The month so far on the law's basis: 時間外 (36協定) and the 安衛法 basis of the 80-hour line. */
  readonly overtimeMinutes: number;
  readonly healthCheckMinutes: number;
  /** From the 15th: the whole month at the pace so far. */
  readonly projectedOvertimeMinutes: number | null;
  readonly projectedHealthCheckMinutes: number | null;
}

export interface WatchList {
  readonly date: string;
  readonly warningMinutes: number;
  readonly noticeMinutes: number;
  readonly people: readonly WatchPerson[];
}

/**
 * People at or over the overtime lines on `date`, or heading there, exactly as the manager digest
 * assesses them (the same records, law policy and flags), the highest 安衛法 figure first.
 */
export async function watchList(ctx: DigestContext, scope: Scope, date: string, locale: Locale): Promise<WatchList> {
  const users = await usersRepo.listActiveInScope(ctx.db, scope.tenantId, scope.managerId);
  const records = users.length ? await digestsRepo.records(ctx.db, users.map((u) => u.id), assessmentFrom(ctx, users, date), date) : new Map();
  const people: WatchPerson[] = [];
  for (const user of users) {
    const assessment = assessPerson(ctx, user, records.get(user.id) ?? [], date);
    const flags = assessment.flags.filter((f) => WATCH_FLAGS.includes(f));
    if (!flags.length) continue;
    const member = { user, scheduledOnReportDate: true, assessment, violations: [], vpnUnacknowledged: 0, flags };
    people.push({
      userId: user.id, name: user.name, department: user.department ?? null, upn: user.email ?? null, flags, texts: flagTexts(member, ctx, locale),
      overtimeMinutes: assessment.month.overtimeMinutes, healthCheckMinutes: assessment.month.healthCheckMinutes,
      projectedOvertimeMinutes: assessment.projection?.overtimeMinutes ?? null, projectedHealthCheckMinutes: assessment.projection?.healthCheckMinutes ?? null,
    });
  }
  people.sort((a, b) => b.healthCheckMinutes - a.healthCheckMinutes || b.overtimeMinutes - a.overtimeMinutes || a.name.localeCompare(b.name));
  return { date, warningMinutes: ctx.policy.overtimeWarningMinutes, noticeMinutes: ctx.policy.overtimeNoticeMinutes, people };
}
