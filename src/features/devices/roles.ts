/**
 * The roles the devices feature asks about, on the roles service (src/store/roles.ts): the security
 * team, the admins, and who may be the second person of a four-eyes Intune action.
 */
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import type { DevicesContext } from './context';

type Ctx = Pick<DevicesContext, 'settings' | 'roles'>;

/** The tenant's security team now (ids): the directory's flag and SECURITY_TEAM_USER_IDS. */
export const securityTeamOf = (ctx: Ctx, ex: Executor, tenantId: string): Promise<string[]> =>
  ctx.roles.securityTeamOf(ex, tenantId);

/** The tenant's active admins now: the directory's flag and ADMIN_USER_IDS. */
export const adminsOf = (ctx: Ctx, ex: Executor, tenantId: string): Promise<User[]> => ctx.roles.adminsOf(ex, tenantId);

/**
 * Who may be the second person of a four-eyes action now: the security team; with a one-person team
 * and INTUNE_SECOND_APPROVER_ADMINS, the admins too (else wipe / retire could never be approved
 * there). The requester is listed too: the approvals core refuses their own approve (four-eyes).
 */
export async function fourEyesApprovers(ctx: Ctx, ex: Executor, tenantId: string): Promise<string[]> {
  const team = await securityTeamOf(ctx, ex, tenantId);
  if (team.length > 1 || !ctx.settings.secondApproverAdmins) return team;
  return [...new Set([...team, ...(await adminsOf(ctx, ex, tenantId)).map((a) => a.id)])];
}
