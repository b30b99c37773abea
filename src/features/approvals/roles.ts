/**
 * Who approves a person's requests, asked at request time (who gets the card) and again at decision
 * time (a former manager or admin can no longer decide), on the roles service (src/store/roles.ts).
 */
import type { User } from '../../domain/people/user';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import type { ApprovalContext } from './context';
import type { ApprovalRequest } from './types';

export interface Approvers {
  /** Who may decide: the manager and the admins (never the requester: four-eyes). */
  readonly ids: string[];
  /** Who gets the card: the manager, or the admins when there is none. */
  readonly recipients: User[];
}

/**
 * The person's current approvers: their active manager and the tenant's active admins. The manager is
 * the roles service's (roles.activeManagerOf, the rule behind roles.isManagerOf): an inactive one, or
 * the person as their own manager, never approves, and the admins get the card instead.
 */
export async function approversOf(ctx: Pick<ApprovalContext, 'roles'>, tx: Executor, user: User): Promise<Approvers> {
  const activeManager = await ctx.roles.activeManagerOf(tx, user);
  const admins = (await ctx.roles.adminsOf(tx, user.tenantId)).filter((a) => a.id !== user.id);
  const ids = [...new Set([...(activeManager ? [activeManager.id] : []), ...admins.map((a) => a.id)])];
  return { ids, recipients: activeManager ? [activeManager] : admins };
}

/** Is this person, now, the requester's manager or an admin of the tenant? */
export async function isCurrentApprover(ctx: Pick<ApprovalContext, 'roles'>, tx: Executor, request: ApprovalRequest, actorId: string): Promise<boolean> {
  const requester = await usersRepo.getInTenant(tx, request.tenantId, request.requesterId);
  if (!requester) return false;
  return (await approversOf(ctx, tx, requester)).ids.includes(actorId);
}
