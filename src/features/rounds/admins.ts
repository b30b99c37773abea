import type { User } from '../../domain/people/user';
import { isAdmin as isAdminRole, isAdminOf } from '../../domain/people/roles';
import { NotAdminError, RoundNotFoundError } from '../../domain/safety/errors';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';

/** Who may run rounds (src/domain/people/roles.ts): users the directory marks as admins, and the ids configured as admins. */
export function adminAccess(adminIds: readonly string[]) {
  const isAdmin = (u: User) => isAdminRole(u, adminIds);
  return {
    isAdmin,
    requireAdmin(u: User): void {
      if (!isAdmin(u)) throw new NotAdminError();
    },
    /**
     * The round, when the admin may act on it. Another tenant's round reads as "not found", like a
     * missing one, so its existence is not revealed either.
     */
    requireRoundAdmin<R extends { readonly id: string; readonly tenantId: string }>(u: User, round: R | undefined, roundId: string): R {
      if (!isAdmin(u)) throw new NotAdminError();
      if (!round || !isAdminOf(u, round, adminIds)) throw new RoundNotFoundError(roundId);
      return round;
    },
    /** The tenant's active admins: they get the tally cards, reports, urgent alerts and notices. */
    async admins(ex: Executor, tenantId: string): Promise<User[]> {
      return usersRepo.listActiveAdmins(ex, tenantId, adminIds);
    },
  };
}

export type AdminAccess = ReturnType<typeof adminAccess>;
