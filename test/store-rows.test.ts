import { describe, expect, it } from 'vitest';
import { rowMapper } from '../src/store/rows';

interface Row {
  user_id: string;
  late_night_minutes: number | null;
  due_at: string | null;
  violations: string[] | null;
  not_listed: string;
}

interface Day {
  readonly userId: string;
  readonly lateNightMinutes?: number;
  readonly dueAt?: Date;
  readonly violations: string[];
}

const toDay: (row: Row) => Day = rowMapper<Row>()(['user_id', 'late_night_minutes', 'due_at', 'violations'], {
  due_at: (cell) => (cell ? new Date(cell) : undefined),
  violations: (kinds) => kinds ?? [],
});

describe('rowMapper', () => {
  it('renames the listed columns to camelCase, reads null as absent, applies converters and drops other columns', () => {
    const row: Row = { user_id: 'u1', late_night_minutes: null, due_at: '2026-04-01T09:00:00Z', violations: null, not_listed: 'x' };
    expect(toDay(row)).toStrictEqual({ userId: 'u1', lateNightMinutes: undefined, dueAt: new Date('2026-04-01T09:00:00Z'), violations: [] });
  });

  it('keeps zero and false (only null is absent)', () => {
    const row: Row = { user_id: 'u2', late_night_minutes: 0, due_at: null, violations: ['rest'], not_listed: '' };
    expect(toDay(row)).toStrictEqual({ userId: 'u2', lateNightMinutes: 0, dueAt: undefined, violations: ['rest'] });
  });

  it('does not compile with a column the row does not have, or without a required field', () => {
    // @ts-expect-error 'user' is not a column of Row
    rowMapper<Row>()(['user']);
    // @ts-expect-error no column gives Day its required userId
    const incomplete: (row: Row) => Day = rowMapper<Row>()(['violations'], { violations: (kinds) => kinds ?? [] });
    expect(incomplete).toBeTypeOf('function');
  });
});
