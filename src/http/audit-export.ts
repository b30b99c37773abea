import type restify from 'restify';
import type { Logger } from '../log/logger';

const AUDIT_EXPORT_PATH = '/api/exports/audit.csv';

/** The period and tenant of an audit export: local dates (YYYY-MM-DD, both included). */
export interface AuditExportQuery {
  readonly from: string;
  readonly to: string;
  /** Absent: every tenant (links made by operators with `npm run audit:export -- --link`). */
  readonly tenantId?: string;
}

/** What the route needs from the app (wiring fills it; undefined while starting). */
export interface AuditExports {
  verify(path: string, exp: string | undefined, sig: string | undefined): boolean;
  /** Undefined when the query is not a valid period. */
  auditCsv(query: AuditExportQuery): AsyncIterable<string> | undefined;
}

/**
 * The text a link's signature covers: path and parameters in one fixed order, so a link cannot be
 * widened (another period, another tenant, all tenants) without breaking its signature.
 */
function signedPart(query: AuditExportQuery): string {
  const tenant = query.tenantId === undefined ? '' : `&tenant=${encodeURIComponent(query.tenantId)}`;
  return `${AUDIT_EXPORT_PATH}?from=${encodeURIComponent(query.from)}&to=${encodeURIComponent(query.to)}${tenant}`;
}

/** A signed, expiring export link (path and query; prefix the public base URL). */
export function auditExportLink(sign: (path: string, ttlSeconds: number) => string, query: AuditExportQuery, ttlSeconds: number): string {
  const part = signedPart(query);
  // The signer appends "?exp=…&sig=…" to a bare path; our path has a query already.
  return `${part}&${sign(part, ttlSeconds).slice(part.length + 1)}`;
}

/** GET /api/exports/audit.csv?from&to[&tenant]&exp&sig: the auditors' CSV, streamed. */
export function registerAuditExport(server: restify.Server, exports: () => AuditExports | undefined, logger: Logger): void {
  server.get(AUDIT_EXPORT_PATH, async (req, res) => {
    const ex = exports();
    const params = new URL(req.url ?? '', 'http://local').searchParams;
    const from = params.get('from');
    const to = params.get('to');
    const tenant = params.get('tenant');
    const query: AuditExportQuery | undefined = from && to ? { from, to, ...(tenant === null ? {} : { tenantId: tenant }) } : undefined;
    const valid = ex && query && ex.verify(signedPart(query), params.get('exp') ?? undefined, params.get('sig') ?? undefined);
    const csv = valid && query ? ex.auditCsv(query) : undefined;
    if (!csv || !query) {
      res.send(403, { error: 'link invalid or expired' });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${query.from}-${query.to}.csv"`,
      'cache-control': 'no-store',
    });
    try {
      for await (const chunk of csv) res.write(chunk);
      res.end();
    } catch (err) {
      logger.error({ err: String(err) }, 'audit export failed');
      // Headers are gone: cutting the connection is the only way to say the file is incomplete.
      res.destroy();
    }
  });
}
