/** The English reminder card text; strings.ts checks it against `ReminderStrings` (no import back, so no cycle). */
export const en = {
  screenLock: {
    title: '🔒 Did you lock your screen?',
    presenceText: 'Teams shows you as away. Whenever you leave your PC, lock the screen, even when you are alone (Windows: Win + L).',
    scheduledText: 'Your {time} reminder: whenever you leave your PC, lock the screen, even when you are alone (Windows: Win + L).',
    rule: 'Security guideline G 3',
    locked: 'Locked ✓',
    atPc: "I'm at my PC",
    laterOff: 'Stop the {times} reminder',
    laterOn: 'Resume the {times} reminder',
  },
  vpnReminder: {
    title: '🔌 Please disconnect the VPN / remote desktop',
    answerText: 'Your check-out did not confirm that the VPN / remote desktop was disconnected. When work is over, end the session and log off promptly.',
    signalText: 'The VPN gateway still shows your session open after the end of work. When work is over, end the session and log off promptly.',
    rule: 'Security guideline G 3',
    disconnected: 'Disconnected ✓',
  },
};
