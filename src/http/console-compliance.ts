import { addDays, localDateOf } from '../domain/calendar';
import type { User } from '../domain/people/user';
import type { Locale } from '../domain/shared/locale';

/** Whose figures: the tenant (admins), or a manager's direct reports; applied in each feature's SQL. */
export interface ComplianceScope {
  readonly tenantId: string;
  readonly managerId?: string;
}

/**
 * The read ports the compliance overview is made of, each exported by its feature's index.ts and
 * handed over by the composition root (src/http never imports a feature). Results are JSON the
 * browser reads; the features own their shape and their texts.
 */
export interface CompliancePorts {
  /** Check-ins: started, ended, office, not working, not yet due, missing on the day, and who is missing. */
  readToday(scope: ComplianceScope, date: string, now: Date): Promise<unknown>;
  /** Digests: violations per rule and day (the rules the digests flag). */
  violationsByDay(scope: ComplianceScope, from: string, to: string, locale: Locale): Promise<unknown>;
  /** Digests: the 45 h / 80 h watch list with the projections, as the manager digest assesses it. */
  watchList(scope: ComplianceScope, date: string, locale: Locale): Promise<unknown>;
  /** Reminders: sent vs acknowledged per kind over the period. */
  reminderAcknowledgements(scope: ComplianceScope, from: string, toInclusive: string): Promise<unknown>;
  /** Approvals: requests still waiting for a decision. */
  pendingApprovals(scope: ComplianceScope, at: Date, locale: Locale): Promise<unknown>;
  /** Devices: open incidents with their APPI deadlines (security team and admins). */
  openIncidents(tenantId: string, locale: Locale): Promise<unknown>;
}

/** Days of violations and reminders the overview covers, today included. */
const COMPLIANCE_DAYS = 30;

/**
 * The compliance overview a viewer may see (docs/console.md): admins their tenant, managers their
 * direct reports, the security team (and admins) the open incidents. Someone with none of these
 * roles never gets here (403 before). "Today" is the viewer's own day.
 */
type Viewer = { user: User; roles: { admin: boolean; manager: boolean; security: boolean } };

/** The viewer's day (their schedule's zone) and whose figures they see. */
function frame(viewer: Viewer, now: Date) {
  const { user, roles } = viewer;
  const date = localDateOf(now, user.schedule?.timeZone ?? user.timeZone);
  const scope: ComplianceScope | undefined = roles.admin ? { tenantId: user.tenantId } : roles.manager ? { tenantId: user.tenantId, managerId: user.id } : undefined;
  return { date, scope, locale: user.locale };
}

export async function complianceOverview(ports: CompliancePorts, viewer: Viewer, now: Date) {
  const { user, roles } = viewer;
  const { date, scope, locale } = frame(viewer, now);
  const from = addDays(date, 1 - COMPLIANCE_DAYS);
  const [today, violations, reminders, approvals, incidents] = await Promise.all([
    scope && ports.readToday(scope, date, now),
    scope && ports.violationsByDay(scope, from, date, locale),
    scope && ports.reminderAcknowledgements(scope, from, date),
    scope && ports.pendingApprovals(scope, now, locale),
    roles.admin || roles.security ? ports.openIncidents(user.tenantId, locale) : undefined,
  ]);
  return {
    scope: roles.admin ? 'tenant' : roles.manager ? 'reports' : 'none',
    date, from,
    today: today ?? null, violations: violations ?? null, reminders: reminders ?? null, approvals: approvals ?? null, incidents: incidents ?? null,
  };
}

/**
 * The working-time watch list on its own request: the law engine runs over each person's agreement
 * year (about 20 ms a person), so the page shows the other sections first. Null for the security team alone.
 */
export async function complianceWatch(ports: CompliancePorts, viewer: Viewer, now: Date) {
  const { date, scope, locale } = frame(viewer, now);
  return { watchList: scope ? await ports.watchList(scope, date, locale) : null };
}
