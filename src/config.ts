import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of the environment. Parsed once into a frozen, typed object; a bad value stops
 * the start with one line per field. Every variable is listed and explained in `.env.example`.
 */
const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));
const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? dflt : v === 'true' || v === '1'));
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
const optionalUrl = z
  .union([z.string().url(), z.literal('')])
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalString,
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ALLOWED_TENANT_IDS: csv,
  ADMIN_USER_IDS: csv,
  DIRECTORY_FILE: optionalString,
  DEFAULT_TIME_ZONE: z.string().default('Asia/Tokyo'),
  DEFAULT_LOCALE: z.enum(['ja', 'en']).default('ja'),
  COMPANY_HOLIDAYS: csv.pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'))),
  SCHEDULER_ENABLED: bool(true),
  PLANNER_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  PLANNER_HORIZON_HOURS: z.coerce.number().int().min(1).max(72).default(26),
  DELIVERY_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(50),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/'),
  TEAMS_APP_ID: optionalString,
  TEAMS_APP_CATALOG_ID: optionalString,
  GRAPH_ENABLED: z.enum(['true', 'false', '1', '0']).optional(),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
  ROUND_RESEND_MINUTES: z.string().default('30,180').pipe(z.string().regex(/^\d+(,\d+)*$/, 'comma-separated minutes')),
  ROUND_MANAGER_ESCALATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  ROUND_ADMIN_ESCALATION_MINUTES: z.coerce.number().int().min(1).max(2880).default(180),
  ROUND_TALLY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(600).default(3),
  TICKER_INTERVAL_SECONDS: z.coerce.number().min(0.2).max(60).default(2),
  PUBLIC_BASE_URL: optionalUrl,
  EXPORT_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  JMA_FEED_URL: optionalUrl,
  JMA_POLL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  JMA_INTENSITY_THRESHOLD: z.enum(['1', '2', '3', '4', '5-', '5+', '6-', '6+', '7']).default('5-'),
  JMA_TSUNAMI_KINDS: z.string().default('major_warning,warning').pipe(z.string().regex(/^(major_warning|warning|advisory)(,(major_warning|warning|advisory))*$/)),
  JMA_AFTERSHOCK_HOURS: z.coerce.number().min(0).max(72).default(6),
  JMA_DRILL: bool(false),
  BOT_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/teams/'),
  CLOCK_START: optionalString.pipe(z.string().datetime({ offset: true }).optional()),
});

/**
 * Bot Framework authentication endpoints. Set only to validate JWTs against a local OpenID
 * metadata document in tests; in production the SDK's defaults are right.
 */
const AUTH_OVERRIDE_KEYS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'CallerId',
  'ValidateAuthority',
] as const;

export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly localMode: boolean;
  readonly logLevel: z.output<typeof schema>['LOG_LEVEL'];
  readonly store: { readonly kind: 'pglite'; readonly dataDir: string } | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number };
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appTenantId?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly teamsAppId?: string;
    readonly authOverrides: Readonly<Record<string, string>>;
    /** Where conversations are created for users the bot has never talked to. */
    readonly serviceUrl: string;
  };
  readonly allowedTenantIds: readonly string[];
  readonly adminUserIds: readonly string[];
  readonly directoryFile?: string;
  readonly defaults: { readonly timeZone: string; readonly locale: 'ja' | 'en' };
  readonly companyHolidays: readonly string[];
  readonly scheduler: { readonly enabled: boolean; readonly intervalSeconds: number; readonly horizonHours: number };
  readonly delivery: { readonly ratePerSecond: number; readonly maxAttempts: number };
  readonly graph: {
    /** Proactive install and delivery reconciliation through Graph (default: on outside local mode). */
    readonly enabled: boolean;
    readonly baseUrl: string;
    /** The app's id in the tenant app catalog (not the manifest id) for proactive installs. */
    readonly teamsAppCatalogId?: string;
  };
  readonly shutdownGraceSeconds: number;
  readonly rounds: {
    readonly resendMinutes: readonly number[];
    readonly managerMinutes: number;
    readonly adminMinutes: number;
    readonly tallyIntervalSeconds: number;
    readonly tickerIntervalSeconds: number;
  };
  /** Base of links the bot hands out (CSV exports); defaults to this server's own address in local mode. */
  readonly publicBaseUrl?: string;
  readonly exportLinkTtlMinutes: number;
  /** 気象庁防災情報XML Atom feed (eqvol.xml); the automatic trigger is off when unset. */
  readonly jma: {
    readonly feedUrl?: string;
    readonly pollSeconds: number;
    readonly threshold: '1' | '2' | '3' | '4' | '5-' | '5+' | '6-' | '6+' | '7';
    readonly tsunamiKinds: readonly ('major_warning' | 'warning' | 'advisory')[];
    readonly aftershockHours: number;
    /** Start automatic rounds as drills (for trying the trigger against a test feed). */
    readonly drill: boolean;
  };
  /** Tests and demos only (refused outside local mode): the clock starts here and runs at real speed. */
  readonly clockStart?: Date;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The configuration of this process: the one place that reads `process.env`. */
export function loadConfigFromEnvironment(): Config {
  return loadConfig(process.env);
}

/**
 * Parses a given environment.
 * @internal tests pass their own; the process uses loadConfigFromEnvironment().
 */
export function loadConfig(rawEnv: Env): Config {
  // Platforms pass unset app settings as empty strings: treat them as absent, so defaults apply.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (!isTimeZone(e.DEFAULT_TIME_ZONE)) problems.push(`DEFAULT_TIME_ZONE: unknown time zone "${e.DEFAULT_TIME_ZONE}"`);
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (or use MicrosoftAppType=UserAssignedMSI)');
  }
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required for a ${e.MicrosoftAppType} bot`);
  }
  if (e.MicrosoftAppType === 'UserAssignedMSI' && e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: must be empty for a UserAssignedMSI bot (the managed identity has no secret)');
  }
  if (e.CLOCK_START && e.MicrosoftAppId) problems.push('CLOCK_START: only allowed in local mode (no MicrosoftAppId)');
  if (problems.length) throw new ConfigError(problems);
  const authOverrides: Record<string, string> = {};
  for (const key of AUTH_OVERRIDE_KEYS) {
    const v = env[key];
    if (v !== undefined && v !== '') authOverrides[key] = v;
  }
  const localMode = !e.MicrosoftAppId;
  const allowed = [...e.ALLOWED_TENANT_IDS];
  if (!localMode && allowed.length === 0 && e.MicrosoftAppTenantId) allowed.push(e.MicrosoftAppTenantId);

  return Object.freeze({
    port: e.PORT,
    // Local mode accepts unauthenticated requests, so it only listens on loopback unless told otherwise.
    host: e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    localMode,
    logLevel: e.LOG_LEVEL,
    store: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite' as const, dataDir: path.resolve(e.DATA_DIR) },
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appTenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      teamsAppId: e.TEAMS_APP_ID,
      authOverrides,
      serviceUrl: e.BOT_SERVICE_URL,
    },
    allowedTenantIds: allowed,
    adminUserIds: e.ADMIN_USER_IDS,
    // Local mode reads the sample directory that matches the playground's users unless told otherwise.
    directoryFile: e.DIRECTORY_FILE ? path.resolve(e.DIRECTORY_FILE) : localMode ? path.resolve('scripts/local/directory.json') : undefined,
    defaults: { timeZone: e.DEFAULT_TIME_ZONE, locale: e.DEFAULT_LOCALE },
    companyHolidays: e.COMPANY_HOLIDAYS,
    scheduler: { enabled: e.SCHEDULER_ENABLED, intervalSeconds: e.PLANNER_INTERVAL_SECONDS, horizonHours: e.PLANNER_HORIZON_HOURS },
    delivery: { ratePerSecond: e.DELIVERY_RATE_PER_SECOND, maxAttempts: e.DELIVERY_MAX_ATTEMPTS },
    graph: {
      enabled: e.GRAPH_ENABLED ? e.GRAPH_ENABLED === 'true' || e.GRAPH_ENABLED === '1' : !localMode,
      baseUrl: e.GRAPH_BASE_URL,
      teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID ?? e.TEAMS_APP_ID,
    },
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    rounds: {
      resendMinutes: e.ROUND_RESEND_MINUTES.split(',').map(Number),
      managerMinutes: e.ROUND_MANAGER_ESCALATION_MINUTES,
      adminMinutes: e.ROUND_ADMIN_ESCALATION_MINUTES,
      tallyIntervalSeconds: e.ROUND_TALLY_INTERVAL_SECONDS,
      tickerIntervalSeconds: e.TICKER_INTERVAL_SECONDS,
    },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    exportLinkTtlMinutes: e.EXPORT_LINK_TTL_MINUTES,
    jma: {
      feedUrl: e.JMA_FEED_URL,
      pollSeconds: e.JMA_POLL_SECONDS,
      threshold: e.JMA_INTENSITY_THRESHOLD,
      tsunamiKinds: e.JMA_TSUNAMI_KINDS.split(',') as ('major_warning' | 'warning' | 'advisory')[],
      aftershockHours: e.JMA_AFTERSHOCK_HOURS,
      drill: e.JMA_DRILL,
    },
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
