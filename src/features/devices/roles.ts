/**
 * Who may be the second person of a four-eyes Intune action, on the roles service (src/store/roles.ts);
 * the security team and the admins are asked of `ctx.roles` directly.
 */
import type { Executor } from '../../store/db';
import type { DevicesContext } from './context';

type Ctx = Pick<DevicesContext, 'settings' | 'roles'>;

/**
 * Who may be the second person of a four-eyes action now: the security team; with a one-person team
 * and INTUNE_SECOND_APPROVER_ADMINS, the admins too (else wipe / retire could never be approved
 * there). The requester is listed too: the approvals core refuses their own approve (four-eyes).
 */
export async function fourEyesApprovers(ctx: Ctx, ex: Executor, tenantId: string): Promise<string[]> {
  const team = await ctx.roles.securityTeamOf(ex, tenantId);
  if (team.length > 1 || !ctx.settings.secondApproverAdmins) return team;
  return [...new Set([...team, ...(await ctx.roles.adminsOf(ex, tenantId)).map((a) => a.id)])];
}
