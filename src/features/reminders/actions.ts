import { z } from 'zod';
import type { ActionHandlers } from '../../cards/actions';
import { VERBS, type ReminderVerb } from '../../cards/verbs';
import type { ReminderAnswers } from './answers';

const reminderRef = z.object({ reminderId: z.string().min(1).max(300) });
const screenLockData = reminderRef.extend({ answer: z.enum(['locked', 'at_pc']) });
const laterNudgesData = reminderRef.extend({ on: z.enum(['true', 'false']) });

/** The reminder card actions: one tap answers, and the toggle of the later scheduled nudges. */
export function reminderActions(answers: ReminderAnswers) {
  return {
    [VERBS.screenLockAnswer]: (caller, data) => {
      const { reminderId, answer } = screenLockData.parse(data);
      return answers.screenLock(caller.user, reminderId, answer);
    },
    [VERBS.screenLockLaterNudges]: (caller, data) => {
      const { reminderId, on } = laterNudgesData.parse(data);
      return answers.laterNudges(caller.user, reminderId, on === 'true');
    },
    [VERBS.vpnAnswer]: (caller, data) => answers.vpn(caller.user, reminderRef.parse(data).reminderId),
  } satisfies ActionHandlers<ReminderVerb>;
}
