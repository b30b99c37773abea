import path from 'node:path';
import type { z } from 'zod';
import { AUTH_OVERRIDE_KEYS, envSchema } from './config-schema';
import { graphAndDirectory, type DirectorySettings, type GraphSettings } from './config-directory';
import { roundSettings, type RoundReachSettings } from './config-rounds';
import type { TriggerRule } from './domain/safety/rules';
import { worktimeSettings, type WorktimeSettings } from './config-worktime';
import type { RetentionDays } from './jobs/retention';

/**
 * The only reader of the environment. Parsed once into a frozen, typed object; a bad value stops
 * the start with one line per field. Every variable is listed and explained in `.env.example`.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly localMode: boolean;
  readonly logLevel: z.output<typeof envSchema>['LOG_LEVEL'];
  /** ownerUrl: the role that owns the schema and runs migrations (DATABASE_OWNER_URL); the app role cannot rewrite the audit log. */
  readonly store: { readonly kind: 'pglite'; readonly dataDir: string } | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number; readonly ownerUrl?: string };
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
  /** leaseSeconds: how long cards claimed by a replica that stopped without a word wait before another takes them over. */
  readonly delivery: { readonly ratePerSecond: number; readonly maxAttempts: number; readonly leaseSeconds: number };
  readonly graph: GraphSettings;
  /** Where people, managers, prefectures and admins come from (docs/directory.md). */
  readonly directory: DirectorySettings;
  readonly shutdownGraceSeconds: number;
  readonly rounds: {
    readonly resendMinutes: readonly number[];
    readonly managerMinutes: number;
    readonly adminMinutes: number;
    readonly tallyIntervalSeconds: number;
    readonly tickerIntervalSeconds: number;
  };
  /** The trigger rules in force (ROUND_RULES_FILE, else the JMA_* settings): /readyz shows them, the audit log records changes. */
  readonly roundRules: readonly TriggerRule[];
  /** Rounds that reach people where they are (config-rounds.ts). */
  readonly roundReach: RoundReachSettings;
  /** Base of links the bot hands out (CSV exports); defaults to this server's own address in local mode. */
  readonly publicBaseUrl?: string;
  readonly exportLinkTtlMinutes: number;
  /**
   * The console tab's sign-in (docs/console.md): the app registration whose tokens it accepts (the
   * bot's by default; none in local mode, where a picker stands in) and Entra's base URL.
   */
  readonly console: { readonly appId?: string; readonly loginBase: string };
  /** 気象庁防災情報XML Atom feed (eqvol.xml); the automatic trigger is off when unset. */
  readonly jma: {
    readonly feedUrl?: string;
    /** The extra feed (extra.xml) with the weather warnings: 特別警報 rules need it. */
    readonly extraFeedUrl?: string;
    readonly pollSeconds: number;
    readonly threshold: '1' | '2' | '3' | '4' | '5-' | '5+' | '6-' | '6+' | '7';
    readonly tsunamiKinds: readonly ('major_warning' | 'warning' | 'advisory')[];
    readonly aftershockHours: number;
    /** Start automatic rounds as drills (for trying the trigger against a test feed). */
    readonly drill: boolean;
  };
  /** Tests and demos only (refused outside local mode): the clock starts here and runs at real speed. */
  readonly clockStart?: Date;
  /** Screen-lock and VPN-disconnect reminders (G 3); each field is explained in .env.example. */
  readonly reminders: Readonly<{
    screenLockTimes: readonly string[]; screenLockMaxPerDay: number; screenLockMinGapMinutes: number; presencePollMinutes: number;
    vpnDelayMinutes: number; vpnRepeatMinutes: number; vpnMax: number; vpnSignalGraceMinutes: number; vpnNoCheckoutMinutes: number;
    tickSeconds: number;
  }>;
  /** Self-report gap check (MHLW): threshold, when the check runs; each explained in .env.example. */
  readonly gapCheck: Readonly<{ thresholdMinutes: number; delayMinutes: number }>;
  /** Manager digests and long-hours thresholds (issue 10); each field is explained in .env.example. */
  readonly digests: Readonly<{
    time: string; includeIndirect: boolean; overtimeWarningHours: number; overtimeNoticeHours: number; restIntervalMinHours: number;
    lowMoodDays: number; missingDays: number;
  }>;
  /** Working time on the law's basis (issue 17): the company's policy and the doctor-interview contact. */
  readonly worktime: WorktimeSettings;
  /**
   * The security pledge 誓約書 (required before telework; asked again when the guideline version changes)
   * and the monthly home-network self-check (first workday of the month at `homeNetworkTime`, local).
   */
  readonly compliance: Readonly<{ pledgeRequired: boolean; guidelineVersion: string; homeNetworkMonthly: boolean; homeNetworkTime: string }>;
  /**
   * Ask the guideline (issue 23): the company's guideline (Markdown) and its synonyms table, paths
   * resolved from the working directory; stored questions are deleted after `retentionDays`.
   */
  readonly guideline: Readonly<{ file: string; synonymsFile: string; retentionDays: number }>;
  /** Approvals (G 1.3): how long an approved private-PC request counts. */
  readonly approvals: Readonly<{ privatePcMonths: number }>;
  /** Lost or stolen devices (G 3): security team, four-eyes Intune actions, APPI deadlines; each explained in .env.example. */
  readonly devices: Readonly<{
    securityTeamUserIds: readonly string[]; fourEyesActions: readonly ('lock' | 'wipe' | 'retire' | 'revoke')[]; actionMaxAttempts: number;
    approvalMinutes: number; secondApproverAdmins: boolean;
    appiPreliminaryDays: number; appiReminderHoursBefore: number;
  }>;
  /** Audit rows other than working time are kept this long (working time: 5 years at least, src/audit/retention.ts). */
  /** Days each kind of personal data is kept before the daily retention job deletes or redacts it (docs/security.md#retention). */
  readonly retention: RetentionDays;
  readonly audit: {
    readonly retentionDays: number;
    /** The chain heads anchored outside the database (docs/audit.md): where, signed with which key, how often. */
    readonly anchor: { readonly dir: string; readonly key?: string; readonly minutes: number };
  };
  /**
   * POST /api/signals is on only when at least one HMAC secret is set; each belongs to one tenant
   * (several per tenant during a rotation). Incidents opened by signals are limited per person and tenant.
   */
  readonly signals: {
    readonly hmacSecrets: readonly { readonly tenantId: string; readonly secret: string }[];
    readonly incidentLimits: { readonly perPersonPerDay: number; readonly perTenantPerHour: number };
  };
  /** Traces and metrics go to Azure Monitor only with a connection string (a secret: never log it). */
  readonly telemetry: { readonly connectionString?: string; readonly serviceName: string };
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

/** Parses a given environment (tests and benchmarks pass their own; the process uses loadConfigFromEnvironment()). */
export function loadConfig(rawEnv: Env): Config {
  // Platforms pass unset app settings as empty strings: treat them as absent, so defaults apply.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(env);
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
  // Local mode authenticates nobody: it must be unreachable from other machines and never touch a shared database.
  if (!e.MicrosoftAppId && e.HOST && !isLoopback(e.HOST)) problems.push(`HOST: local mode (no MicrosoftAppId) accepts unauthenticated requests, so it listens on a loopback address only, not ${e.HOST}`);
  if (!e.MicrosoftAppId && e.DATABASE_URL) problems.push('DATABASE_URL: local mode (no MicrosoftAppId) runs on the embedded PGlite only; set the bot credentials to use PostgreSQL');
  if (e.MicrosoftAppId && e.MicrosoftAppType === 'MultiTenant' && !e.ALLOWED_TENANT_IDS.length && !e.MicrosoftAppTenantId) problems.push('ALLOWED_TENANT_IDS: required for a MultiTenant bot without MicrosoftAppTenantId (no list would let every tenant in)');
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) problems.push('DATABASE_OWNER_URL: needs DATABASE_URL (the app role); the owner role only migrates');
  if (!e.DATABASE_URL && isInside(path.resolve(e.AUDIT_ANCHOR_DIR), path.resolve(e.DATA_DIR))) problems.push('AUDIT_ANCHOR_DIR: must be outside DATA_DIR (the anchors vouch for the database, so they cannot live in it)');
  const graphDirectory = graphAndDirectory(e);
  problems.push(...graphDirectory.problems);
  const rounds = roundSettings(e, !e.MicrosoftAppId);
  problems.push(...rounds.problems);
  const worktime = worktimeSettings(e);
  problems.push(...worktime.problems);
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
    // Local mode accepts unauthenticated requests, so it only listens on loopback (checked above).
    host: e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    localMode,
    logLevel: e.LOG_LEVEL,
    store: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, ...(e.DATABASE_OWNER_URL ? { ownerUrl: e.DATABASE_OWNER_URL } : {}) }
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
    delivery: { ratePerSecond: e.DELIVERY_RATE_PER_SECOND, maxAttempts: e.DELIVERY_MAX_ATTEMPTS, leaseSeconds: e.DELIVERY_LEASE_SECONDS },
    graph: graphDirectory.graph,
    directory: graphDirectory.directory,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    reminders: {
      screenLockTimes: e.SCREEN_LOCK_REMINDER_TIMES === 'none' ? [] : e.SCREEN_LOCK_REMINDER_TIMES.split(','),
      screenLockMaxPerDay: e.SCREEN_LOCK_MAX_PER_DAY,
      screenLockMinGapMinutes: e.SCREEN_LOCK_MIN_GAP_MINUTES,
      presencePollMinutes: e.PRESENCE_POLL_MINUTES,
      vpnDelayMinutes: e.VPN_REMINDER_DELAY_MINUTES,
      vpnRepeatMinutes: e.VPN_REMINDER_REPEAT_MINUTES,
      vpnMax: e.VPN_REMINDER_MAX,
      vpnSignalGraceMinutes: e.VPN_SIGNAL_GRACE_MINUTES,
      vpnNoCheckoutMinutes: e.VPN_SIGNAL_NO_CHECKOUT_MINUTES,
      tickSeconds: e.REMINDER_TICK_SECONDS,
    },
    gapCheck: { thresholdMinutes: e.GAP_CHECK_MINUTES, delayMinutes: e.GAP_CHECK_DELAY_MINUTES },
    digests: {
      time: e.DIGEST_TIME, includeIndirect: e.DIGEST_INCLUDE_INDIRECT, overtimeWarningHours: e.OVERTIME_WARNING_HOURS,
      overtimeNoticeHours: e.OVERTIME_NOTICE_HOURS, restIntervalMinHours: e.REST_INTERVAL_MIN_HOURS, lowMoodDays: e.LOW_MOOD_DAYS,
      missingDays: e.MISSING_CHECKIN_DAYS,
    },
    worktime: worktime.settings,
    compliance: {
      pledgeRequired: e.PLEDGE_REQUIRED, guidelineVersion: e.GUIDELINE_VERSION,
      homeNetworkMonthly: e.HOME_NETWORK_CHECK === 'monthly', homeNetworkTime: e.HOME_NETWORK_CHECK_TIME,
    },
    guideline: { file: path.resolve(e.GUIDELINE_FILE), synonymsFile: path.resolve(e.GUIDELINE_SYNONYMS_FILE), retentionDays: e.GUIDELINE_QUESTION_RETENTION_DAYS },
    approvals: { privatePcMonths: e.PRIVATE_PC_APPROVAL_MONTHS },
    devices: {
      securityTeamUserIds: e.SECURITY_TEAM_USER_IDS,
      fourEyesActions: e.INTUNE_FOUR_EYES_ACTIONS === 'none' ? [] : (e.INTUNE_FOUR_EYES_ACTIONS.split(',') as ('lock' | 'wipe' | 'retire' | 'revoke')[]),
      actionMaxAttempts: e.INTUNE_ACTION_MAX_ATTEMPTS,
      approvalMinutes: e.INTUNE_APPROVAL_MINUTES,
      secondApproverAdmins: e.INTUNE_SECOND_APPROVER_ADMINS,
      appiPreliminaryDays: e.APPI_PRELIMINARY_DAYS,
      appiReminderHoursBefore: e.APPI_REMINDER_HOURS_BEFORE,
    },
    retention: {
      signals: e.RETENTION_SIGNALS_DAYS, incidentDetails: e.RETENTION_INCIDENT_DETAILS_DAYS, approvalPayloads: e.RETENTION_APPROVAL_PAYLOADS_DAYS,
      gapNotes: e.RETENTION_GAP_NOTES_DAYS, checkinComments: e.RETENTION_CHECKIN_COMMENTS_DAYS,
    },
    audit: { retentionDays: e.AUDIT_RETENTION_DAYS, anchor: { dir: path.resolve(e.AUDIT_ANCHOR_DIR), key: e.AUDIT_ANCHOR_KEY, minutes: e.AUDIT_ANCHOR_MINUTES } },
    signals: {
      hmacSecrets: e.SIGNALS_HMAC_SECRETS,
      incidentLimits: { perPersonPerDay: e.SIGNALS_INCIDENTS_PER_PERSON_PER_DAY, perTenantPerHour: e.SIGNALS_INCIDENTS_PER_TENANT_PER_HOUR },
    },
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING, serviceName: e.OTEL_SERVICE_NAME },
    rounds: {
      resendMinutes: e.ROUND_RESEND_MINUTES.split(',').map(Number),
      managerMinutes: e.ROUND_MANAGER_ESCALATION_MINUTES,
      adminMinutes: e.ROUND_ADMIN_ESCALATION_MINUTES,
      tallyIntervalSeconds: e.ROUND_TALLY_INTERVAL_SECONDS,
      tickerIntervalSeconds: e.TICKER_INTERVAL_SECONDS,
    },
    roundReach: rounds.reach,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    exportLinkTtlMinutes: e.EXPORT_LINK_TTL_MINUTES,
    console: { appId: e.CONSOLE_APP_ID ?? e.MicrosoftAppId, loginBase: e.ENTRA_LOGIN_BASE.replace(/\/+$/, '') },
    roundRules: rounds.rules,
    jma: {
      feedUrl: e.JMA_FEED_URL,
      extraFeedUrl: e.JMA_EXTRA_FEED_URL,
      pollSeconds: e.JMA_POLL_SECONDS,
      threshold: e.JMA_INTENSITY_THRESHOLD,
      tsunamiKinds: e.JMA_TSUNAMI_KINDS.split(',') as ('major_warning' | 'warning' | 'advisory')[],
      aftershockHours: e.JMA_AFTERSHOCK_HOURS,
      drill: e.JMA_DRILL,
    },
  });
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
