import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, type CheckinSchedule } from '../../src/domain/checkins/schedule';
import {
  inWorkingHours, leftDesk, screenLockSkip, upcomingNudges, vpnSignalDueAt, vpnSkip, type ReminderPolicy, type ScreenLockCheck,
} from '../../src/domain/reminders/rules';

const tokyo = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);
const policy: ReminderPolicy = {
  screenLockTimes: ['12:00', '15:00'], screenLockMaxPerDay: 3, screenLockMinGapMinutes: 60,
  vpnDelayMinutes: 10, vpnRepeatMinutes: 10, vpnMax: 3, vpnSignalGraceMinutes: 30, vpnNoCheckoutMinutes: 120,
};
const TUESDAY = '2026-11-24';
const check = (over: Partial<ScreenLockCheck> = {}): ScreenLockCheck => ({
  now: tokyo(TUESDAY, '14:00'), workDate: TUESDAY, schedule: DEFAULT_SCHEDULE, dayStatus: 'started', reason: 'presence',
  dueAt: tokyo(TUESDAY, '14:00'), seq: 1, laterNudgesOn: true, lastSentAt: undefined, presenceSentToday: 0, policy, ...over,
});

describe('reminder rules', () => {
  it('only at-desk → away counts as leaving the PC', () => {
    expect(leftDesk('Available', 'Away')).toBe(true);
    expect(leftDesk('DoNotDisturb', 'BeRightBack')).toBe(true);
    expect(leftDesk('Busy', 'Offline')).toBe(false);
    expect(leftDesk('AvailableIdle', 'Away')).toBe(false);
    expect(leftDesk(undefined, 'Away')).toBe(false);
  });

  it('working hours: scheduled hours of a workday, never on holidays or weekends', () => {
    expect(inWorkingHours(tokyo(TUESDAY, '09:00'), TUESDAY, DEFAULT_SCHEDULE)).toBe(true);
    expect(inWorkingHours(tokyo(TUESDAY, '18:00'), TUESDAY, DEFAULT_SCHEDULE)).toBe(false);
    expect(inWorkingHours(tokyo('2026-11-23', '12:00'), '2026-11-23', DEFAULT_SCHEDULE)).toBe(false); // 勤労感謝の日
    expect(inWorkingHours(tokyo('2026-11-28', '12:00'), '2026-11-28', DEFAULT_SCHEDULE)).toBe(false); // Saturday
    const night: CheckinSchedule = { ...DEFAULT_SCHEDULE, startTime: '22:00', endTime: '06:00' };
    expect(inWorkingHours(tokyo('2026-11-25', '03:00'), TUESDAY, night)).toBe(true);
  });

  it('nudges: the configured times still ahead and inside working hours', () => {
    expect(upcomingNudges(TUESDAY, DEFAULT_SCHEDULE, ['08:00', '12:00', '15:00'], tokyo(TUESDAY, '12:30'))).toEqual([{ seq: 3, at: tokyo(TUESDAY, '15:00') }]);
    expect(upcomingNudges('2026-11-23', DEFAULT_SCHEDULE, ['12:00'], tokyo('2026-11-23', '09:00'))).toEqual([]);
  });

  it('screen lock: day status, limit, gap, opt-out and lateness', () => {
    expect(screenLockSkip(check())).toBeUndefined();
    expect(screenLockSkip(check({ dayStatus: 'ended' }))).toBe('checked_out');
    expect(screenLockSkip(check({ dayStatus: 'office' }))).toBe('day_off');
    expect(screenLockSkip(check({ dayStatus: undefined }))).toBe('not_started');
    expect(screenLockSkip(check({ presenceSentToday: 3 }))).toBe('daily_limit');
    expect(screenLockSkip(check({ lastSentAt: tokyo(TUESDAY, '13:30') }))).toBe('too_soon');
    expect(screenLockSkip(check({ lastSentAt: tokyo(TUESDAY, '13:00') }))).toBeUndefined();
    expect(screenLockSkip(check({ reason: 'scheduled', seq: 2, laterNudgesOn: false }))).toBe('opted_out');
    expect(screenLockSkip(check({ reason: 'scheduled', dueAt: tokyo(TUESDAY, '12:00') }))).toBe('late');
    expect(screenLockSkip(check({ now: tokyo(TUESDAY, '18:30'), dueAt: tokyo(TUESDAY, '18:30') }))).toBe('outside_hours');
  });

  it('VPN: the gateway decides when it reports; otherwise the work day does', () => {
    const base = { now: tokyo(TUESDAY, '18:15'), dueAt: tokyo(TUESDAY, '18:15'), workDate: TUESDAY, schedule: DEFAULT_SCHEDULE, dayStatus: 'ended' as const };
    expect(vpnSkip({ ...base, reason: 'checkout_answer', session: undefined })).toBeUndefined();
    expect(vpnSkip({ ...base, reason: 'checkout_answer', session: { open: false, lastEventAt: tokyo(TUESDAY, '18:10') } })).toBe('vpn_closed');
    expect(vpnSkip({ ...base, reason: 'checkout_answer', session: { open: false, lastEventAt: tokyo('2026-11-20', '18:10') } })).toBeUndefined();
    expect(vpnSkip({ ...base, reason: 'vpn_signal', session: undefined })).toBe('vpn_closed');
    expect(vpnSkip({ ...base, reason: 'checkout_answer', session: undefined, dayStatus: 'day_off' })).toBe('day_off');
  });

  it('an open session: 30 min after the check-out, or 2 h after the scheduled end, never before its own grace', () => {
    const at = (openedAt: Date, endedAt?: Date) => vpnSignalDueAt({ workDate: TUESDAY, schedule: DEFAULT_SCHEDULE, openedAt, endedAt, policy });
    expect(at(tokyo(TUESDAY, '09:00'), tokyo(TUESDAY, '18:05'))).toEqual(tokyo(TUESDAY, '18:35'));
    expect(at(tokyo(TUESDAY, '09:00'))).toEqual(tokyo(TUESDAY, '20:00'));
    expect(at(tokyo(TUESDAY, '19:00'), tokyo(TUESDAY, '18:05'))).toEqual(tokyo(TUESDAY, '19:30'));
  });
});
