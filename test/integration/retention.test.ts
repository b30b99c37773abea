import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { openTestStore, storeKinds, type StoreKind } from '../support/db';
import { FakeClock } from '../support/fake-clock';

// Monday 2026-11-30 09:00 in Tokyo; "old" is past every default period, "recent" inside every one.
const clock = new FakeClock('2026-11-30T00:00:00Z');
const OLD = '2020-06-01T00:00:00Z';
const RECENT = '2026-11-20T00:00:00Z';
const T = 'tenant-retention';

/** One record of each kind, old and recent, as each feature stores them. */
const SEED = `
  insert into signals (id, tenant_id, user_id, type, occurred_at, device, data, received_at, processed_at) values
    ('sig-old', '${T}', 'u1', 'device.lost', '${OLD}', '{"name":"Taro の PC","serial":"SN-1"}', '{"note":"left on the train"}', '${OLD}', '${OLD}'),
    ('sig-new', '${T}', 'u1', 'vpn.session.opened', '${RECENT}', '{"name":"Taro の PC"}', '{"gateway":"gw-1"}', '${RECENT}', '${RECENT}');
  insert into device_incidents (id, tenant_id, user_id, source, source_key, kind, device_type, serial, lost_when, lost_where, last_used, encrypted, screen_locked,
      data_on_it, personal_data, police_report, state, discovered_at, closed_at, created_at) values
    ('inc-old', '${T}', 'u1', 'report', 'report:u1:1', 'lost', 'company_pc', 'SN-1', '昨日の夜', '山手線の網棚', '22時ごろ', 'yes', 'yes', '顧客名簿', 'yes', '新宿署 受理番号 123', 'closed', '${OLD}', '${OLD}', '${OLD}'),
    ('inc-open', '${T}', 'u1', 'report', 'report:u1:2', 'lost', 'company_pc', 'SN-2', '今朝', '駅', null, 'yes', 'yes', null, 'no', null, 'open', '${OLD}', null, '${OLD}');
  insert into device_incident_devices (incident_id, device_id, device_name) values ('inc-old', 'dev-1', 'TARO-YAMADA-PC'), ('inc-open', 'dev-2', 'TARO-PHONE');
  insert into approval_requests (id, idempotency_key, kind, tenant_id, requester_id, approver_ids, requester_may_approve, required_approvals, payload, state, expires_at, created_at, decided_at) values
    ('apr-old', 'k1', 'paper_takeout', '${T}', 'u1', '["m1"]', false, 1, '{"reason":"家で契約書を確認"}', 'rejected', null, '${OLD}', '${OLD}'),
    ('apr-active', 'k2', 'private_pc', '${T}', 'u1', '["m1"]', false, 1, '{"reason":"私物PCで作業"}', 'approved', null, '${OLD}', '${OLD}');
  insert into approval_votes (request_id, actor_id, decision, comment, decided_at) values ('apr-old', 'm1', 'reject', '理由が足りません', '${OLD}');
  insert into gap_checks (user_id, work_date, tenant_id, status, reason, reason_note, answered_at) values
    ('u1', '2020-06-01', '${T}', 'answered', 'other', '子どもの送迎で席を外した', '${OLD}'),
    ('u1', '2026-11-19', '${T}', 'answered', 'other', '通院', '${RECENT}');
  insert into checkins (user_id, work_date, tenant_id, status, start_answers, end_answers, start_time, end_time, updated_at) values
    ('u1', '2020-06-01', '${T}', 'ended', '{"place":"home","comment":"体調がすぐれない"}', '{"mood":"ok","comment":"眠い"}', '09:00', '18:00', '${OLD}'),
    ('u1', '2026-11-19', '${T}', 'ended', '{"place":"home","comment":"元気です"}', null, '09:00', '18:00', '${RECENT}');
`;

describe.each(storeKinds())('data retention on %s', (kind: StoreKind) => {
  let app: TestApp;
  let close: () => Promise<void>;
  const one = async <T>(sql: string): Promise<T> => (await app.db.query<T>(sql)).rows[0] as T;

  beforeAll(async () => {
    const store = await openTestStore(kind);
    close = store.close;
    await store.db.exec(SEED);
    // The scheduler on: the retention job runs once at start, then daily.
    app = await startTestApp({ SCHEDULER_ENABLED: 'true' }, { db: store.db, clock });
    const until = Date.now() + 20_000;
    while (!(await app.db.query(`select 1 from audit_log where kind = 'retention.applied'`)).rows.length) {
      if (Date.now() > until) throw new Error('retention did not run');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await app?.stop();
    await close?.();
  });

  it('clears what signal senders said after the period, and keeps the event', async () => {
    expect(await one(`select id, type, user_id, data, device from signals where id = 'sig-old'`)).toEqual({ id: 'sig-old', type: 'device.lost', user_id: 'u1', data: null, device: null });
    expect(await one(`select data, device from signals where id = 'sig-new'`)).toEqual({ data: { gateway: 'gw-1' }, device: { name: 'Taro の PC' } });
  });

  it('clears the free text of incidents closed long ago, never of open ones', async () => {
    expect(await one(`select lost_when, lost_where, last_used, data_on_it, police_report, serial, kind, state from device_incidents where id = 'inc-old'`)).toEqual({
      lost_when: null, lost_where: null, last_used: null, data_on_it: null, police_report: null, serial: 'SN-1', kind: 'lost', state: 'closed',
    });
    expect(await one(`select device_name from device_incident_devices where incident_id = 'inc-old'`)).toEqual({ device_name: '' });
    expect(await one(`select lost_where from device_incidents where id = 'inc-open'`)).toEqual({ lost_where: '駅' });
    expect(await one(`select device_name from device_incident_devices where incident_id = 'inc-open'`)).toEqual({ device_name: 'TARO-PHONE' });
  });

  it('clears payloads and comments of decided requests, not of an approval still in force', async () => {
    expect(await one(`select payload, state from approval_requests where id = 'apr-old'`)).toEqual({ payload: {}, state: 'rejected' });
    expect(await one(`select comment, decision from approval_votes where request_id = 'apr-old'`)).toEqual({ comment: null, decision: 'reject' });
    expect(await one(`select payload from approval_requests where id = 'apr-active'`)).toEqual({ payload: { reason: '私物PCで作業' } });
  });

  it('clears old gap notes and check-in comments; reason codes and working times stay (労働基準法109条)', async () => {
    expect((await app.db.query(`select work_date::text as day, reason, reason_note from gap_checks order by work_date`)).rows).toEqual([
      { day: '2020-06-01', reason: 'other', reason_note: null },
      { day: '2026-11-19', reason: 'other', reason_note: '通院' },
    ]);
    expect((await app.db.query(`select work_date::text as day, start_answers, end_answers, start_time, end_time from checkins order by work_date`)).rows).toEqual([
      { day: '2020-06-01', start_answers: { place: 'home' }, end_answers: { mood: 'ok' }, start_time: '09:00', end_time: '18:00' },
      { day: '2026-11-19', start_answers: { place: 'home', comment: '元気です' }, end_answers: null, start_time: '09:00', end_time: '18:00' },
    ]);
  });

  it('records counts only in the audit log, which stays verifiable', async () => {
    const row = await one<{ data: { counts: Record<string, number> }; tenant_id: string | null }>(`select data, tenant_id from audit_log where kind = 'retention.applied'`);
    expect(row.data.counts).toEqual({
      'check-in comments': 1, 'signal payloads and device names': 1, 'lost-device incident details': 1, 'approval payloads and comments': 1, 'gap check reason notes': 1,
    });
    expect(JSON.stringify(row)).not.toMatch(/通院|子ども|眠い|網棚/);
  });
});
