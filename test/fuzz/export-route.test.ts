import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { seedPeople, type Person } from '../support/people';
import { ADMIN, startFuzzApp, TENANT, type FuzzApp } from './app';
import { hostileString, runs } from './hostile';

/**
 * GET /api/exports/rounds/:file under hostile file names, expiries and signatures: 403 or 404, never a
 * 5xx, nothing stored. The real link works, and every name in the CSV (hostile ones included) comes
 * out as text: a cell a spreadsheet would read as a formula starts with an apostrophe.
 */
const FORMULA_START = /^[=+\-@|\t\r\n \uFF1D\uFF0B\uFF0D\uFF20\uFF5C]/;
/** PostgreSQL text cannot hold NUL or lone surrogates: such names never reach the store. */
const storable = (s: string) => !/\u0000|\p{Cs}/u.test(s) && s.length <= 256;

/** The cells of a CSV written by src/features/rounds/export.ts (every cell quoted). */
function csvCells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = csv.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < csv.length) {
    if (csv[i] === '"') {
      let cell = '';
      for (i += 1; i < csv.length; i += 1) {
        if (csv[i] === '"' && csv[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (csv[i] === '"') break;
        else cell += csv[i];
      }
      row.push(cell);
      i += 1;
    } else if (csv[i] === ',') i += 1;
    else if (csv.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      // Unquoted: the header line.
      const end = csv.slice(i).search(/[,\r]/);
      row.push(csv.slice(i, end < 0 ? undefined : i + end));
      i = end < 0 ? csv.length : i + end;
    }
  }
  return rows;
}

describe('fuzz: CSV export route', () => {
  let fz: FuzzApp;
  let before: Record<string, number>;
  let link = '';
  const names = fc.sample(hostileString.filter(storable), { numRuns: 60, seed: 42 });

  beforeAll(async () => {
    fz = await startFuzzApp();
    const people: Person[] = names.map((name, i) => ({ id: `csv-${i}`, name, department: Array.from(name).slice(0, 50).join('') || 'd' }));
    await seedPeople(fz.app.db, fz.cloud.state, { tenantId: TENANT, connectorUrl: fz.cloud.connectorUrl, people });
    await fz.app.rounds.start({ tenantId: TENANT, source: 'admin', form: { kind: 'other', scope: 'everyone', departments: [], prefectures: [], people: [], drill: true } });
    const roundId = (await fz.app.db.query<{ id: string }>('select id from safety_rounds')).rows[0]?.id ?? '';
    const res = await fz.post(fz.activityJson(ADMIN, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: VERBS.roundRefresh, data: { roundId } } } }));
    link = /\/api\/exports\/rounds\/[0-9a-f-]{36}\.csv\?exp=\d+&sig=[\w-]+/.exec(res.text)?.[0] ?? '';
    expect(link).not.toBe('');
    before = await fz.counts();
  });
  afterAll(async () => {
    await fz?.stop();
  });

  const get = async (path: string) => {
    const res = await fetch(`${fz.app.url}${path}`);
    return { status: res.status, text: await res.text() };
  };

  it('the real link: every name is in the CSV, none of them as a formula', async () => {
    const res = await get(link);
    expect(res.status).toBe(200);
    const cells = csvCells(res.text).slice(1).flat();
    for (const cell of cells) if (FORMULA_START.test(cell)) throw new Error(`formula cell: ${JSON.stringify(cell)}`);
    for (const name of names) expect(cells).toContain(FORMULA_START.test(name) ? `'${name}` : name);
  });

  it('hostile file names, expiries and signatures', async () => {
    const [path, query] = link.split('?') as [string, string];
    const params = new URLSearchParams(query);
    const file = fc.oneof(
      hostileString.filter((s) => !/\p{Cs}/u.test(s)).map(encodeURIComponent),
      fc.uuid().map((u) => `${u}.csv`),
      fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', '%ff%fe', `${path.split('/').pop()}%00`, 'x'.repeat(5_000)),
    );
    const value = fc.oneof(fc.constant(undefined), hostileString, fc.constant(params.get('exp') ?? ''), fc.constant(params.get('sig') ?? ''), fc.constant('9'.repeat(30)));
    await fc.assert(
      fc.asyncProperty(file, value, value, async (name, exp, sig) => {
        const q = new URLSearchParams();
        if (exp !== undefined) q.set('exp', exp);
        if (sig !== undefined) q.set('sig', sig);
        const res = await get(`/api/exports/rounds/${name}?${q.toString()}`);
        // 403/404 from the route; Node itself answers 431 to a URL over its header limit.
        expect([403, 404, 414, 431], res.text.slice(0, 200)).toContain(res.status);
        expect(res.text).not.toMatch(/stack|at \w+ \(|Error:/);
      }),
      { numRuns: runs(100) },
    );
    expect(await fz.counts()).toEqual(before);
  });

  it('a valid link altered in one place is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: link.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), async (at, ch) => {
        fc.pre(link[at] !== ch);
        const res = await get(`${link.slice(0, at)}${encodeURIComponent(ch)}${link.slice(at + 1)}`);
        expect(res.status).toBeLessThan(500);
        if (res.status === 200) expect(res.text).toMatch(/^\uFEFFuser_id,/);
      }),
      { numRuns: runs(60) },
    );
  });

  it('still answers /healthz afterwards', async () => {
    await fz.healthy();
  });
});
