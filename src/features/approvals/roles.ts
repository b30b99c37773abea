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

/** The person's current approvers: their active manager and the tenant's active admins. */
export async function approversOf(ctx: Pick<ApprovalContext, 'roles'>, tx: Executor, user: User): Promise<Approvers> {
  const manager = user.managerId ? await usersRepo.getInTenant(tx, user.tenantId, user.managerId) : undefined;
  const activeManager = manager?.active && manager.id !== user.id ? manager : undefined;
  const adminIds = (await ctx.roles.adminsOf(tx, user.tenantId)).map((a) => a.id).filter((id) => id !== user.id);
  const ids = [...new Set([...(activeManager ? [activeManager.id] : []), ...adminIds])];
  if (activeManager) return { ids, recipients: [activeManager] };
  const admins = await Promise.all(adminIds.map((id) => usersRepo.getInTenant(tx, user.tenantId, id)));
  return { ids, recipients: admins.filter((a): a is User => a !== undefined) };
}

/** Is this person, now, the requester's manager or an admin of the tenant? */
export async function isCurrentApprover(ctx: Pick<ApprovalContext, 'roles'>, tx: Executor, request: ApprovalRequest, actorId: string): Promise<boolean> {
  const requester = await usersRepo.getInTenant(tx, request.tenantId, request.requesterId);
  if (!requester) return false;
  return (await approversOf(ctx, tx, requester)).ids.includes(actorId);
}
