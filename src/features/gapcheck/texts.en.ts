import type { TextsOf } from '../../cards/texts';
import type { ja } from './texts.ja';

/** The gapcheck texts in English: the same sections and keys as the Japanese table. */
export const en: TextsOf<typeof ja> = {
  gapReason: {
    title: '🕘 Please check your working hours',
    text: 'Your check-in times for {date} differ from the activity Teams, the VPN or this bot recorded by more than the allowed margin. Please tell us why.',
    reported: 'Reported',
    recorded: 'Activity seen',
    difference: 'Outside the reported times',
    rule: 'MHLW telework guideline: self-reported hours are checked against objective records',
    reasonLabel: 'Reason',
    reasonError: 'Please choose a reason.',
    reasons: {
      unrecorded_work: 'I worked outside the reported times (not recorded)',
      forgot_to_correct: 'I forgot to correct my start / end time',
      not_working: 'The PC or Teams was on, but I was not working',
      other: 'Other',
    },
    noteLabel: 'Details (optional)',
    notePlaceholder: 'e.g. answered an urgent mail at 20:00',
    submit: 'Send',
  },
  msg: {
    notify: 'Your reported hours differ from the records',
    confirm: '✓ {time} Reason received. Thank you.',
    none: 'none recorded',
    unavailableTitle: 'This check is not open',
    unavailableText: 'There is no working-hours check for this day.',
  },
};
