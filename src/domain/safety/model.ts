import { z } from 'zod';

/** Safety-confirmation (安否確認) answers and round settings, as the cards submit them (DOMAIN.md). */
export const OWN_STATUSES = ['safe', 'minor_injury', 'serious_injury', 'needs_help'] as const; // 無事 / 軽傷 / 重傷 / 要支援
export type OwnStatus = (typeof OWN_STATUSES)[number];
export const FAMILY_STATUSES = ['all_safe', 'some_injured', 'unknown'] as const;
export const HOME_DAMAGE = ['none', 'partial', 'severe'] as const;
export const CAN_WORK = ['yes', 'remote_only', 'no'] as const;
export const LOCATIONS = ['home', 'office', 'commuting', 'other'] as const;

export const ROUND_KINDS = ['earthquake', 'tsunami', 'typhoon_flood', 'fire', 'other'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const SCOPE_KINDS = ['everyone', 'departments', 'prefectures', 'people'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Statuses that go to the manager and the admins at once, without waiting for the cascade. */
export const URGENT_STATUSES: readonly OwnStatus[] = ['serious_injury', 'needs_help'];

const comment = z.string().max(1000).optional().transform((v) => (v && v.trim() ? v.trim() : undefined));

export const safetyAnswerSchema = z.object({
  roundId: z.string().uuid(),
  ownStatus: z.enum(OWN_STATUSES),
  familyStatus: z.enum(FAMILY_STATUSES),
  homeDamage: z.enum(HOME_DAMAGE),
  canWork: z.enum(CAN_WORK),
  location: z.enum(LOCATIONS),
  locationOther: z.string().max(200).optional().transform((v) => (v && v.trim() ? v.trim() : undefined)),
  comment,
});
export type SafetyAnswer = z.output<typeof safetyAnswerSchema>;

/** The admin's round form. Multi-selects arrive as comma-separated strings (Input.ChoiceSet isMultiSelect). */
const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));

export const roundFormSchema = z.object({
  kind: z.enum(ROUND_KINDS),
  scope: z.enum(SCOPE_KINDS),
  departments: csv,
  prefectures: csv.pipe(z.array(z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/))),
  people: csv,
  drill: z.enum(['true', 'false']).transform((v) => v === 'true'),
  message: z.string().max(500).optional().transform((v) => (v && v.trim() ? v.trim() : undefined)),
});
export type RoundForm = z.output<typeof roundFormSchema>;

/** How a manager or admin reached a person whose answer they record for them (a proxy answer). */
export const PROXY_CHANNELS = ['phone', 'in_person', 'other'] as const;
export type ProxyChannel = (typeof PROXY_CHANNELS)[number];

/** A manager's "reached by phone" record for a report who did not answer. */
export const PHONE_RESULTS = ['safe', 'injured', 'unreachable'] as const;
export const phoneResultSchema = z.object({
  roundId: z.string().uuid(),
  userId: z.string().min(1),
  result: z.enum(PHONE_RESULTS),
});
