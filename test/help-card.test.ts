// The help card speaks the person's language only and lists exactly the commands their roles allow
// (the admin's help once left out 安否確認; the employee's offered it; ja and en were mixed).
import { describe, expect, it } from 'vitest';
import type { User } from '../src/domain/people/user';
import { welcomeCard, type CommandVisible } from '../src/teams/routes/commands';
import { objects } from './support/cards';

const person = (over: Partial<User>): User => ({ id: 'u-1', tenantId: 't', name: '田中 太郎', locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, active: true, ...over });
/** As the features decide: safety for admins, pending for managers, incidents for security, 安否 during a round. */
const rules = (roles: { admin?: boolean; manager?: boolean; security?: boolean; inRound?: boolean }): CommandVisible => async (_user, command) => {
  if (command === 'safety') return roles.admin === true;
  if (command === 'pending') return roles.manager === true || roles.admin === true;
  if (command === 'incidents') return roles.security === true || roles.manager === true;
  if (command === 'mySafety') return roles.inRound === true;
  if (command === 'worktimeExport') return roles.admin === true;
  return true;
};
/** Every text the card shows (titles, texts, fact titles and values). */
const shown = (card: unknown): string[] =>
  objects(card as never).flatMap((o) => ['text', 'title', 'value'].map((k) => o[k]).filter((v): v is string => typeof v === 'string'));
const facts = (card: unknown): string[] => objects(card as never).filter((o) => 'value' in o && 'title' in o && !('type' in o)).map((o) => String(o['title']));

describe('help card', () => {
  it('an employee: everyday commands only, in Japanese only', async () => {
    const card = await welcomeCard(person({}), rules({}));
    expect(facts(card)).toEqual(['出勤', '退勤', '今週', 'ヘルプ', '自宅ネットワーク', '私用PC', '書類持ち出し', '紛失', '誓約書', '質問する']);
    // No English sneaks into a Japanese card (Anshin is the product's name, PC a Japanese word).
    for (const text of shown(card)) expect(text.replace(/Anshin|PC/g, ''), text).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('an admin sees 安否確認; a manager sees 承認待ち and インシデント with their buttons; 安否 during a round', async () => {
    expect(facts(await welcomeCard(person({ isAdmin: true }), rules({ admin: true })))).toContain('安否確認');
    const manager = JSON.stringify(await welcomeCard(person({}), rules({ manager: true, inRound: true })));
    for (const text of ['承認待ち', 'インシデント', '安否', '✅ 承認待ち', '🚨 インシデント', '🆘 自分の安否確認']) expect(manager).toContain(text);
    expect(manager).not.toContain('"安否確認"');
  });

  it('in English, English only', async () => {
    const card = await welcomeCard(person({ locale: 'en', name: 'Taro' }), rules({ admin: true }));
    expect(facts(card)).toContain('safety round');
    for (const text of shown(card)) expect(text, text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
