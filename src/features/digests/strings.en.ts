/** The English digest card text; strings.ts checks it against `DigestStrings` (no import back, so no cycle). */
export const en = {
  digest: {
    wellbeingTitle: '👥 Your team',
    privacy: 'Mood over the last 7 days (▁=1 … █=5, ·=no check-in). Statuses and trends only (no comments).',
    csv: 'Download CSV',
    incidentTitle: '🛡 Incident digest',
  },
  overtimeNotice: {
    title: '⏱ Your overtime and holiday work passed 80 hours',
    intro: "This month's overtime and holiday work together reached the hours at which the Industrial Safety and Health Act entitles you to an interview with a doctor. Accumulated fatigue affects your health.",
    total: 'Overtime + holiday work',
    overtime: 'Overtime (beyond 8 h a day)',
    holiday: 'Holiday work',
    howTitle: 'How to ask for the doctor interview',
    how: 'You get the interview when you ask for it (the company pays). Tell HR / general affairs or the occupational physician. If you feel tired all the time or cannot sleep, talk to them early.',
    rule: 'Industrial Safety and Health Act Art. 66-8; Ordinance Art. 52-2 to 52-3',
  },
};
