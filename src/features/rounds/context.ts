import type { Clock } from '../../domain/shared/clock';
import type { Outbox } from '../../delivery/outbox';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import type { AdminAccess } from './admins';
import type { CascadeSettings, RoundViews } from './types';

export interface RoundDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly views: RoundViews;
  readonly cascade: CascadeSettings;
  readonly adminIds: readonly string[];
  readonly logger: Logger;
  /** A signed, expiring CSV link for admins (undefined when exports are off). */
  readonly exportUrl?: (roundId: string) => Promise<string | undefined>;
}

/** What every round use case receives: the service's collaborators and the admin rules. */
export type RoundContext = RoundDeps & AdminAccess;
