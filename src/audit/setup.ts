import type { Config } from '../config';
import type { Clock } from '../domain/shared/clock';
import type { AuditExportQuery } from '../http/audit-export';
import type { RecurringTask } from '../jobs/recurring';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { recordConfigLoaded } from './config-event';
import { auditCsv, isValidRange } from './export';
import { createAuditLog, type AuditLog } from './log';
import { auditRetentionTask } from './retention';

export interface AuditParts {
  /** Hand this to every feature that records compliance events. */
  readonly log: AuditLog;
  /** The auditors' CSV for the signed export route (undefined for an invalid period). */
  csv(query: AuditExportQuery): AsyncIterable<string> | undefined;
  readonly retention: RecurringTask;
}

/** The audit log for the composition root: records this start's configuration if it changed. */
export async function setUpAudit(deps: { db: Db; clock: Clock; config: Config; logger: Logger }): Promise<AuditParts> {
  const log = createAuditLog({ clock: deps.clock });
  if (await recordConfigLoaded(deps.db, log, deps.config)) deps.logger.info('configuration changed since the last start: recorded in the audit log');
  return {
    log,
    csv: (q) => (isValidRange(q) ? auditCsv(deps.db, q, deps.config.defaults.timeZone) : undefined),
    retention: auditRetentionTask({ db: deps.db, clock: deps.clock, policy: { generalDays: deps.config.audit.retentionDays }, logger: deps.logger.child({ component: 'audit' }) }),
  };
}
