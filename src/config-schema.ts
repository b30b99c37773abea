import { z } from 'zod';

/**
 * The environment variables the app reads, as a zod schema (parsing only; src/config.ts is the one
 * reader of the environment and turns the parsed values into the typed Config).
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

/**
 * One signals secret: `<tenant id>:<secret>`. The tenant decides whose users and event ids a signed
 * event may name; the older untenanted form is refused (with one line saying so), never guessed.
 */
const tenantSecret = z
  .string()
  .transform((entry, ctx) => {
    const colon = entry.indexOf(':');
    const tenantId = colon > 0 ? entry.slice(0, colon).trim() : '';
    const secret = colon > 0 ? entry.slice(colon + 1).trim() : '';
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(tenantId)) {
      ctx.addIssue({ code: 'custom', message: 'each entry must be <tenant id>:<secret> (the untenanted form is no longer accepted, docs/signals.md)' });
      return z.NEVER;
    }
    if (secret.length < 16) {
      ctx.addIssue({ code: 'custom', message: 'each secret needs at least 16 characters' });
      return z.NEVER;
    }
    return { tenantId, secret };
  });

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalString,
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl,
  DATABASE_OWNER_URL: optionalUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ALLOWED_TENANT_IDS: csv,
  ADMIN_USER_IDS: csv,
  DIRECTORY_FILE: optionalString,
  DIRECTORY_SOURCE: z.enum(['graph', 'file']).optional(),
  DIRECTORY_SYNC_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  ADMIN_GROUP_ID: optionalString,
  SECURITY_GROUP_ID: optionalString,
  SCOPE_GROUP_ID: optionalString,
  ROLE_SYNC_FAIL_CLOSED_HOURS: z.coerce.number().min(1).max(720).default(24),
  DEFAULT_TIME_ZONE: z.string().default('Asia/Tokyo'),
  DEFAULT_LOCALE: z.enum(['ja', 'en']).default('ja'),
  COMPANY_HOLIDAYS: csv.pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'))),
  SCHEDULER_ENABLED: bool(true),
  PLANNER_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  PLANNER_HORIZON_HOURS: z.coerce.number().int().min(1).max(72).default(26),
  DELIVERY_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(50),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(3).max(300).default(30),
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/'),
  TEAMS_APP_ID: optionalString,
  TEAMS_APP_CATALOG_ID: optionalString,
  GRAPH_ENABLED: z.enum(['true', 'false', '1', '0']).optional(),
  GRAPH_CERTIFICATE_PATH: optionalString,
  GRAPH_USE_MANAGED_IDENTITY: bool(false),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
  ROUND_RESEND_MINUTES: z.string().default('30,180').pipe(z.string().regex(/^\d+(,\d+)*$/, 'comma-separated minutes')),
  ROUND_MANAGER_ESCALATION_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  ROUND_ADMIN_ESCALATION_MINUTES: z.coerce.number().int().min(1).max(2880).default(180),
  ROUND_TALLY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(600).default(1),
  LOCATION_FRESH_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  ROUND_RULES_FILE: optionalString,
  ROUND_EMAIL_AFTER_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  ROUND_EMAIL_MAILBOX: optionalString.pipe(z.string().email('an e-mail address').optional()),
  ROUND_EMAIL_DIR: optionalString,
  TICKER_INTERVAL_SECONDS: z.coerce.number().min(0.2).max(60).default(2),
  PUBLIC_BASE_URL: optionalUrl,
  EXPORT_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  CONSOLE_APP_ID: optionalString,
  ENTRA_LOGIN_BASE: z.string().url().default('https://login.microsoftonline.com'),
  JMA_FEED_URL: optionalUrl,
  JMA_EXTRA_FEED_URL: optionalUrl,
  JMA_POLL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  JMA_INTENSITY_THRESHOLD: z.enum(['1', '2', '3', '4', '5-', '5+', '6-', '6+', '7']).default('5-'),
  JMA_TSUNAMI_KINDS: z.string().default('major_warning,warning').pipe(z.string().regex(/^(major_warning|warning|advisory)(,(major_warning|warning|advisory))*$/)),
  JMA_AFTERSHOCK_HOURS: z.coerce.number().min(0).max(72).default(6),
  JMA_DRILL: bool(false),
  BOT_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/teams/'),
  CLOCK_START: optionalString.pipe(z.string().datetime({ offset: true }).optional()),
  SCREEN_LOCK_REMINDER_TIMES: z.string().default('12:00,15:00').pipe(z.string().regex(/^(none|([01]\d|2[0-3]):[0-5]\d(,([01]\d|2[0-3]):[0-5]\d)*)$/, 'comma-separated HH:MM, or none')),
  SCREEN_LOCK_MAX_PER_DAY: z.coerce.number().int().min(0).max(20).default(3),
  SCREEN_LOCK_MIN_GAP_MINUTES: z.coerce.number().int().min(0).max(480).default(60),
  PRESENCE_POLL_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  VPN_REMINDER_DELAY_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
  VPN_REMINDER_REPEAT_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
  VPN_REMINDER_MAX: z.coerce.number().int().min(1).max(10).default(3),
  VPN_SIGNAL_GRACE_MINUTES: z.coerce.number().int().min(0).max(480).default(30),
  VPN_SIGNAL_NO_CHECKOUT_MINUTES: z.coerce.number().int().min(0).max(720).default(120),
  REMINDER_TICK_SECONDS: z.coerce.number().min(0.2).max(300).default(30),
  GAP_CHECK_MINUTES: z.coerce.number().int().min(0).max(720).default(30),
  GAP_CHECK_DELAY_MINUTES: z.coerce.number().int().min(10).max(1440).default(240),
  DIGEST_TIME: z.string().default('09:30').pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')),
  DIGEST_INCLUDE_INDIRECT: bool(false),
  WORKTIME_WEEK_STARTS_ON: z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']).default('sun'),
  WORKTIME_LEGAL_HOLIDAY: z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'unspecified']).default('sun'),
  WORKTIME_WEEKLY_LIMIT_HOURS: z.enum(['40', '44']).default('40').transform((v) => (v === '44' ? 44 : 40)),
  WORKTIME_AGREEMENT_YEAR_START: z.string().default('04-01').pipe(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD')),
  WORKTIME_SPECIAL_CLAUSE: bool(true),
  WORKTIME_FLEX_SETTLEMENT_MONTHS: z.enum(['0', '1', '2', '3']).default('0').transform((v) => Number(v) as 0 | 1 | 2 | 3),
  WORKTIME_FLEX_FIRST_MONTH: optionalString.pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional()),
  WORKTIME_INTERVIEW_CONTACT: optionalString.pipe(z.string().max(500).optional()),
  WORKTIME_INTERVIEW_URL: optionalUrl,
  OVERTIME_WARNING_HOURS: z.coerce.number().min(1).max(300).default(45),
  OVERTIME_NOTICE_HOURS: z.coerce.number().min(1).max(300).default(80),
  REST_INTERVAL_MIN_HOURS: z.coerce.number().min(0).max(24).default(11),
  LOW_MOOD_DAYS: z.coerce.number().int().min(1).max(7).default(3),
  MISSING_CHECKIN_DAYS: z.coerce.number().int().min(1).max(7).default(2),
  PLEDGE_REQUIRED: bool(true),
  GUIDELINE_VERSION: z.string().trim().min(1).max(40).default('2025-02'),
  GUIDELINE_FILE: z.string().trim().min(1).default('docs/guideline/guideline.ja.md'),
  GUIDELINE_SYNONYMS_FILE: z.string().trim().min(1).default('docs/guideline/synonyms.json'),
  GUIDELINE_QUESTION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  HOME_NETWORK_CHECK: z.enum(['monthly', 'off']).default('monthly'),
  HOME_NETWORK_CHECK_TIME: z.string().default('10:00').pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')),
  PRIVATE_PC_APPROVAL_MONTHS: z.coerce.number().int().min(1).max(24).default(6),
  SECURITY_TEAM_USER_IDS: csv,
  INTUNE_FOUR_EYES_ACTIONS: z.string().default('wipe,retire').pipe(z.string().regex(/^(none|(lock|wipe|retire|revoke)(,(lock|wipe|retire|revoke))*)$/, 'comma-separated lock, wipe, retire, revoke, or none')),
  INTUNE_ACTION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  INTUNE_APPROVAL_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  INTUNE_SECOND_APPROVER_ADMINS: bool(true),
  APPI_PRELIMINARY_DAYS: z.coerce.number().int().min(1).max(5).default(3),
  APPI_REMINDER_HOURS_BEFORE: z.coerce.number().int().min(1).max(240).default(24),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(36500).default(1096),
  RETENTION_SIGNALS_DAYS: z.coerce.number().int().min(7).max(3650).default(90),
  RETENTION_INCIDENT_DETAILS_DAYS: z.coerce.number().int().min(30).max(3650).default(1096),
  RETENTION_APPROVAL_PAYLOADS_DAYS: z.coerce.number().int().min(30).max(3650).default(400),
  RETENTION_GAP_NOTES_DAYS: z.coerce.number().int().min(1096).max(3650).default(1827),
  RETENTION_CHECKIN_COMMENTS_DAYS: z.coerce.number().int().min(7).max(3650).default(90),
  AUDIT_ANCHOR_DIR: z.string().min(1).default('./audit-anchors'),
  AUDIT_ANCHOR_KEY: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  SIGNALS_HMAC_SECRETS: csv.pipe(z.array(tenantSecret)),
  SIGNALS_INCIDENTS_PER_PERSON_PER_DAY: z.coerce.number().int().min(1).max(100).default(3),
  SIGNALS_INCIDENTS_PER_TENANT_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(20),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString.pipe(z.string().regex(/(^|;)\s*InstrumentationKey=[^;]+/i, 'not an Application Insights connection string').optional()),
  OTEL_SERVICE_NAME: z.string().min(1).default('anshin'),
});

/**
 * Bot Framework authentication endpoints. Set only to validate JWTs against a local OpenID
 * metadata document in tests; in production the SDK's defaults are right.
 */
export const AUTH_OVERRIDE_KEYS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'CallerId',
  'ValidateAuthority',
] as const;
