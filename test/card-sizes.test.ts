import { describe, expect, it } from 'vitest';
import { cardMessage } from '../src/cards/render';
import { summarizeWeek } from '../src/domain/checkins/week';
import type { User } from '../src/domain/people/user';
import { MAX_QUESTION_CHARS } from '../src/domain/guideline/tokenize';
import { myWeekView } from '../src/features/checkins/views';
import { incidentCardView, type IncidentSnapshot } from '../src/features/devices/views';
import type { TimelineEntry } from '../src/features/devices/repository';
import { digestCardView } from '../src/features/guideline/views';
import { activityBytes, cardText, longName, longText, TEAMS_MESSAGE_LIMIT } from './support/card-size';

const LOCALES = ['ja', 'en'] as const;
const reader = (locale: 'ja' | 'en'): User => ({
  id: 'sec-1', tenantId: 't1', name: longName(0), locale, timeZone: 'Asia/Tokyo', isAdmin: true, privatePcApproved: false, active: true,
});

describe("the guideline digest fits one Teams message", () => {
  // The week's 30 newest questions at their maximum length, each with a long citation; 200 in all.
  const questions = Array.from({ length: 30 }, (_, i) => ({ outcome: '回答なし', question: longText(MAX_QUESTION_CHARS, i), citation: `第${i}条（${longName(i)}）` }));
  for (const locale of LOCALES) {
    it(`30 questions of ${MAX_QUESTION_CHARS} characters: the newest that fit, and how many more (${locale})`, () => {
      const card = digestCardView(locale, { intro: 'x', counts: 'y', questions }, { total: 200, retentionDays: 90 });
      expect(activityBytes(cardMessage(card, 'summary'))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      const shown = questions.filter((q) => cardText(card).includes(q.question)).length;
      expect(shown).toBeGreaterThan(5);
      expect(cardText(card)).toContain(locale === 'ja' ? `ほか ${200 - shown} 件（保存期間 90 日）` : `${200 - shown} more (kept 90 days)`);
    });
  }
});

describe('my week fits one Teams message', () => {
  for (const locale of LOCALES) {
    it(`seven days with every cell filled and the law figures (${locale})`, () => {
      const days = Array.from({ length: 7 }, (_, i) => ({
        workDate: `2026-11-${String(16 + i).padStart(2, '0')}`, startTime: '07:00', endTime: '23:50', breakMinutes: 75, workingMinutes: 940, status: 'ended' as const,
        violations: ['public_wifi', 'private_pc_unapproved', 'place_other', 'insecure_wifi'] as const, pledgePending: true,
      }));
      const reminders = new Map(days.map((d) => [d.workDate, { sent: 12, answered: 3 }]));
      const facts = Array.from({ length: 5 }, (_, i) => ({ title: `時間外労働（11/${i + 1} 時点の今月）`, value: '123時間45分' }));
      const card = myWeekView(reader(locale), summarizeWeek(days, '2026-11-16'), reminders, { facts, note: longText(300) });
      expect(activityBytes(cardMessage(card, 'summary'))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
    });
  }
});

describe('the incident card of a lost device fits one Teams message', () => {
  const at = new Date('2026-11-20T00:00:00Z');
  const devices = Array.from({ length: 8 }, (_, i) => ({
    id: `dev-${i}`, deviceName: `${longName(i)}-PC`, serialNumber: `SN-${'9'.repeat(40)}${i}`, operatingSystem: 'Windows', complianceState: 'noncompliant', matched: i === 0,
  }));
  // Every device locked, wiped and retired, each try retried to the maximum (INTUNE_ACTION_MAX_ATTEMPTS 20), daily PPC reminders for a month.
  const timeline: TimelineEntry[] = [{ seq: 0, at, kind: 'reported', actorId: 'u1', data: {} }, { seq: 1, at, kind: 'alerted', data: { n: 3, admins: 0, manager: true } }];
  for (const device of devices) {
    for (const action of ['lock', 'wipe', 'retire']) {
      const data = { action, targetId: device.id };
      timeline.push({ seq: timeline.length, at, kind: 'action_requested', actorId: 'sec-1', data }, { seq: timeline.length + 1, at, kind: 'action_approved', actorId: 'sec-2', data });
      for (let t = 0; t < 19; t++) timeline.push({ seq: timeline.length, at, kind: 'action_retrying', data: { ...data, error: 'HTTP 503 serviceUnavailable' } });
      timeline.push({ seq: timeline.length, at, kind: 'action_failed', data: { ...data, error: 'HTTP 503 serviceUnavailable' } });
    }
  }
  for (let d = 0; d < 30; d++) timeline.push({ seq: timeline.length, at, kind: 'appi_reminder', data: { deadline: 'final' } });
  const snapshot: IncidentSnapshot = {
    incident: {
      id: '00000000-0000-4000-a000-000000000301', tenantId: 't1', userId: 'u1', source: 'report', state: 'acknowledged', discoveredAt: at, reportsFiled: [], devicesRead: true, version: 1,
      kind: 'stolen', deviceType: 'company_pc', serial: longText(100), lostWhen: longText(200), lostWhere: longText(200), lastUsed: longText(200), encrypted: 'unknown',
      screenLocked: 'unknown', dataOnIt: longText(1000), personalData: 'yes', policeReport: longText(100),
      appiPreliminaryDue: at, appiFinalDue: at,
    },
    timeline, devices,
    actions: devices.map((device, i) => ({ id: `a-${i}`, incidentId: 'i', action: 'revoke' as const, targetId: device.id, status: 'awaiting_approval' as const, requestedBy: 'sec-1', attempts: 0 })),
    names: new Map([['u1', longName(1)], ['sec-1', longName(2)], ['sec-2', longName(3)]]),
  };
  for (const locale of LOCALES) {
    it(`${timeline.length} timeline events, 8 devices and free text at its maximum: the newest events, the earlier ones counted (${locale})`, () => {
      const card = incidentCardView(snapshot, reader(locale));
      expect(activityBytes(cardMessage(card, 'summary'))).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      // The timeline is the FactSet after the "earlier events" line.
      const body = (JSON.parse(cardText(card)) as { body: { type: string; text?: string; facts?: unknown[] }[] }).body;
      const note = body.findIndex((e) => e.type === 'TextBlock' && /これより前|earlier events/.test(e.text ?? ''));
      const listed = body[note + 1]?.facts?.length ?? 0;
      expect(listed).toBeGreaterThan(20);
      expect(cardText(card)).toContain(locale === 'ja' ? `これより前の ${timeline.length - listed} 件は表示していません` : `${timeline.length - listed} earlier events are not shown`);
      expect(cardText(card)).toContain(locale === 'ja' ? '確報の期限のリマインダーを送信' : 'deadline reminder sent'); // the newest events, PPC reminders, are listed
    });
  }
});
