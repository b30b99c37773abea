import type { User } from './user';

/**
 * Who may act on what, in one place (issue 18 item 7). Every feature asks these rules through the
 * roles service (src/store/roles.ts), which reads the directory's flags; nothing else decides a role.
 * A role only counts inside its own tenant, so an admin or manager of one tenant is nobody in another.
 *
 * - admin: the directory's admin flag (ADMIN_GROUP_ID, or `isAdmin` in the directory file) OR an id in
 *   ADMIN_USER_IDS;
 * - security: the directory's security flag (SECURITY_GROUP_ID) OR an id in SECURITY_TEAM_USER_IDS;
 * - manager of a person: the manager the person's record names, in the person's tenant;
 * - approver of a person's request: their manager or an admin of their tenant, never the person;
 *   approver of a device action: a member of the tenant's security team.
 * The setting and the group mean the same everywhere: either one gives the role.
 */

/** The configured role ids (ADMIN_USER_IDS, SECURITY_TEAM_USER_IDS). */
export interface RoleSettings {
  readonly adminIds: readonly string[];
  readonly securityIds: readonly string[];
}

type Actor = Pick<User, 'id' | 'tenantId' | 'isAdmin'>;

/** An admin: the directory's admin flag, or an id configured as admin (ADMIN_USER_IDS). */
export function isAdmin(user: Pick<User, 'id' | 'isAdmin'>, settings: RoleSettings): boolean {
  return user.isAdmin || settings.adminIds.includes(user.id);
}

/** A security team member: the directory's security flag, or an id configured as one (SECURITY_TEAM_USER_IDS). */
export function isSecurity(user: { readonly id: string; readonly isSecurity: boolean }, settings: RoleSettings): boolean {
  return user.isSecurity || settings.securityIds.includes(user.id);
}

export function sameTenant(actor: Pick<User, 'tenantId'>, owned: { readonly tenantId: string }): boolean {
  return actor.tenantId === owned.tenantId;
}

/** An admin of the tenant that owns the round, answer or person. */
export function isAdminOf(actor: Actor, owned: { readonly tenantId: string }, settings: RoleSettings): boolean {
  return sameTenant(actor, owned) && isAdmin(actor, settings);
}

/** The manager a report's record names, in the report's own tenant (a directory mistake naming someone elsewhere counts for nothing). */
export function isManagerOf(actor: Pick<User, 'id' | 'tenantId'>, report: { readonly tenantId: string; readonly managerId?: string | null }): boolean {
  return sameTenant(actor, report) && !!report.managerId && report.managerId === actor.id;
}

/** Who may record that a round's recipient was reached by phone: the tenant's admins and the recipient's manager. */
export function mayRecordPhoneResult(actor: Actor, recipient: { readonly tenantId: string; readonly managerId?: string | null }, settings: RoleSettings): boolean {
  return isAdminOf(actor, recipient, settings) || isManagerOf(actor, recipient);
}
