// The 80-hour notice (労働安全衛生規則 52条の2, on its own basis: work beyond 40 h a week) right after
// the end-of-day check-in that crosses the line, through the app on a fake clock: also for people without a manager, whom no digest reaches;
// once a month; nothing below the line. Cards as the local connector receives them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs';
import { pendingCount } from '../../src/delivery/status';
import type { Db } from '../../src/store/db';
import { cardText, executeActivity, startTestApp, type TestApp } from '../support/app';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FakeClock } from '../support/fake-clock';
import { waitUntil } from '../support/fanout';
import { seedPeople } from '../support/people';

const TENANT = 'tenant-overtime';
const DAY = '2026-11-27'; // a Friday
const START = {
  date: DAY, startTime: '09:00', place: 'home', connection: 'wired', device: 'company_pc', screenPrivate: 'true', notShared: 'true', vpnConnected: 'true',
  securityUpdated: 'true', rulesAcknowledged: 'true', mood: '4',
};
const END = { date: DAY, endTime: '18:00', break1Start: '12:00', break1End: '13:00', break2Start: '', break2End: '', vpnDisconnected: 'true', loggedOff: 'true', pcStored: 'true', mood: '3', comment: '' };
/** November's workdays before the 27th (the 3rd and the 23rd are national holidays). */
const WORKDAYS = ['02', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '24', '25', '26'].map((d) => `2026-11-${d}`);

/** A month of long days before today, from 09:00 to `endTime` without a break (the law's figures come from the times). */
async function seedMonth(db: Db, userId: string, endTime: string): Promise<void> {
  for (const date of WORKDAYS) {
    await db.query(
      `insert into checkins (user_id, work_date, tenant_id, status, start_answers, end_answers, start_time, end_time, break_minutes, working_minutes, late_night_minutes)
       values ($1, $2, $3, 'ended', '{"mood":4}', '{"mood":4}', '09:00', $4, 0, 0, 0)`,
      [userId, date, TENANT, endTime],
    );
  }
}

describe('80-hour notice after the end-of-day check-in', () => {
  const clock = new FakeClock(`${DAY}T18:05:00+09:00`);
  let cloud: FakeCloud;
  let app: TestApp;

  beforeAll(async () => {
    cloud = await startFakeCloud();
    app = await startTestApp({ DELIVERY_RATE_PER_SECOND: '1000' }, { clock });
    await seedPeople(app.db, cloud.state, {
      tenantId: TENANT, connectorUrl: cloud.connectorUrl,
      people: [
        { id: 'solo', name: '伊藤 健', department: '役員' }, // no manager
        { id: 'emp', name: '田中 次郎', department: '開発部', managerId: 'mgr' },
        { id: 'mgr', name: '鈴木 一郎', department: '開発部' },
      ],
    });
    // The 安衛法 basis: November's work − floor(2400 × 30 / 7) = 10285 minutes.
    await seedMonth(app.db, 'solo', '23:20'); // 17 × 860 = 14620: 72 h 15 m before today, 80 h 15 m with today's 8 h
    await seedMonth(app.db, 'emp', '21:00'); // 17 × 720 = 12240: 40 h 35 m with today's
  });
  afterAll(async () => {
    await app?.stop();
    await cloud?.stop();
  });

  const who = (user: string) => ({ serviceUrl: cloud.connectorUrl, user, tenant: TENANT });
  const settle = () => waitUntil(async () => (await pendingCount(app.db)) === 0, 20_000, 50);
  const notices = (user: string) => cloud.state.cardsFor(user).filter((r) => r.kind !== 'update' && cardText(r.activity).includes('66条の8'));
  const workDay = async (user: string) => {
    for (const [verb, data] of [[VERBS.startSubmit, START], [VERBS.endSubmit, END]] as const) {
      expect((await app.post(executeActivity(who(user), verb, data))).status).toBe(200);
    }
  };

  it('a person without a manager past 80 h gets the notice right after ending the day, once', async () => {
    await workDay('solo');
    await settle();
    expect(notices('solo')).toHaveLength(1);
    const text = cardText(notices('solo')[0]?.activity);
    expect(text).toContain('80時間');
    // The figures on the law's basis, what the line means and how to ask for the interview.
    expect(text).toContain('週40時間を超えた時間（安衛法の算定）');
    expect(text).toContain('80時間15分');
    expect(text).toContain('医師による面接指導を受けられます');
    expect(text).toContain('人事・総務部門または産業医に申し出てください');
    // Ending the day again (a correction): no second notice this month.
    expect((await app.post(executeActivity(who('solo'), VERBS.endSubmit, { ...END, endTime: '19:00' }))).status).toBe(200);
    await settle();
    expect(notices('solo')).toHaveLength(1);
    expect((await app.db.query(`select month, worked_minutes, health_check_minutes from overtime_notices where user_id = 'solo'`)).rows).toEqual([
      { month: '2026-11', worked_minutes: 14620 + 480, health_check_minutes: 14620 + 480 - 10285 },
    ]);
  });

  it('below the line nothing is sent', async () => {
    await workDay('emp');
    await settle();
    expect(notices('emp')).toHaveLength(0);
    expect((await app.db.query(`select * from overtime_notices where user_id = 'emp'`)).rows).toEqual([]);
  });
});
