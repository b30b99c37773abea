import { addDays, isLocalDate, zonedTimeToUtc, type LocalDate } from '../domain/calendar';
import { csvCell } from '../domain/shared/csv';
import type { Executor } from '../store/db';
import { canonicalJson } from './hash';
import { auditRepo, type StoredRow } from './repository';

/** Local dates, both included, in the company's time zone; no tenant: every tenant (operators). */
export interface AuditExportRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly tenantId?: string;
}

const COLUMNS = ['seq', 'chain', 'at', 'tenant_id', 'kind', 'actor_id', 'subject_id', 'data', 'prev_hash', 'hash'] as const;
const PAGE = 2000;

export function isValidRange(range: { from: string; to: string }): boolean {
  return isLocalDate(range.from) && isLocalDate(range.to) && range.from <= range.to;
}

/**
 * The audit rows of a period as CSV, oldest first, in pages (years of rows never sit in memory).
 * Every column that goes into a row's hash is there, `data` as the canonical JSON that is hashed,
 * so an auditor can recompute each hash and link from the file alone (docs/audit.md).
 */
export async function* auditCsv(ex: Executor, range: AuditExportRange, timeZone: string): AsyncGenerator<string> {
  if (!isValidRange(range)) throw new Error('audit export: invalid range');
  const from = zonedTimeToUtc(range.from, '00:00', timeZone);
  const to = zonedTimeToUtc(addDays(range.to, 1), '00:00', timeZone);
  // A BOM so that Excel (the usual reader in Japanese offices) opens UTF-8 correctly.
  yield `\uFEFF${COLUMNS.join(',')}\r\n`;
  let after: { at: Date; seq: number } | undefined;
  for (;;) {
    const rows = await auditRepo.exportPage(ex, { from, to, tenantId: range.tenantId, after, limit: PAGE });
    if (rows.length) yield rows.map(line).join('');
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1] as StoredRow;
    after = { at: last.at, seq: last.seq };
  }
}

const line = (row: StoredRow): string =>
  `${[row.seq, row.chain, row.at.toISOString(), row.tenantId, row.kind, row.actorId, row.subjectId, canonicalJson(row.data), row.prevHash, row.hash].map(csvCell).join(',')}\r\n`;
