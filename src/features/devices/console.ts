import { outstandingReports } from '../../domain/appi/deadlines';
import type { ReportRecorded } from '../../domain/appi/deadlines';
import type { Locale } from '../../domain/shared/locale';
import type { Executor } from '../../store/db';
import { deviceText } from './texts';

/**
 * A lost-device incident that still needs the security team, as the console lists it: not closed, or
 * closed with a report to the PPC still owed (個人情報保護法26条, 規則8条: closing does not settle the
 * final report). Only the deadlines still owed are given.
 */
export interface OpenIncident {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly upn: string | null;
  readonly state: 'open' | 'acknowledged' | 'closed';
  /** Kind and device in the reader's language ("紛失・会社の PC"). */
  readonly what: string;
  readonly stateText: string;
  readonly discoveredAt: string;
  /** Null: no report to the PPC is owed (none needed — no personal data, or encrypted — or filed). */
  readonly preliminaryDue: string | null;
  readonly finalDue: string | null;
}

const MAX_LISTED = 200;

/** The tenant's incidents not closed yet or still owing a report, the nearest APPI deadline first: one statement. */
export async function openIncidents(ex: Executor, tenantId: string, locale: Locale): Promise<OpenIncident[]> {
  const r = await ex.query<{ id: string; user_id: string; name: string | null; email: string | null; state: 'open' | 'acknowledged' | 'closed'; reports_filed: string | null; kind: 'lost' | 'stolen'; device_type: 'company_pc' | 'company_phone' | 'private_phone' | 'other'; discovered_at: Date; appi_preliminary_due: Date | null; appi_final_due: Date | null }>(
    `select i.id, i.user_id, u.name, u.email, i.state, i.kind, i.device_type, i.discovered_at, i.appi_preliminary_due, i.appi_final_due, i.reports_filed
     from device_incidents i left join users u on u.id = i.user_id and u.tenant_id = i.tenant_id
     where i.tenant_id = $1 and (i.state <> 'closed' or (i.appi_final_due is not null
       and coalesce(i.reports_filed, '') not like '%final%' and coalesce(i.reports_filed, '') not like '%none_needed%'))
     order by i.appi_preliminary_due nulls last, i.discovered_at, i.id limit ${MAX_LISTED}`,
    [tenantId],
  );
  const stateKey = { open: 'stateOpen', acknowledged: 'stateAcknowledged', closed: 'stateClosed' } as const;
  return r.rows.map((row) => {
    const owed = outstandingReports({
      appiPreliminaryDue: row.appi_preliminary_due ?? undefined, appiFinalDue: row.appi_final_due ?? undefined,
      reportsFiled: row.reports_filed ? (row.reports_filed.split(',') as ReportRecorded[]) : [],
    });
    return {
      id: row.id, userId: row.user_id, name: row.name ?? '—', upn: row.email, state: row.state,
      what: `${deviceText(locale, row.kind)}・${deviceText(locale, row.device_type)}`,
      stateText: deviceText(locale, stateKey[row.state]),
      discoveredAt: row.discovered_at.toISOString(),
      preliminaryDue: owed.includes('preliminary') ? (row.appi_preliminary_due?.toISOString() ?? null) : null,
      finalDue: owed.includes('final') ? (row.appi_final_due?.toISOString() ?? null) : null,
    };
  });
}
