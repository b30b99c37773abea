import type { TextsOf } from '../../cards/texts';
import type { ja } from './texts.ja';

/** The reminders texts in English: the same sections and keys as the Japanese table. */
export const en: TextsOf<typeof ja> = {
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
  msg: {
    notifyScreenLock: 'Did you lock your screen?',
    notifyVpn: 'Please disconnect the VPN / remote desktop',
    lockedConfirm: '✓ {time} Screen lock confirmed. Thank you.',
    atPcConfirm: '✓ {time} Noted that you are at your PC. Lock it when you leave.',
    disconnectedConfirm: '✓ {time} Disconnection confirmed. Thank you for your work today.',
    laterOffNote: 'The {times} reminder is off. You can turn it back on from this card.',
    laterOnNote: 'The {times} reminder is on again.',
    progress: 'Reminder {n} of {max}',
    unavailableTitle: 'This reminder is closed',
    unavailableText: 'Please answer the latest reminder when it arrives.',
  },
};
