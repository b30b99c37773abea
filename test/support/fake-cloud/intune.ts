/** Intune in the local Graph: a user's managed devices (`GET /users/{id}/managedDevices`), the remote
 *  actions (`POST /deviceManagement/managedDevices/{id}/remoteLock|wipe|retire`, 204) and
 *  `POST /users/{id}/revokeSignInSessions` (200 `{ value: true }`), each call recorded, with injected
 *  faults (429 + Retry-After, 5xx, 403, 404) consumed one per call. */
import { HttpError } from './connector';
import type { FakeCloudState } from './state';

const GRAPH = 'https://graph.microsoft.com/v1.0';

export interface FakeManagedDevice {
  id: string;
  userId: string;
  deviceName: string;
  serialNumber: string;
  operatingSystem: string;
  complianceState: 'compliant' | 'noncompliant' | 'unknown';
  lastSyncDateTime: string;
}

export type IntuneCallKind = 'list' | 'remoteLock' | 'wipe' | 'retire' | 'revokeSignInSessions';

export interface IntuneCall {
  readonly kind: IntuneCallKind;
  /** Device id (actions) or user id (list, revoke). */
  readonly target: string;
  /** What the fake answered. */
  readonly status: number;
  readonly body: string;
  readonly at: number;
}

export interface IntuneFault {
  readonly status: number;
  /** Seconds; sent as Retry-After (429 and 503). */
  readonly retryAfterSeconds?: number;
  /** Only calls of this kind take the fault (default: any action, not the device list). */
  readonly kind?: IntuneCallKind;
}

const ACTIONS: ReadonlySet<string> = new Set(['remoteLock', 'wipe', 'retire']);
const FAULT_CODES: Readonly<Record<number, string>> = { 403: 'Forbidden', 404: 'ResourceNotFound', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' };

export class FakeIntune {
  private readonly devices = new Map<string, FakeManagedDevice>();
  readonly calls: IntuneCall[] = [];
  /** Consumed in order by the next matching call. */
  readonly faults: IntuneFault[] = [];

  addDevice(d: Partial<FakeManagedDevice> & Pick<FakeManagedDevice, 'id' | 'userId'>): FakeManagedDevice {
    const device: FakeManagedDevice = {
      deviceName: `DEVICE-${d.id}`, serialNumber: `SN-${d.id}`, operatingSystem: 'Windows', complianceState: 'compliant',
      lastSyncDateTime: '2026-11-30T09:00:00Z', ...d,
    };
    this.devices.set(device.id, device);
    return device;
  }

  /** Successful calls of a kind (what Intune actually did). */
  done(kind: IntuneCallKind, target?: string): IntuneCall[] {
    return this.calls.filter((c) => c.kind === kind && c.status < 300 && (target === undefined || c.target === target));
  }

  reset(): void {
    this.devices.clear(); this.calls.length = 0; this.faults.length = 0;
  }

  /** Answers an Intune route of the local Graph, or returns undefined for any other route. */
  handle(method: string, segs: readonly string[], now: number): { status: number; body: unknown } | undefined {
    const [ver, coll, id, a, b, ...more] = segs;
    if (ver !== 'v1.0' || more.length) return undefined;
    if (coll === 'users' && id && a === 'managedDevices' && b === undefined && method === 'GET') {
      return this.answer('list', id, now, () => ({
        status: 200,
        body: {
          '@odata.context': `${GRAPH}/$metadata#users('${id}')/managedDevices`,
          value: [...this.devices.values()].filter((d) => d.userId === id).map((d) => ({ '@odata.type': '#microsoft.graph.managedDevice', ...d })),
        },
      }));
    }
    if (coll === 'users' && id && a === 'revokeSignInSessions' && b === undefined && method === 'POST') {
      return this.answer('revokeSignInSessions', id, now, () => ({ status: 200, body: { '@odata.context': `${GRAPH}/$metadata#Edm.Boolean`, value: true } }));
    }
    if (coll === 'deviceManagement' && id === 'managedDevices' && a && b && ACTIONS.has(b) && method === 'POST') {
      return this.answer(b as IntuneCallKind, a, now, () => {
        if (!this.devices.has(a)) throw new HttpError(404, 'ResourceNotFound', `managedDevice ${a} not found`);
        return { status: 204, body: undefined };
      });
    }
    return undefined;
  }

  private answer(kind: IntuneCallKind, target: string, now: number, ok: () => { status: number; body: unknown }): { status: number; body: unknown } {
    const i = this.faults.findIndex((f) => (f.kind === undefined ? kind !== 'list' : f.kind === kind));
    try {
      if (i >= 0) {
        const [fault] = this.faults.splice(i, 1) as [IntuneFault];
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        throw new HttpError(fault.status, FAULT_CODES[fault.status] ?? 'Error', `Injected fault ${fault.status}`, headers);
      }
      const result = ok();
      this.calls.push({ kind, target, status: result.status, body: JSON.stringify(result.body ?? null), at: now });
      return result;
    } catch (err) {
      this.calls.push({ kind, target, status: err instanceof HttpError ? err.status : 500, body: '', at: now });
      throw err;
    }
  }
}

const byState = new WeakMap<FakeCloudState, FakeIntune>();

/** The Intune stand-in of one local cloud (created on first use). */
export function intuneOf(state: FakeCloudState): FakeIntune {
  let intune = byState.get(state);
  if (!intune) {
    intune = new FakeIntune();
    byState.set(state, intune);
  }
  return intune;
}
