import type { AuditLog } from '../../audit/log';
import type { Outbox } from '../../delivery/outbox';
import type { Clock } from '../../domain/shared/clock';
import type { LawPolicy } from '../../domain/worktime/law';
import type { WorktimePolicy } from '../../domain/worktime/policy';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import type { Roles } from '../../store/roles';
import type { DigestSectionProvider, GapSource, UnacknowledgedVpnSource } from './ports';

/** What every digest use case needs; built once by createDigestsFeature. */
export interface DigestContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  /** The 80-hour notice is a working-time record (absent in benchmarks). */
  readonly audit?: AuditLog;
  readonly logger: Logger;
  readonly companyHolidays: readonly string[];
  /** Who is security (the incident digest) and admin (the HR export): FeatureDeps.roles. */
  readonly roles: Roles;
  readonly policy: WorktimePolicy;
  /** The company's law policy (WORKTIME_*); a person's time zone and flextime override it (personLawPolicy). */
  readonly law: LawPolicy;
  /** How to ask for the doctor's interview, on the 80-hour notice (WORKTIME_INTERVIEW_*). */
  readonly interview: { readonly contact?: string; readonly url?: string };
  /** Local HH:MM of the digests on the recipient's workdays. */
  readonly time: string;
  readonly includeIndirect: boolean;
  readonly unacknowledgedVpn?: UnacknowledgedVpnSource;
  readonly gaps?: GapSource;
  /** Incident digest sections, built-in ones first. */
  readonly sections: readonly DigestSectionProvider[];
  /** A signed link to the HR export of a month and department (ALL_DEPARTMENTS, NO_DEPARTMENT or a name). */
  readonly worktimeLink?: (tenantId: string, month: string, department: string) => string;
  /** How long signed links work (EXPORT_LINK_TTL_MINUTES), said on the export card. */
  readonly linkTtlMinutes: number;
  /** A signed link to a manager's digest CSV (teams over the card limit). */
  readonly csvLink?: (managerId: string, localDate: string) => string;
}

/** Teams up to this size get every member in the card; bigger ones a summary and the CSV link. */
export const MAX_MEMBERS_IN_CARD = 50;
/** Days of mood history and missing check-ins. */
export const WINDOW_DAYS = 7;
