import { describe, expect, it } from 'vitest';
import { isAdmin, isAdminOf, mayRecordPhoneResult, sameTenant } from '../../src/domain/people/roles';

/** The role rules every admin and manager action asks (src/domain/people/roles.ts), refused paths first. */
const adminA = { id: 'admin-a', tenantId: 'A', isAdmin: true };
const adminB = { id: 'admin-b', tenantId: 'B', isAdmin: true };
const configuredAdminB = { id: 'ops-b', tenantId: 'B', isAdmin: false };
const managerA = { id: 'mgr-a', tenantId: 'A', isAdmin: false };
const managerB = { id: 'mgr-b', tenantId: 'B', isAdmin: false };
const memberA = { id: 'a1', tenantId: 'A', isAdmin: false };
const recipientA = { tenantId: 'A', managerId: 'mgr-a' };
const roundA = { tenantId: 'A' };

describe('roles', () => {
  it('an admin counts only in their own tenant', () => {
    expect(isAdminOf(adminB, roundA, [])).toBe(false);
    expect(isAdminOf(configuredAdminB, roundA, ['ops-b'])).toBe(false);
    expect(isAdminOf(adminA, roundA, [])).toBe(true);
    expect(isAdmin(configuredAdminB, ['ops-b'])).toBe(true);
    expect(isAdmin(memberA, [])).toBe(false);
  });

  it('a phone result may come from the tenant’s admins and the recipient’s manager only', () => {
    expect(mayRecordPhoneResult(adminB, recipientA, [])).toBe(false);
    expect(mayRecordPhoneResult(configuredAdminB, recipientA, ['ops-b'])).toBe(false);
    expect(mayRecordPhoneResult(memberA, recipientA, [])).toBe(false);
    // A directory mistake naming another tenant's manager gives that manager nothing.
    expect(mayRecordPhoneResult(managerB, { tenantId: 'A', managerId: 'mgr-b' }, [])).toBe(false);
    expect(mayRecordPhoneResult(managerA, { tenantId: 'A', managerId: null }, [])).toBe(false);
    expect(mayRecordPhoneResult(managerA, recipientA, [])).toBe(true);
    expect(mayRecordPhoneResult(adminA, recipientA, [])).toBe(true);
  });

  it('sameTenant compares tenant ids only', () => {
    expect(sameTenant(memberA, roundA)).toBe(true);
    expect(sameTenant(managerB, roundA)).toBe(false);
  });
});
