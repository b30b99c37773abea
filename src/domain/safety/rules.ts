import { z } from 'zod';
import { INTENSITIES, type Intensity } from './jma';

/**
 * Trigger rules as data (ROUND_RULES_FILE, docs/rounds.md): which JMA reports start a round, or only
 * tell the admins so they decide. Each rule has its own repeat block (a later report the rule matches
 * within the block extends or is absorbed by the open round instead of starting another) and drill flag.
 */
export const SPECIAL_WARNING_KINDS = ['heavy_rain', 'storm', 'storm_surge', 'high_waves', 'snowstorm', 'heavy_snow'] as const;
export type SpecialWarningKind = (typeof SPECIAL_WARNING_KINDS)[number];
export const RULE_TSUNAMI_KINDS = ['major_warning', 'warning', 'advisory'] as const;

const prefectureCode = z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/, 'a JIS prefecture code 01–47');

const common = {
  /** Shown to admins and on /readyz; unique in the file. */
  id: z.string().trim().min(1).max(60),
  /** Only these prefectures (JIS codes); empty or absent = every prefecture where the company has people. */
  prefectures: z.array(prefectureCode).default([]),
  /** `start` a round, or `notify_admins` only (they start one by hand if they decide to). */
  action: z.enum(['start', 'notify_admins']).default('start'),
  repeatBlockMinutes: z.number().int().min(0).max(10_080).default(360),
  drill: z.boolean().default(false),
};

const ruleSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('earthquake'), minIntensity: z.enum(INTENSITIES), ...common }).strict(),
  z.object({ source: z.literal('tsunami'), tsunamiKinds: z.array(z.enum(RULE_TSUNAMI_KINDS)).min(1), ...common }).strict(),
  z.object({ source: z.literal('special_warning'), kinds: z.array(z.enum(SPECIAL_WARNING_KINDS)).min(1), ...common }).strict(),
]);
export type TriggerRule = z.output<typeof ruleSchema>;
export type RuleOf<S extends TriggerRule['source']> = Extract<TriggerRule, { source: S }>;

const fileSchema = z
  .object({ rules: z.array(ruleSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', index, 'id'], message: `duplicate id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

/** The rules of today's settings (JMA_*): what the app did before rules were data. */
export function defaultRules(jma: { threshold: Intensity; tsunamiKinds: readonly (typeof RULE_TSUNAMI_KINDS)[number][]; aftershockHours: number; drill: boolean }): TriggerRule[] {
  const repeatBlockMinutes = Math.round(jma.aftershockHours * 60);
  return [
    { source: 'earthquake', id: 'earthquake', minIntensity: jma.threshold, prefectures: [], action: 'start', repeatBlockMinutes, drill: jma.drill },
    { source: 'tsunami', id: 'tsunami', tsunamiKinds: [...jma.tsunamiKinds], prefectures: [], action: 'start', repeatBlockMinutes, drill: jma.drill },
  ];
}

/** Reads the rules file's JSON text: the rules, or one line per bad field (`rules.1.minIntensity: …`). */
export function parseRulesFile(text: string, name = 'ROUND_RULES_FILE'): { rules: TriggerRule[] } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problems: [`${name}: not JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  const parsed = fileSchema.safeParse(json);
  if (parsed.success) return { rules: parsed.data.rules };
  return { problems: parsed.error.issues.map((i) => `${name}: ${i.path.join('.') || '(file)'}: ${i.message}`) };
}

/** One line per rule, for /readyz and the logs. */
export function describeRule(rule: TriggerRule): string {
  const what =
    rule.source === 'earthquake' ? `震度 ≥ ${rule.minIntensity}` : rule.source === 'tsunami' ? `tsunami ${rule.tsunamiKinds.join('|')}` : `特別警報 ${rule.kinds.join('|')}`;
  const where = rule.prefectures.length ? ` in ${rule.prefectures.join(',')}` : '';
  return `${rule.id}: ${what}${where} → ${rule.action}, repeat block ${rule.repeatBlockMinutes} min${rule.drill ? ', drill' : ''}`;
}
