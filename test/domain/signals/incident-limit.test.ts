import { describe, expect, it } from 'vitest';
import { decideIncident } from '../../../src/domain/signals/incident-limit';

const limits = { perPersonPerDay: 3, perTenantPerHour: 20 };

describe('incidents opened by signals: the per-person and per-tenant limit', () => {
  it.each([
    [{ personLastDay: 2, tenantLastHour: 0 }, 'admitted'],
    [{ personLastDay: 3, tenantLastHour: 0 }, 'person_limit'],
    [{ personLastDay: 4, tenantLastHour: 0 }, 'person_limit'],
    [{ personLastDay: 0, tenantLastHour: 19 }, 'admitted'],
    [{ personLastDay: 0, tenantLastHour: 20 }, 'tenant_limit'],
    [{ personLastDay: 0, tenantLastHour: 21 }, 'tenant_limit'],
    [{ personLastDay: 3, tenantLastHour: 20 }, 'person_limit'],
  ] as const)('%o → %s', (counts, expected) => {
    expect(decideIncident(counts, limits)).toBe(expected);
  });
});
