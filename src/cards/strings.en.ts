/** The English common card text; strings.ts checks it against `CommonStrings` (no import back, so no cycle). */
export const en = {
  common: { yes: 'Yes', no: 'No', none: '—' },
  duration: { hoursMinutes: '{h}h {m}m', hoursOnly: '{h}h', minutesOnly: '{m}m' },
  calendar: {
    long: '{wd}, {mon} {d}, {y}',
    short: '{wd} {mon} {d}',
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const,
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const,
  },
  error: { title: 'Something went wrong', ref: 'Ref' },
  welcome: {
    title: 'Welcome to Anshin',
    greeting: 'Hello, {name}.',
    intro: 'I help you with telework check-ins at the start and end of the day and with the security rules.',
    commandsHeading: 'Commands',
    commandsHint: 'Type the word on the left and send it.',
    missedHeading: 'Show a card you missed again',
    btnPledge: '📝 Pledge',
    btnPending: '✅ Waiting for my approval',
    btnIncidents: '🚨 Incidents',
    btnMySafety: '🆘 My safety check',
    btnLostDevice: '📱 Report a lost device',
    btnPrivatePc: '💻 Private PC request',
    btnPaper: '📄 Paper take-out request',
    askTitle: 'Ask a question',
    askText: 'Any other message is taken as a question: I answer with the passages of the telework security guideline, quoted word for word (e.g. "Can I work from a café?").',
  },
};
