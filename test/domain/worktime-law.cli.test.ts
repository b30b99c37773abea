import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/worktime.ts');
const FIXTURE = path.join(ROOT, 'test/fixtures/worktime/example-week.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'worktime-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function inputFile(name: string, content: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const day = (date: string, from: string, to: string, breakMinutes = 0) => ({ start: `${date}T${from}:00+09:00`, end: `${date}T${to}:00+09:00`, breakMinutes });

describe('npm run worktime -- --input FILE.json', () => {
  it('prints the months of the example week: 600 overtime, no holiday work, exit 0', () => {
    const { code, stdout, stderr } = run('--input', FIXTURE);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({
      months: [
        {
          month: '2026-11',
          workedMinutes: 3000,
          overtimeMinutes: 600,
          legalHolidayMinutes: 0,
          lateNightMinutes: 0,
          healthCheckMinutes: 0,
          limits: { monthly45: false, monthly100: false, average80: false, yearly360: false, yearly720: false, over45Months: 0, interviewNotice: false },
        },
      ],
    });
  });

  it('applies the policy defaults when fields are left out (specialClause, flex, …)', () => {
    const file = inputFile('defaults.json', { policy: {}, days: [day('2026-11-08', '09:00', '20:00', 60)] });
    const { code, stdout } = run('--input', file);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).months[0]).toMatchObject({ legalHolidayMinutes: 600, overtimeMinutes: 0 });
  });

  it.each([
    ['an end before the start', { policy: {}, days: [day('2026-11-02', '09:00', '18:00'), day('2026-11-03', '09:00', '18:00'), day('2026-11-04', '18:00', '09:00')] }, 'days[2].end: must be an ISO date-time with offset, after start'],
    ['a missing field', { policy: {}, days: [{ start: '2026-11-02T09:00:00+09:00', end: '2026-11-02T18:00:00+09:00' }] }, 'days[0].breakMinutes: is required'],
    ['a misspelt policy field', { policy: { legalholiday: 'sat' }, days: [] }, "policy: Unrecognized key(s) in object: 'legalholiday'"],
    ['an unknown time zone', { policy: { timeZone: 'Tokyo' }, days: [] }, 'policy.timeZone: must be an IANA time zone such as Asia/Tokyo'],
    ['a weekly limit of 48', { policy: { weeklyLimitHours: 48 }, days: [] }, 'policy.weeklyLimitHours: must be 40 or 44'],
    ['a string for a number', { days: [{ start: '2026-11-02T09:00:00+09:00', end: '2026-11-02T18:00:00+09:00', breakMinutes: '60' }] }, 'days[0].breakMinutes: must be a number, not string'],
    ['not JSON', '{ "days": [', 'not valid JSON'],
  ])('bad input (%s): one stderr line naming the field, exit 2, empty stdout', (_label, content, message) => {
    const { code, stdout, stderr } = run('--input', inputFile(`bad-${_label.replace(/\W+/g, '-')}.json`, content));
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('a missing file: one line, exit 2', () => {
    const { code, stdout, stderr } = run('--input', path.join(scratch, 'nope.json'));
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('nope.json: cannot read the file')]);
  });

  it('no --input: the usage line, exit 2', () => {
    const { code, stdout, stderr } = run();
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'usage: npm run -s worktime -- --input FILE.json\n' });
  });
});
