import type { CheckinService } from '../features/checkins/service';
import type { RoundService } from '../features/rounds/service';
import type { Config } from '../config';
import type { Clock } from '../domain/shared/clock';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';

export interface TeamsDeps {
  readonly db: Db;
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly checkins: CheckinService;
  readonly rounds: RoundService;
}
