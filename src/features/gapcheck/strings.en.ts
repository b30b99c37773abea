/** The English gap-reason card text; strings.ts checks it against `GapcheckStrings`. */
export const en = {
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
};
