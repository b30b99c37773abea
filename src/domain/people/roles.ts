import type { User } from './user';

/**
 * Who may act on what, in one place. Every admin or manager action on a tenant's data asks these:
 * a role only counts inside its own tenant, so an admin or manager of one tenant is nobody in another.
 */

type Actor = Pick<User, 'id' | 'tenantId' | 'isAdmin'>;

/** Admins run rounds: the directory's admin flag, or an id configured as admin (ADMIN_USER_IDS). */
export function isAdmin(user: Pick<User, 'id' | 'isAdmin'>, adminIds: readonly string[]): boolean {
  return user.isAdmin || adminIds.includes(user.id);
}

export function sameTenant(actor: Pick<User, 'tenantId'>, owned: { readonly tenantId: string }): boolean {
  return actor.tenantId === owned.tenantId;
}

/** An admin of the tenant that owns the round, answer or person. */
export function isAdminOf(actor: Actor, owned: { readonly tenantId: string }, adminIds: readonly string[]): boolean {
  return sameTenant(actor, owned) && isAdmin(actor, adminIds);
}

/** The manager a report's record names, in the report's own tenant (a directory mistake naming someone elsewhere counts for nothing). */
function isManagerOf(actor: Actor, report: { readonly tenantId: string; readonly managerId?: string | null }): boolean {
  return sameTenant(actor, report) && !!report.managerId && report.managerId === actor.id;
}

/** Who may record that a round's recipient was reached by phone: the tenant's admins and the recipient's manager. */
export function mayRecordPhoneResult(actor: Actor, recipient: { readonly tenantId: string; readonly managerId?: string | null }, adminIds: readonly string[]): boolean {
  return isAdminOf(actor, recipient, adminIds) || isManagerOf(actor, recipient);
}
