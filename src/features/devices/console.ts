import type { Locale } from '../../domain/shared/locale';
import type { Executor } from '../../store/db';
import { deviceText } from './texts';

/** An open lost-device incident with its APPI deadlines (個人情報保護法26条, 規則8条), as the console lists it. */
export interface OpenIncident {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly upn: string | null;
  readonly state: 'open' | 'acknowledged';
  /** Kind and device in the reader's language ("紛失・会社の PC"). */
  readonly what: string;
  readonly stateText: string;
  readonly discoveredAt: string;
  /** Null: no report to the PPC is needed (no personal data, or encrypted). */
  readonly preliminaryDue: string | null;
  readonly finalDue: string | null;
}

const MAX_LISTED = 200;

/** The tenant's incidents not closed yet, the nearest APPI deadline first: one statement. */
export async function openIncidents(ex: Executor, tenantId: string, locale: Locale): Promise<OpenIncident[]> {
  const r = await ex.query<{ id: string; user_id: string; name: string | null; email: string | null; state: 'open' | 'acknowledged'; kind: 'lost' | 'stolen'; device_type: 'company_pc' | 'company_phone' | 'private_phone' | 'other'; discovered_at: Date; appi_preliminary_due: Date | null; appi_final_due: Date | null }>(
    `select i.id, i.user_id, u.name, u.email, i.state, i.kind, i.device_type, i.discovered_at, i.appi_preliminary_due, i.appi_final_due
     from device_incidents i left join users u on u.id = i.user_id and u.tenant_id = i.tenant_id
     where i.tenant_id = $1 and i.state <> 'closed'
     order by i.appi_preliminary_due nulls last, i.discovered_at, i.id limit ${MAX_LISTED}`,
    [tenantId],
  );
  return r.rows.map((row) => ({
    id: row.id, userId: row.user_id, name: row.name ?? '—', upn: row.email, state: row.state,
    what: `${deviceText(locale, row.kind)}・${deviceText(locale, row.device_type)}`,
    stateText: deviceText(locale, row.state === 'open' ? 'stateOpen' : 'stateAcknowledged'),
    discoveredAt: row.discovered_at.toISOString(), preliminaryDue: row.appi_preliminary_due?.toISOString() ?? null, finalDue: row.appi_final_due?.toISOString() ?? null,
  }));
}
