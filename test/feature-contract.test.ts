import { describe, expect, it } from 'vitest';
import type { ActionHandlers, ActionListener } from '../src/cards/actions';
import { renderCommonCard } from '../src/cards/render';
import { VERBS, type Verb } from '../src/cards/verbs';
import type { User } from '../src/domain/people/user';
import { mergeFeatures, type Feature } from '../src/features/feature';
import { every } from '../src/jobs/recurring';

// A twelfth feature as docs/adding-a-feature.md builds it: a verb, a command, a timed task and a hook.
const user: User = { id: 'u1', tenantId: 't1', name: '田中', locale: 'ja', timeZone: 'Asia/Tokyo', isAdmin: false, privatePcApproved: false, active: true };
const caller = { user, correlationId: 'c1' };
const noticeCard = (text: string) => renderCommonCard('notice', { title: 'hello', text }, 'en');

function createHelloFeature(log: string[]) {
  return {
    name: 'hello',
    actions: { [VERBS.pledgeAccept]: async () => noticeCard('accepted') } satisfies ActionHandlers<typeof VERBS.pledgeAccept>,
    commands: { paper: async () => noticeCard('paper') },
    jobs: { handlers: {}, recurring: [every(60, { name: 'hello sweep', run: async () => log.push('swept') })] },
    afterAction: (async (_caller, verb) => void log.push(`after ${verb}`)) satisfies ActionListener,
    onFirstContact: async () => 2,
    /** A port for other features: not part of the contract, returned next to it. */
    greet: (name: string) => `こんにちは、${name}さん`,
  };
}

describe('the feature contract', () => {
  it('merges verbs, commands, timed work and hooks of every feature, in list order', async () => {
    const log: string[] = [];
    const hello = createHelloFeature(log);
    const other = { name: 'other', actions: {}, commands: {}, jobs: { handlers: {}, recurring: [] }, onFirstContact: async () => 1 } satisfies Feature;
    const merged = mergeFeatures([hello, other]);
    expect(Object.keys(merged.actions)).toEqual([VERBS.pledgeAccept]);
    expect(Object.keys(merged.commands)).toEqual(['paper']);
    expect(merged.recurring.map((task) => task.name)).toEqual(['hello sweep']);
    await merged.recurring[0]?.run();
    expect(await merged.onFirstContact({} as never, 'u1')).toBe(3);
    await merged.afterAction[0]?.(caller, VERBS.pledgeAccept);
    expect(log).toEqual(['swept', `after ${VERBS.pledgeAccept}`]);
    expect(hello.greet('田中')).toBe('こんにちは、田中さん');
  });

  it('hands messages that are not commands to the one feature that answers questions; two would be a wiring mistake', async () => {
    const asking = { name: 'asking', actions: {}, commands: {}, jobs: { handlers: {}, recurring: [] }, onQuestion: async (_caller: unknown, text: string) => noticeCard(`answer to ${text}`) } satisfies Feature;
    const merged = mergeFeatures([createHelloFeature([]), asking]);
    expect(JSON.stringify(await merged.onQuestion?.(caller, 'can I?'))).toContain('answer to can I?');
    expect(mergeFeatures([createHelloFeature([])]).onQuestion).toBeUndefined();
    expect(() => mergeFeatures([asking, { ...asking, name: 'other' }])).toThrow(/questions are answered by both asking and other/);
  });

  it('refuses a verb two features both answer', () => {
    expect(() => mergeFeatures([createHelloFeature([]), createHelloFeature([])])).toThrow(/verb "pledge.accept" is claimed by both hello and hello/);
  });

  it('types the merge by what the features declared: a verb nobody answers does not compile', () => {
    const merged = mergeFeatures([createHelloFeature([])]);
    // @ts-expect-error every other verb is missing: the composition root would not compile either
    const all: ActionHandlers<Verb> = merged.actions;
    expect(Object.keys(all)).toHaveLength(1);
  });
});
