/**
 * How many incidents signals may open before the rest are only stored. A compromised or looping MDM
 * must not page the security team hundreds of times: per person one day's worth of real losses, per
 * tenant a burst bound (SIGNALS_INCIDENTS_PER_PERSON_PER_DAY / _PER_TENANT_PER_HOUR).
 */
export interface IncidentLimits {
  readonly perPersonPerDay: number;
  readonly perTenantPerHour: number;
}

/** Incidents already admitted (opened) from signals inside each window, not counting this one. */
export interface AdmittedCounts {
  readonly personLastDay: number;
  readonly tenantLastHour: number;
}

export type IncidentDecision = 'admitted' | 'person_limit' | 'tenant_limit';

export const PERSON_WINDOW_MS = 24 * 3_600_000;
export const TENANT_WINDOW_MS = 3_600_000;

/** The person's limit is named first: it is the more specific reason for an admin reading it. */
export function decideIncident(counts: AdmittedCounts, limits: IncidentLimits): IncidentDecision {
  if (counts.personLastDay >= limits.perPersonPerDay) return 'person_limit';
  if (counts.tenantLastHour >= limits.perTenantPerHour) return 'tenant_limit';
  return 'admitted';
}
