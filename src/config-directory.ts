/**
 * The Graph and directory sections of the configuration, derived from values config.ts has already
 * parsed (config.ts stays the only reader of the environment; .env.example explains each variable).
 */

/** Where Graph tokens come from: the bot's own identity (default), a certificate, or a managed identity. */
export type GraphCredentialSetting =
  | { readonly kind: 'bot' }
  | { readonly kind: 'certificate'; readonly path: string }
  | { readonly kind: 'managedIdentity'; readonly clientId?: string };

export interface GraphSettings {
  /** Proactive install, delivery reconciliation, presence and the directory sync (default: on outside local mode). */
  readonly enabled: boolean;
  readonly baseUrl: string;
  /** The app's id in the tenant app catalog (not the manifest id) for proactive installs. */
  readonly teamsAppCatalogId?: string;
  readonly credential: GraphCredentialSetting;
}

export interface DirectorySettings {
  /** graph: Entra ID through Graph (a directory file then only overrides prefectures); file: the directory file alone. */
  readonly source: 'graph' | 'file';
  /** The tenant whose directory is synced. */
  readonly tenantId?: string;
  readonly syncMinutes: number;
  /** Members (nested groups included) are round admins, the security team, and the people who use the bot. */
  readonly groups: { readonly admin?: string; readonly security?: string; readonly scope?: string };
  /**
   * ROLE_SYNC_FAIL_CLOSED_HOURS: while the admin or security group cannot be read, its last members keep
   * their role (and the admins are told); after this many hours of failures the role goes (fail closed).
   */
  readonly roleSyncFailClosedHours: number;
}

/** The parsed variables these sections are made of (a subset of config.ts's schema output). */
interface Parsed {
  MicrosoftAppId?: string;
  MicrosoftAppTenantId?: string;
  MicrosoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  ALLOWED_TENANT_IDS: string[];
  TEAMS_APP_ID?: string;
  TEAMS_APP_CATALOG_ID?: string;
  GRAPH_ENABLED?: 'true' | 'false' | '1' | '0';
  GRAPH_BASE_URL: string;
  GRAPH_CERTIFICATE_PATH?: string;
  GRAPH_USE_MANAGED_IDENTITY: boolean;
  DIRECTORY_FILE?: string;
  DIRECTORY_SOURCE?: 'graph' | 'file';
  DIRECTORY_SYNC_MINUTES: number;
  ADMIN_GROUP_ID?: string;
  SECURITY_GROUP_ID?: string;
  SCOPE_GROUP_ID?: string;
  ROLE_SYNC_FAIL_CLOSED_HOURS: number;
}

/** Both sections, and one line per setting that does not fit the others. */
export function graphAndDirectory(env: Parsed): { graph: GraphSettings; directory: DirectorySettings; problems: string[] } {
  const problems: string[] = [];
  const localMode = !env.MicrosoftAppId;
  const enabled = env.GRAPH_ENABLED ? env.GRAPH_ENABLED === 'true' || env.GRAPH_ENABLED === '1' : !localMode;
  if (env.GRAPH_CERTIFICATE_PATH && env.GRAPH_USE_MANAGED_IDENTITY) problems.push('GRAPH_CERTIFICATE_PATH: set it or GRAPH_USE_MANAGED_IDENTITY, not both');
  if (env.GRAPH_CERTIFICATE_PATH && !(env.MicrosoftAppId && env.MicrosoftAppTenantId)) {
    problems.push('GRAPH_CERTIFICATE_PATH: the certificate belongs to the bot app: MicrosoftAppId and MicrosoftAppTenantId are required');
  }
  const credential: GraphCredentialSetting = env.GRAPH_CERTIFICATE_PATH
    ? { kind: 'certificate', path: env.GRAPH_CERTIFICATE_PATH }
    : env.GRAPH_USE_MANAGED_IDENTITY
      ? { kind: 'managedIdentity', clientId: env.MicrosoftAppType === 'UserAssignedMSI' ? env.MicrosoftAppId : undefined }
      : { kind: 'bot' };

  const tenantId = env.MicrosoftAppTenantId ?? (env.ALLOWED_TENANT_IDS.length === 1 ? env.ALLOWED_TENANT_IDS[0] : undefined);
  // Graph is the default source wherever it can be: a real deployment with Graph on, a known tenant
  // and no HR file (a deployment that names a file keeps importing it, as before).
  const source = env.DIRECTORY_SOURCE ?? (enabled && !localMode && tenantId && !env.DIRECTORY_FILE ? 'graph' : 'file');
  if (source === 'graph' && !enabled) problems.push('DIRECTORY_SOURCE: graph needs Graph (GRAPH_ENABLED)');
  if (source === 'graph' && !tenantId) problems.push('DIRECTORY_SOURCE: graph needs the tenant: set MicrosoftAppTenantId, or exactly one ALLOWED_TENANT_IDS');
  return {
    graph: { enabled, baseUrl: env.GRAPH_BASE_URL, teamsAppCatalogId: env.TEAMS_APP_CATALOG_ID ?? env.TEAMS_APP_ID, credential },
    directory: {
      source,
      tenantId,
      syncMinutes: env.DIRECTORY_SYNC_MINUTES,
      groups: { admin: env.ADMIN_GROUP_ID, security: env.SECURITY_GROUP_ID, scope: env.SCOPE_GROUP_ID },
      roleSyncFailClosedHours: env.ROLE_SYNC_FAIL_CLOSED_HOURS,
    },
    problems,
  };
}
