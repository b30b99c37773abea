import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log/logger';

/** The signed CSV downloads linked from cards: a round's answers, a manager's team digest, the HR working-time export. */
export interface CsvExports {
  verify(path: string, exp: string | undefined, sig: string | undefined): boolean;
  roundCsv(roundId: string): Promise<string | undefined>;
  digestCsv(managerId: string, localDate: string): Promise<string | undefined>;
  /** The monthly HR export of a tenant's department (`_all`, `_none` or a department name). */
  worktimeCsv(tenantId: string, month: string, department: string): Promise<string | undefined>;
}

interface Target {
  readonly id: string;
  readonly signedPath: string;
  readonly filename: string;
  readonly load: (ex: CsvExports) => Promise<string | undefined>;
}

const UUID = /^[0-9a-f-]{36}$/;
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const DATE = /^(\d{4}-\d{2}-\d{2})\.csv$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A department name as a path segment (decoded by restify): no slash, no control character, bounded. */
const DEPARTMENT = /^([^/\\\u0000-\u001f]{1,200})\.csv$/u;

/** Answers 403 for anything but a well-formed path with a valid, unexpired signature; 404 when it names nothing. */
export function registerCsvExports(server: Server, exports: () => CsvExports | undefined, logger: Logger): void {
  const serve = async (req: Request, res: Response, target: Target | undefined) => {
    const ex = exports();
    const query = new URL(req.url ?? '', 'http://local').searchParams;
    if (!ex || !target || !ex.verify(target.signedPath, query.get('exp') ?? undefined, query.get('sig') ?? undefined)) {
      res.send(403, { error: 'link invalid or expired' });
      return;
    }
    const csv = await target.load(ex);
    if (csv === undefined) {
      res.send(404, { error: 'not found' });
      return;
    }
    logger.info({ export: target.id }, 'csv export downloaded');
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${target.filename}"`, 'cache-control': 'no-store' });
    res.end(csv);
  };

  server.get('/api/exports/rounds/:file', async (req, res) => {
    const file = String(req.params.file ?? '');
    const id = /^(.+)\.csv$/.exec(file)?.[1];
    const target = id && UUID.test(id)
      ? { id: 'round', signedPath: `/api/exports/rounds/${file}`, filename: `safety-round-${id}.csv`, load: (ex: CsvExports) => ex.roundCsv(id) }
      : undefined;
    await serve(req, res, target);
  });

  server.get('/api/exports/digests/:manager/:file', async (req, res) => {
    const manager = String(req.params.manager ?? '');
    const date = DATE.exec(String(req.params.file ?? ''))?.[1];
    const target = date && USER_ID.test(manager)
      ? {
          id: 'digest',
          signedPath: `/api/exports/digests/${encodeURIComponent(manager)}/${date}.csv`,
          filename: `team-digest-${date}.csv`,
          load: (ex: CsvExports) => ex.digestCsv(manager, date),
        }
      : undefined;
    await serve(req, res, target);
  });

  server.get('/api/exports/worktime/:tenant/:month/:file', async (req, res) => {
    const tenant = String(req.params.tenant ?? '');
    const month = String(req.params.month ?? '');
    const department = DEPARTMENT.exec(String(req.params.file ?? ''))?.[1];
    const target = department && USER_ID.test(tenant) && MONTH.test(month)
      ? {
          id: 'worktime',
          signedPath: `/api/exports/worktime/${encodeURIComponent(tenant)}/${month}/${encodeURIComponent(department)}.csv`,
          // The file name is ASCII (a department name in a header would need RFC 5987 encoding).
          filename: `worktime-${month}.csv`,
          load: (ex: CsvExports) => ex.worktimeCsv(tenant, month, department),
        }
      : undefined;
    await serve(req, res, target);
  });
}
