import { describe, it, expect } from 'vitest';
import { createRoundViews } from '../src/features/rounds/views';
import type { Round } from '../src/features/rounds/repository';
import type { Tally } from '../src/features/rounds/types';

const startedAt = new Date('2025-07-01T00:12:00Z');
const round: Round = {
  id: '00000000-0000-4000-8000-000000000001', tenantId: 't1', kind: 'earthquake', isDrill: true, status: 'open', source: 'admin', startedAt,
  scope: { scope: 'everyone', departments: [], prefectures: [], people: [] },
};
const tally: Tally = {
  total: 0, answered: 0, pending: 0, byDepartment: [],
  byStatus: { safe: 0, minor_injury: 0, serious_injury: 0, needs_help: 0, reached_safe: 0, reached_injured: 0, unreachable: 0 },
  delivery: { total: 0, queued: 0, inFlight: 0, retrying: 0, sent: 0, failed: 0, cancelled: 0, failedByReason: {} },
};
const views = createRoundViews({ now: () => startedAt }, 'Asia/Tokyo');
const text = (card: object): string => JSON.stringify(card);

describe('round card times', () => {
  it("are shown in the viewer's time zone", () => {
    expect(text(views.tally(round, tally, { locale: 'en', timeZone: 'Europe/London' }))).toContain('Tue Jul 1 01:12');
    expect(text(views.check(round, { locale: 'ja', timeZone: 'America/Los_Angeles' }))).toContain('6/30（月）17:12');
  });

  it("fall back to the company's zone for a card sent to many people", () => {
    expect(text(views.check(round, { locale: 'ja' }))).toContain('7/1（火）09:12');
  });
});
