import { z } from 'zod';

/**
 * Answers of the daily check-in cards, as the cards submit them.
 * The option values are stable keys shared by the card templates, the validators and the store.
 */
export const PLACES = ['home', 'approved_alternate', 'satellite_office', 'other'] as const;
export type Place = (typeof PLACES)[number];

export const CONNECTIONS = ['wired', 'home_wifi_wpa', 'home_wifi_open', 'mobile', 'public_wifi', 'other'] as const;
export type Connection = (typeof CONNECTIONS)[number];

export const DEVICES = ['company_pc', 'private_pc'] as const;
export type Device = (typeof DEVICES)[number];

/** Adaptive Card Input.Toggle submits "true"/"false" strings. */
const toggle = z.enum(['true', 'false']).transform((v) => v === 'true');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const optionalHhmm = z.union([hhmm, z.literal('')]).optional().transform((v) => (v ? v : undefined));
const mood = z.enum(['1', '2', '3', '4', '5']).transform((v) => Number(v) as Mood);
const comment = z.string().max(1000).optional().transform((v) => (v && v.trim() ? v.trim() : undefined));

export type Mood = 1 | 2 | 3 | 4 | 5;

export const startAnswersSchema = z.object({
  startTime: hhmm,
  place: z.enum(PLACES),
  connection: z.enum(CONNECTIONS),
  device: z.enum(DEVICES),
  screenPrivate: toggle,
  notShared: toggle,
  vpnConnected: toggle,
  securityUpdated: toggle,
  rulesAcknowledged: toggle,
  mood,
  comment,
  /** Today's prefecture (JIS code) when working neither at home nor at the office (出張, workation); rounds reach the person there. */
  todayPrefecture: z
    .union([z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/), z.literal('')])
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type StartAnswers = z.output<typeof startAnswersSchema>;

export const endAnswersSchema = z.object({
  endTime: hhmm,
  break1Start: optionalHhmm,
  break1End: optionalHhmm,
  break2Start: optionalHhmm,
  break2End: optionalHhmm,
  vpnDisconnected: toggle,
  loggedOff: toggle,
  pcStored: toggle,
  mood,
  comment,
});
export type EndAnswers = z.output<typeof endAnswersSchema>;

/**
 * Policy violations the bot records; each maps to a rule of the company guideline (DOMAIN.md). The four
 * self-check kinds are the start card's environment answers given as "no" (G 3 環境への注意, ネットワーク).
 */
export const VIOLATION_KINDS = [
  'place_other',
  'public_wifi',
  'insecure_wifi',
  'private_pc_unapproved',
  'screen_visible',
  'pc_shared',
  'vpn_not_connected',
  'security_outdated',
  'vpn_not_disconnected',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
