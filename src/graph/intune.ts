/**
 * Intune through Microsoft Graph, for lost or stolen devices: a person's managed devices
 * (`GET /users/{id}/managedDevices`, DeviceManagementManagedDevices.Read.All), the remote actions
 * (`POST /deviceManagement/managedDevices/{id}/remoteLock|wipe|retire`,
 * DeviceManagementManagedDevices.PrivilegedOperations.All) and `POST /users/{id}/revokeSignInSessions`
 * (User.RevokeSessions.All). Each call is made once; the caller decides about retries from the outcome.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { followNextLink, graphErrorInfo } from './client';

export interface ManagedDevice {
  readonly id: string;
  readonly deviceName: string;
  readonly serialNumber?: string;
  readonly operatingSystem?: string;
  readonly complianceState?: string;
  readonly lastSyncDateTime?: string;
}

export type IntuneAction = 'lock' | 'wipe' | 'retire' | 'revoke';

/** What one call came to: done, worth another try later (429, 5xx, no answer), or refused for good. */
export type IntuneOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly status: number; readonly code?: string; readonly retryAfterMs?: number }
  | { readonly kind: 'failed'; readonly status: number; readonly code?: string };

export interface IntuneClient {
  /** The person's managed devices; undefined when Graph did not answer with a list. */
  managedDevices(userId: string): Promise<ManagedDevice[] | undefined>;
  run(action: IntuneAction, targetId: string): Promise<IntuneOutcome>;
}

const MAX_PAGES = 10;
const PATHS: Readonly<Record<Exclude<IntuneAction, 'revoke'>, string>> = { lock: 'remoteLock', wipe: 'wipe', retire: 'retire' };

interface DevicePage {
  value?: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

const optionalText = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function toDevice(raw: Record<string, unknown>): ManagedDevice | undefined {
  if (typeof raw['id'] !== 'string') return undefined;
  return {
    id: raw['id'],
    deviceName: optionalText(raw['deviceName']) ?? raw['id'],
    serialNumber: optionalText(raw['serialNumber']),
    operatingSystem: optionalText(raw['operatingSystem']),
    complianceState: optionalText(raw['complianceState']),
    lastSyncDateTime: optionalText(raw['lastSyncDateTime']),
  };
}

export function createIntuneClient(client: Client): IntuneClient {
  return {
    async managedDevices(userId) {
      try {
        const select = 'id,deviceName,serialNumber,operatingSystem,complianceState,lastSyncDateTime,userId';
        let page = (await client.api(`/users/${encodeURIComponent(userId)}/managedDevices`).query({ $select: select }).get()) as DevicePage;
        const out: ManagedDevice[] = [];
        for (let pages = 1; ; pages++) {
          for (const d of page.value ?? []) {
            const device = toDevice(d);
            if (device) out.push(device);
          }
          const next = page['@odata.nextLink'];
          if (!next || pages >= MAX_PAGES) return out;
          page = await followNextLink<DevicePage>(client, next);
        }
      } catch {
        return undefined;
      }
    },
    async run(action, targetId) {
      const path =
        action === 'revoke'
          ? `/users/${encodeURIComponent(targetId)}/revokeSignInSessions`
          : `/deviceManagement/managedDevices/${encodeURIComponent(targetId)}/${PATHS[action]}`;
      try {
        // remoteLock, retire and revokeSignInSessions take no request body (Graph docs).
        await client.api(path).post(action === 'wipe' ? { keepEnrollmentData: false, keepUserData: false } : undefined);
        return { kind: 'done' };
      } catch (err) {
        const info = graphErrorInfo(err);
        if (info.status === 429 || info.status === 0 || info.status >= 500) {
          return { kind: 'retry', status: info.status, code: info.code, retryAfterMs: info.retryAfterMs };
        }
        return { kind: 'failed', status: info.status, code: info.code };
      }
    },
  };
}
