import { randomUUID } from 'node:crypto';
import type { ManagedDevice } from '../../graph/intune';
import type { Executor } from '../../store/db';
import type { Incident, IncidentReport, ReportFiled } from './model';

interface IncidentRow {
  id: string; tenant_id: string; user_id: string; reported_by: string | null; source: Incident['source']; kind: Incident['kind'];
  device_type: Incident['deviceType']; serial: string | null; lost_when: string | null; lost_where: string | null; last_used: string | null;
  encrypted: Incident['encrypted']; screen_locked: Incident['screenLocked']; data_on_it: string | null; personal_data: Incident['personalData'];
  police_report: string | null; state: Incident['state']; discovered_at: Date | string; appi_preliminary_due: Date | string | null;
  appi_final_due: Date | string | null; reports_filed: string | null; devices_read: boolean; reporter_card_id: string | null; version: number;
  closed_at: Date | string | null;
}

const date = (v: Date | string | null): Date | undefined => (v === null ? undefined : new Date(v));
const opt = (v: string | null): string | undefined => v ?? undefined;

const toIncident = (row: IncidentRow): Incident => ({
  id: row.id, tenantId: row.tenant_id, userId: row.user_id, reportedBy: opt(row.reported_by), source: row.source, kind: row.kind, deviceType: row.device_type,
  serial: opt(row.serial), lostWhen: opt(row.lost_when), lostWhere: opt(row.lost_where), lastUsed: opt(row.last_used), encrypted: row.encrypted,
  screenLocked: row.screen_locked, dataOnIt: opt(row.data_on_it), personalData: row.personal_data, policeReport: opt(row.police_report), state: row.state,
  discoveredAt: new Date(row.discovered_at), appiPreliminaryDue: date(row.appi_preliminary_due), appiFinalDue: date(row.appi_final_due),
  reportsFiled: row.reports_filed ? (row.reports_filed.split(',') as ReportFiled[]) : [], devicesRead: row.devices_read,
  reporterCardId: opt(row.reporter_card_id), version: row.version, closedAt: date(row.closed_at),
});

export interface TimelineEntry {
  readonly seq: number;
  readonly at: Date;
  readonly kind: string;
  readonly actorId?: string;
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
}

export interface IncidentDevice extends ManagedDevice {
  readonly matched: boolean;
}

export interface NewIncident extends IncidentReport {
  readonly tenantId: string;
  readonly userId: string;
  readonly reportedBy?: string;
  readonly source: Incident['source'];
  readonly sourceKey: string;
  readonly discoveredAt: Date;
  readonly appi?: { preliminary: Date; final: Date };
  readonly reporterCardId?: string;
}

export interface OpenIncidentRow {
  readonly user_id: string;
  readonly kind: 'lost' | 'stolen';
  readonly state: 'open' | 'acknowledged';
  readonly discovered_at: Date;
  readonly appi_preliminary_due: Date | null;
}

export const incidentsRepo = {
  /** Inserts the incident; undefined when its source key exists (a second submit or a replayed signal). */
  async insert(tx: Executor, incident: NewIncident): Promise<Incident | undefined> {
    const r = await tx.query<IncidentRow>(
      `insert into device_incidents (id, tenant_id, user_id, reported_by, source, source_key, kind, device_type, serial, lost_when, lost_where,
         last_used, encrypted, screen_locked, data_on_it, personal_data, police_report, discovered_at, appi_preliminary_due, appi_final_due,
         reporter_card_id, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$18)
       on conflict (source_key) do nothing returning *`,
      [randomUUID(), incident.tenantId, incident.userId, incident.reportedBy ?? null, incident.source, incident.sourceKey, incident.kind, incident.deviceType, incident.serial ?? null, incident.lostWhen ?? null,
        incident.lostWhere ?? null, incident.lastUsed ?? null, incident.encrypted, incident.screenLocked, incident.dataOnIt ?? null, incident.personalData, incident.policeReport ?? null,
        incident.discoveredAt, incident.appi?.preliminary ?? null, incident.appi?.final ?? null, incident.reporterCardId ?? null],
    );
    return r.rows[0] ? toIncident(r.rows[0]) : undefined;
  },

  async bySourceKey(ex: Executor, key: string): Promise<Incident | undefined> {
    const r = await ex.query<IncidentRow>('select * from device_incidents where source_key = $1', [key]);
    return r.rows[0] ? toIncident(r.rows[0]) : undefined;
  },

  async get(ex: Executor, id: string, lock = false): Promise<Incident | undefined> {
    const r = await ex.query<IncidentRow>(`select * from device_incidents where id = $1${lock ? ' for update' : ''}`, [id]);
    return r.rows[0] ? toIncident(r.rows[0]) : undefined;
  },

  /** Moves the version on (every change does, so each card update has its own key) and sets the given columns. */
  async touch(tx: Executor, id: string, set: { state?: Incident['state']; actorId?: string; at?: Date; reportsFiled?: readonly ReportFiled[]; devicesRead?: boolean } = {}): Promise<Incident> {
    const r = await tx.query<IncidentRow>(
      `update device_incidents set version = version + 1,
         state = coalesce($2, state),
         acknowledged_by = case when $2 = 'acknowledged' then $3 else acknowledged_by end,
         acknowledged_at = case when $2 = 'acknowledged' then $4::timestamptz else acknowledged_at end,
         closed_by = case when $2 = 'closed' then $3 else closed_by end,
         closed_at = case when $2 = 'closed' then $4::timestamptz else closed_at end,
         reports_filed = coalesce($5, reports_filed),
         devices_read = coalesce($6, devices_read)
       where id = $1 returning *`,
      [id, set.state ?? null, set.actorId ?? null, set.at ?? null, set.reportsFiled ? set.reportsFiled.join(',') : null, set.devicesRead ?? null],
    );
    return toIncident(r.rows[0] as IncidentRow);
  },

  async addEvent(tx: Executor, incidentId: string, entry: Omit<TimelineEntry, 'seq'>): Promise<void> {
    await tx.query(
      `insert into device_incident_events (id, incident_id, seq, at, kind, actor_id, data)
       select $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6 from device_incident_events where incident_id = $2`,
      [randomUUID(), incidentId, entry.at, entry.kind, entry.actorId ?? null, JSON.stringify(entry.data)],
    );
  },

  async timeline(ex: Executor, incidentId: string): Promise<TimelineEntry[]> {
    const r = await ex.query<{ seq: number; at: Date | string; kind: string; actor_id: string | null; data: TimelineEntry['data'] }>(
      'select seq, at, kind, actor_id, data from device_incident_events where incident_id = $1 order by seq', [incidentId],
    );
    return r.rows.map((x) => ({ seq: x.seq, at: new Date(x.at), kind: x.kind, actorId: opt(x.actor_id), data: x.data }));
  },

  async setDevices(tx: Executor, incidentId: string, devices: readonly ManagedDevice[], serial: string | undefined): Promise<void> {
    await tx.query('delete from device_incident_devices where incident_id = $1', [incidentId]);
    const norm = (s: string | undefined) => s?.replace(/[\s-]/g, '').toLowerCase();
    for (const d of devices) {
      await tx.query(
        `insert into device_incident_devices (incident_id, device_id, device_name, serial, os, compliance, last_sync, matched)
         values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict do nothing`,
        [incidentId, d.id, d.deviceName, d.serialNumber ?? null, d.operatingSystem ?? null, d.complianceState ?? null, d.lastSyncDateTime ?? null,
          serial !== undefined && norm(d.serialNumber) === norm(serial)],
      );
    }
  },

  async devices(ex: Executor, incidentId: string): Promise<IncidentDevice[]> {
    const r = await ex.query<{ device_id: string; device_name: string; serial: string | null; os: string | null; compliance: string | null; last_sync: string | null; matched: boolean }>(
      'select * from device_incident_devices where incident_id = $1 order by matched desc, device_name, device_id', [incidentId],
    );
    return r.rows.map((row) => ({
      id: row.device_id, deviceName: row.device_name, serialNumber: opt(row.serial), operatingSystem: opt(row.os), complianceState: opt(row.compliance),
      lastSyncDateTime: opt(row.last_sync), matched: row.matched,
    }));
  },

  /** The card a member holds; a card shown again (`インシデント`) becomes the one updated in place. */
  async addCardHolder(tx: Executor, incidentId: string, userId: string, deliveryKey: string): Promise<void> {
    await tx.query(
      'insert into device_incident_cards (incident_id, user_id, delivery_key) values ($1, $2, $3) on conflict (incident_id, user_id) do update set delivery_key = excluded.delivery_key',
      [incidentId, userId, deliveryKey],
    );
  },

  async cardHolders(ex: Executor, incidentId: string): Promise<{ userId: string; deliveryKey: string }[]> {
    const r = await ex.query<{ user_id: string; delivery_key: string }>('select user_id, delivery_key from device_incident_cards where incident_id = $1 order by user_id', [incidentId]);
    return r.rows.map((x) => ({ userId: x.user_id, deliveryKey: x.delivery_key }));
  },

  /** Open incidents of these people (the manager digest). */
  async openFor(ex: Executor, tenantId: string, userIds: readonly string[]): Promise<Incident[]> {
    const r = await ex.query<IncidentRow>(
      `select * from device_incidents where tenant_id = $1 and user_id = any($2::text[]) and state <> 'closed' order by discovered_at`, [tenantId, userIds],
    );
    return r.rows.map(toIncident);
  },

  /** Open incidents, newest first: of the whole tenant (security team) or of a manager's direct reports. */
  async openToShow(ex: Executor, tenantId: string, managerId: string | undefined, limit: number): Promise<Incident[]> {
    const r = await ex.query<IncidentRow>(
      `select i.* from device_incidents i where i.tenant_id = $1 and i.state <> 'closed'
         and ($2::text is null or exists (select 1 from users u where u.id = i.user_id and u.tenant_id = $1 and u.manager_id = $2))
       order by i.discovered_at desc limit $3`,
      [tenantId, managerId ?? null, limit],
    );
    return r.rows.map(toIncident);
  },

  /** Whether someone active reports to this person (managers see their reports' incidents). */
  async hasReports(ex: Executor, tenantId: string, managerId: string): Promise<boolean> {
    const r = await ex.query('select 1 from users where tenant_id = $1 and manager_id = $2 and active limit 1', [tenantId, managerId]);
    return r.rows.length > 0;
  },

  /** Open incidents of some people (or the whole tenant), oldest first: the incident digest. */
  async openInScope(ex: Executor, tenantId: string, userIds: readonly string[] | undefined, limit: number): Promise<{ rows: OpenIncidentRow[]; total: number }> {
    const r = await ex.query<OpenIncidentRow & { total: number }>(
      `select user_id, kind, state, discovered_at, appi_preliminary_due, count(*) over ()::int as total from device_incidents
        where tenant_id = $1 and state <> 'closed' and ($2::text[] is null or user_id = any($2::text[]))
        order by discovered_at limit $3`,
      [tenantId, userIds ?? null, limit],
    );
    return { rows: r.rows.map(({ total: _total, ...row }) => row), total: r.rows[0]?.total ?? 0 };
  },

  /** Incidents, closed ones too, with a PPC deadline passed and no report recorded that settles it (checked again by the caller). */
  async appiOverdue(ex: Executor, now: Date, limit = 200): Promise<{ id: string }[]> {
    const r = await ex.query<{ id: string }>(
      `select id from device_incidents
        where appi_preliminary_due <= $1 and coalesce(reports_filed, '') not like '%final%' and coalesce(reports_filed, '') not like '%none_needed%'
        order by appi_preliminary_due limit $2`,
      [now, limit],
    );
    return r.rows;
  },

  /**
   * Whether the error "nobody can be alerted about this overdue incident" is to be logged now: true
   * (and `now` recorded) when it was never logged, last logged `intervalMs` or more ago, or "in the
   * future" (a clock that went back logs again rather than staying silent). One statement, so two
   * replicas sweeping at once log it once.
   */
  async claimOverdueNobodyLog(tx: Executor, incidentId: string, now: Date, intervalMs: number): Promise<boolean> {
    const r = await tx.query(
      `update device_incidents set appi_overdue_nobody_logged_at = $2
        where id = $1 and (appi_overdue_nobody_logged_at is null or appi_overdue_nobody_logged_at > $2 or appi_overdue_nobody_logged_at <= $3)
        returning id`,
      [incidentId, now, new Date(now.getTime() - intervalMs)],
    );
    return r.rows.length > 0;
  },

  /**
   * Retention (RETENTION_INCIDENT_DETAILS_DAYS, issue 18): the free text of incidents closed before
   * `before` (when, where, last use, what was on it, police report) and the Intune device names are
   * cleared; kind, device type, serial, states, deadlines and the timeline of ids stay.
   */
  async redactClosedDetails(ex: Executor, before: Date, limit: number): Promise<number> {
    const r = await ex.query(
      `with old as (
         select id from device_incidents i
          where state = 'closed' and closed_at < $1
            and (lost_when is not null or lost_where is not null or last_used is not null or data_on_it is not null or police_report is not null
                 or exists (select 1 from device_incident_devices d where d.incident_id = i.id and d.device_name <> ''))
          order by closed_at limit $2 for update skip locked),
       names as (update device_incident_devices d set device_name = '' from old where d.incident_id = old.id and d.device_name <> '')
       update device_incidents i set lost_when = null, lost_where = null, last_used = null, data_on_it = null, police_report = null
         from old where i.id = old.id returning i.id`,
      [before, limit],
    );
    return r.rows.length;
  },
};
