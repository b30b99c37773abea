/**
 * The roles service: the one place that answers who is an admin, a security member, a manager or an
 * approver (issue 18 item 7). Every feature and the console get it from the composition root (through
 * FeatureDeps); the rules are src/domain/people/roles.ts, the directory's flags are the users row's
 * is_admin / is_security (set by the directory sync from its groups, src/features/directory), and the
 * settings ADMIN_USER_IDS / SECURITY_TEAM_USER_IDS count exactly like the flags, everywhere.
 */
import * as rules from '../domain/people/roles';
import type { RoleSettings } from '../domain/people/roles';
import type { User } from '../domain/people/user';
import type { Executor } from './db';
import { toUser, type UserRow } from './users';

type Actor = Pick<User, 'id' | 'tenantId' | 'isAdmin'>;
type Person = Pick<User, 'id' | 'tenantId'>;

/** What a person's request is about: a person's own request (manager or admin decides) or a device action (the security team decides). */
export type ApprovalSubject = { readonly kind: 'request'; readonly person: Person } | { readonly kind: 'device-action'; readonly tenantId: string };

export interface Roles {
  /** Admin: the directory's admin flag or ADMIN_USER_IDS (the user row carries the flag). */
  isAdmin(user: Pick<User, 'id' | 'isAdmin'>): boolean;
  /** An admin of the tenant that owns the round, answer or person. */
  isAdminOf(actor: Actor, owned: { readonly tenantId: string }): boolean;
  /** Security: the directory's security flag or SECURITY_TEAM_USER_IDS, an active person of that tenant. */
  isSecurity(ex: Executor, user: Person): Promise<boolean>;
  /** The tenant's active admins: they get tallies, alerts and notices. */
  adminsOf(ex: Executor, tenantId: string): Promise<User[]>;
  /** Ids of the tenant's active security team. */
  securityTeamOf(ex: Executor, tenantId: string): Promise<string[]>;
  /** Ids of every tenant's active security members (the digest planner reads all tenants at once). */
  securityMemberIds(ex: Executor): Promise<string[]>;
  /** The active manager the person's record names, in the person's tenant; never the person themselves (a directory loop). */
  activeManagerOf(ex: Executor, person: Person): Promise<User | undefined>;
  /** Whether `managerId` is the person's active manager (activeManagerOf): an inactive former manager, or oneself, is not. */
  isManagerOf(ex: Executor, managerId: string, person: Person): Promise<boolean>;
  /** Whether the user may decide now: a request of a person (their manager or an admin, never themselves), a device action (security). */
  isApproverOf(ex: Executor, user: Actor, subject: ApprovalSubject): Promise<boolean>;
  /** Who may record a phone result for a round's recipient: the tenant's admins and the recipient's manager. */
  mayRecordPhoneResult(actor: Actor, recipient: { readonly tenantId: string; readonly managerId?: string | null }): boolean;
}

export function createRoles(settings: RoleSettings): Roles {
  const admins = [...settings.adminIds];
  const security = [...settings.securityIds];
  const roles: Roles = {
    isAdmin: (user) => rules.isAdmin(user, settings),
    isAdminOf: (actor, owned) => rules.isAdminOf(actor, owned, settings),
    async isSecurity(ex, user) {
      const r = await ex.query<{ is_security: boolean }>('select is_security from users where id = $1 and tenant_id = $2 and active', [user.id, user.tenantId]);
      const row = r.rows[0];
      return !!row && rules.isSecurity({ id: user.id, isSecurity: row.is_security }, settings);
    },
    async adminsOf(ex, tenantId) {
      const r = await ex.query<UserRow>('select * from users where active and tenant_id = $1 and (is_admin or id = any($2::text[])) order by id', [tenantId, admins]);
      return r.rows.map(toUser);
    },
    async securityTeamOf(ex, tenantId) {
      const r = await ex.query<{ id: string }>('select id from users where tenant_id = $1 and active and (is_security or id = any($2::text[])) order by id', [tenantId, security]);
      return r.rows.map((u) => u.id);
    },
    async securityMemberIds(ex) {
      const r = await ex.query<{ id: string }>('select id from users where active and (is_security or id = any($1::text[])) order by id', [security]);
      return r.rows.map((u) => u.id);
    },
    async activeManagerOf(ex, person) {
      const r = await ex.query<UserRow>(
        `select m.* from users p join users m on m.id = p.manager_id and m.tenant_id = p.tenant_id and m.active and m.id <> p.id
         where p.id = $1 and p.tenant_id = $2`,
        [person.id, person.tenantId],
      );
      return r.rows[0] ? toUser(r.rows[0]) : undefined;
    },
    async isManagerOf(ex, managerId, person) {
      const manager = await roles.activeManagerOf(ex, person);
      return rules.isManagerOf({ id: managerId, tenantId: person.tenantId }, { tenantId: person.tenantId, managerId: manager?.id });
    },
    async isApproverOf(ex, user, subject) {
      if (subject.kind === 'device-action') return (await roles.securityTeamOf(ex, subject.tenantId)).includes(user.id);
      const { person } = subject;
      if (user.id === person.id || !rules.sameTenant(user, person)) return false;
      return rules.isAdminOf(user, person, settings) || roles.isManagerOf(ex, user.id, person);
    },
    mayRecordPhoneResult: (actor, recipient) => rules.mayRecordPhoneResult(actor, recipient, settings),
  };
  return roles;
}
