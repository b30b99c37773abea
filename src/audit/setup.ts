import type { Config } from '../config';
import type { Clock } from '../domain/shared/clock';
import type { AuditExportQuery } from '../http/audit-export';
import type { RecurringTask } from '../jobs/recurring';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { anchorHeads, loadAnchorKey, localFileAnchorStore } from './anchor';
import { recordConfigLoaded } from './config-event';
import { auditCsv, isValidRange } from './export';
import { createAuditLog, type AuditLog } from './log';
import { every } from '../jobs/recurring';
import { auditRetentionTask } from './retention';

export interface AuditParts {
  /** Hand this to every feature that records compliance events. */
  readonly log: AuditLog;
  /** The auditors' CSV for the signed export route (undefined for an invalid period). */
  csv(query: AuditExportQuery): AsyncIterable<string> | undefined;
  readonly retention: RecurringTask;
  /** Anchors the chain heads outside the database (every AUDIT_ANCHOR_MINUTES, every replica). */
  readonly anchor: RecurringTask;
}

/**
 * The audit log for the composition root: records this start's configuration if it changed, and
 * anchors the chain heads outside the database at start, after every retention checkpoint and on
 * the anchor interval.
 */
export async function setUpAudit(deps: { db: Db; clock: Clock; config: Config; logger: Logger }): Promise<AuditParts> {
  const logger = deps.logger.child({ component: 'audit' });
  const log = createAuditLog({ clock: deps.clock });
  if (await recordConfigLoaded(deps.db, log, deps.config)) deps.logger.info('configuration changed since the last start: recorded in the audit log');
  const settings = deps.config.audit.anchor;
  const anchorKey = await loadAnchorKey(settings, { create: true });
  if (anchorKey?.source === 'file' && !deps.config.localMode) logger.warn({ dir: settings.dir }, 'audit anchors are signed with a key file next to them: set AUDIT_ANCHOR_KEY from Key Vault (docs/audit.md)');
  const store = localFileAnchorStore(settings.dir);
  const anchor = async () => (anchorKey ? anchorHeads(deps.db, { store, key: anchorKey.key, clock: deps.clock }) : 0);
  await anchor();
  return {
    log,
    csv: (q) => (isValidRange(q) ? auditCsv(deps.db, q, deps.config.defaults.timeZone) : undefined),
    retention: auditRetentionTask({ db: deps.db, clock: deps.clock, policy: { generalDays: deps.config.audit.retentionDays }, logger, afterCheckpoint: anchor }),
    anchor: every(settings.minutes * 60, { name: 'audit anchor', run: anchor }),
  };
}
