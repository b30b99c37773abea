import type { AuditLog } from '../../audit/log';
import type { Clock } from '../../domain/shared/clock';
import type { Outbox } from '../../delivery/outbox';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import type { Roles } from '../../store/roles';
import type { AdminAccess } from './admins';
import type { CascadeSettings, EmailFallback, RoundViews } from './types';

export interface RoundDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly views: RoundViews;
  readonly cascade: CascadeSettings;
  /** The roles service (admins, managers): FeatureDeps.roles. */
  readonly roles: Roles;
  readonly logger: Logger;
  readonly audit: AuditLog;
  /** A signed, expiring CSV link for admins (undefined when exports are off). */
  readonly exportUrl?: (roundId: string) => Promise<string | undefined>;
  /** LOCATION_FRESH_HOURS: how long today's prefecture from a start check-in counts for prefecture rounds (default 24). */
  readonly locationFreshHours?: number;
  /** The e-mail fallback (off when undefined): mailer, signed link, delay. */
  readonly email?: EmailFallback;
}

/** Today's prefecture counts when given after this moment. */
export function locationFreshSince(deps: Pick<RoundDeps, 'clock' | 'locationFreshHours'>): Date {
  return new Date(deps.clock.now().getTime() - (deps.locationFreshHours ?? 24) * 3_600_000);
}

/** What every round use case receives: the service's collaborators and the admin rules. */
export type RoundContext = RoundDeps & AdminAccess;
