import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** Who a console request comes from: an Entra user of a tenant (SSO), or a local-mode pick. */
export interface ConsoleIdentity {
  /** Absent in local mode, where the picked person's own tenant applies. */
  readonly tenantId?: string;
  readonly userId: string;
}

export interface TokenSettings {
  /** The tab's app registration (client id): the token's audience is it or `api://…/<it>`. */
  readonly appId: string;
  /** https://login.microsoftonline.com, or a local stand-in in tests. */
  readonly loginBase: string;
  /** Only these tenants' users may sign in; empty lets nobody in. */
  readonly allowedTenantIds: readonly string[];
}

/** Clock skew Entra's own SDKs tolerate (Teams SDK v2 does the same). */
const CLOCK_TOLERANCE_SECONDS = 300;

/**
 * Validates a Teams SSO / nested-app-auth access token the way Teams SDK v2 does: RS256 only, the
 * key from the tenant's Entra JWKS, audience the app id or `api://<host>/<app id>`, issuer of that
 * tenant (v2 `login.microsoftonline.com/<tid>/`, v1 `sts.windows.net/<tid>/`), 300 s skew, the
 * tenant on the allow-list, `oid` the user. The tenant is checked before any key is fetched, so a
 * stranger's token never makes this server call Entra. Undefined for anything else, never a reason
 * (the caller answers 401 either way).
 */
export function createTokenVerifier(settings: TokenSettings): (token: string) => Promise<ConsoleIdentity | undefined> {
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keysOf = (tenantId: string) => {
    let keys = keySets.get(tenantId);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(`${settings.loginBase}/${tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5000 });
      keySets.set(tenantId, keys);
    }
    return keys;
  };
  const audienceOk = (aud: unknown) => {
    const list = Array.isArray(aud) ? aud : [aud];
    return list.some((a) => typeof a === 'string' && (a === settings.appId || (a.startsWith('api://') && a.endsWith(`/${settings.appId}`))));
  };
  const issuerOk = (iss: unknown, tenantId: string) =>
    typeof iss === 'string' && (iss.startsWith(`${settings.loginBase}/${tenantId}/`) || iss.startsWith(`https://sts.windows.net/${tenantId}/`));

  return async (token) => {
    try {
      if (decodeProtectedHeader(token).alg !== 'RS256') return undefined;
      const claims = decodeJwt(token);
      const tenantId = claims.tid;
      if (typeof tenantId !== 'string' || !/^[0-9a-zA-Z-]{1,64}$/.test(tenantId) || !settings.allowedTenantIds.includes(tenantId)) return undefined;
      const { payload } = await jwtVerify(token, keysOf(tenantId), { algorithms: ['RS256'], clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp', 'iss', 'aud'] });
      if (payload.tid !== tenantId || !audienceOk(payload.aud) || !issuerOk(payload.iss, tenantId)) return undefined;
      return typeof payload.oid === 'string' && payload.oid ? { tenantId, userId: payload.oid } : undefined;
    } catch {
      return undefined;
    }
  };
}
