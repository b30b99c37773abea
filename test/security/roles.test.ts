import { describe, expect, it } from 'vitest';
import { isAdmin, isAdminOf, isManagerOf, isSecurity, mayRecordPhoneResult, sameTenant, type RoleSettings } from '../../src/domain/people/roles';

/** The role rules every admin and manager action asks (src/domain/people/roles.ts), refused paths first. */
const adminA = { id: 'admin-a', tenantId: 'A', isAdmin: true };
const adminB = { id: 'admin-b', tenantId: 'B', isAdmin: true };
const configuredAdminB = { id: 'ops-b', tenantId: 'B', isAdmin: false };
const managerA = { id: 'mgr-a', tenantId: 'A', isAdmin: false };
const managerB = { id: 'mgr-b', tenantId: 'B', isAdmin: false };
const memberA = { id: 'a1', tenantId: 'A', isAdmin: false };
const recipientA = { tenantId: 'A', managerId: 'mgr-a' };
const roundA = { tenantId: 'A' };
const none: RoleSettings = { adminIds: [], securityIds: [] };
const opsB: RoleSettings = { adminIds: ['ops-b'], securityIds: [] };

describe('roles', () => {
  it('an admin counts only in their own tenant', () => {
    expect(isAdminOf(adminB, roundA, none)).toBe(false);
    expect(isAdminOf(configuredAdminB, roundA, opsB)).toBe(false);
    expect(isAdminOf(adminA, roundA, none)).toBe(true);
    expect(isAdmin(configuredAdminB, opsB)).toBe(true);
    expect(isAdmin(memberA, none)).toBe(false);
  });

  it('a phone result may come from the tenant’s admins and the recipient’s manager only', () => {
    expect(mayRecordPhoneResult(adminB, recipientA, none)).toBe(false);
    expect(mayRecordPhoneResult(configuredAdminB, recipientA, opsB)).toBe(false);
    expect(mayRecordPhoneResult(memberA, recipientA, none)).toBe(false);
    // A directory mistake naming another tenant's manager gives that manager nothing.
    expect(mayRecordPhoneResult(managerB, { tenantId: 'A', managerId: 'mgr-b' }, none)).toBe(false);
    expect(mayRecordPhoneResult(managerA, { tenantId: 'A', managerId: null }, none)).toBe(false);
    expect(mayRecordPhoneResult(managerA, recipientA, none)).toBe(true);
    expect(mayRecordPhoneResult(adminA, recipientA, none)).toBe(true);
  });

  it('security: the directory flag or SECURITY_TEAM_USER_IDS, either one alone', () => {
    const team: RoleSettings = { adminIds: [], securityIds: ['sec-set'] };
    expect(isSecurity({ id: 'sec-flag', isSecurity: true }, none)).toBe(true);
    expect(isSecurity({ id: 'sec-set', isSecurity: false }, team)).toBe(true);
    expect(isSecurity({ id: 'sec-set', isSecurity: false }, none)).toBe(false);
    expect(isSecurity({ id: 'other', isSecurity: false }, team)).toBe(false);
    // The admin setting gives no security role, and the security setting no admin role.
    expect(isSecurity({ id: 'ops-b', isSecurity: false }, opsB)).toBe(false);
    expect(isAdmin({ id: 'sec-set', isAdmin: false }, team)).toBe(false);
  });

  it('a manager is the one the record names, in the same tenant', () => {
    expect(isManagerOf(managerA, recipientA)).toBe(true);
    expect(isManagerOf(managerB, { tenantId: 'A', managerId: 'mgr-b' })).toBe(false);
    expect(isManagerOf(managerA, { tenantId: 'A', managerId: undefined })).toBe(false);
    expect(isManagerOf(memberA, recipientA)).toBe(false);
  });

  it('sameTenant compares tenant ids only', () => {
    expect(sameTenant(memberA, roundA)).toBe(true);
    expect(sameTenant(managerB, roundA)).toBe(false);
  });
});
