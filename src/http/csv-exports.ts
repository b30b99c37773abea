import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log/logger';

/** The signed CSV downloads linked from cards: a round's answers, a manager's team digest. */
export interface CsvExports {
  verify(path: string, exp: string | undefined, sig: string | undefined): boolean;
  roundCsv(roundId: string): Promise<string | undefined>;
  digestCsv(managerId: string, localDate: string): Promise<string | undefined>;
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
}
