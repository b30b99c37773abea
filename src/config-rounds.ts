import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { envSchema } from './config-schema';
import { defaultRules, parseRulesFile, type TriggerRule } from './domain/safety/rules';

/**
 * The rounds' reach (issue 22, docs/rounds.md): today's location, the trigger rules file and the
 * e-mail fallback, derived from values config.ts has already parsed (config.ts stays the only reader
 * of the environment; the rules file is read once at start like the directory file).
 */
export interface RoundReachSettings {
  /** How long today's prefecture from a start check-in counts for prefecture rounds. */
  readonly locationFreshHours: number;
  /** ROUND_RULES_FILE: the trigger rules (JSON, src/domain/safety/rules.ts); the env-derived defaults when unset. */
  readonly rulesFile?: string;
  /**
   * The e-mail fallback: the mailbox that sends (Graph sendMail) — off without one outside local
   * mode; minutes without an answer before the mail; local mode writes .eml files to `dir`.
   */
  readonly email: { readonly mailbox?: string; readonly afterMinutes: number; readonly dir?: string };
}

type Parsed = z.output<typeof envSchema>;

export function roundSettings(env: Parsed, localMode: boolean): { reach: RoundReachSettings; rules: readonly TriggerRule[]; problems: string[] } {
  const problems: string[] = [];
  const jma = { threshold: env.JMA_INTENSITY_THRESHOLD, tsunamiKinds: env.JMA_TSUNAMI_KINDS.split(',') as ('major_warning' | 'warning' | 'advisory')[], aftershockHours: env.JMA_AFTERSHOCK_HOURS, drill: env.JMA_DRILL };
  const read = rulesFrom(env.ROUND_RULES_FILE, jma);
  if ('problems' in read) problems.push(...read.problems);
  else if (read.rules.some((rule) => rule.source === 'special_warning') && env.JMA_FEED_URL && !env.JMA_EXTRA_FEED_URL) problems.push('JMA_EXTRA_FEED_URL: required when a rule of ROUND_RULES_FILE watches 特別警報 (special_warning)');
  const reach: RoundReachSettings = {
    locationFreshHours: env.LOCATION_FRESH_HOURS,
    rulesFile: env.ROUND_RULES_FILE ? path.resolve(env.ROUND_RULES_FILE) : undefined,
    email: {
      mailbox: env.ROUND_EMAIL_MAILBOX,
      afterMinutes: env.ROUND_EMAIL_AFTER_MINUTES,
      dir: env.ROUND_EMAIL_DIR ? path.resolve(env.ROUND_EMAIL_DIR) : localMode ? path.resolve(env.DATA_DIR, 'mail') : undefined,
    },
  };
  return { reach, rules: 'rules' in read ? read.rules : [], problems };
}

/** The rules file, read once at start; a missing or bad file stops the start like any bad setting. */
function rulesFrom(file: string | undefined, jma: Parameters<typeof defaultRules>[0]): { rules: TriggerRule[] } | { problems: string[] } {
  if (!file) return { rules: defaultRules(jma) };
  let text: string;
  try {
    text = readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    return { problems: [`ROUND_RULES_FILE: cannot read ${file} (${err instanceof Error && 'code' in err ? String(err.code) : 'error'})`] };
  }
  return parseRulesFile(text);
}
