import type { User } from '../../domain/people/user';
import { NotAdminError, RoundNotFoundError } from '../../domain/safety/errors';
import type { Executor } from '../../store/db';
import type { Roles } from '../../store/roles';

/** Who may run rounds: the roles service's admins (the directory's admin flag or ADMIN_USER_IDS). */
export function adminAccess(roles: Roles) {
  const isAdmin = (u: User) => roles.isAdmin(u);
  return {
    isAdmin,
    requireAdmin(user: User): void {
      if (!isAdmin(user)) throw new NotAdminError();
    },
    /**
     * The round, when the admin may act on it. Another tenant's round reads as "not found", like a
     * missing one, so its existence is not revealed either.
     */
    requireRoundAdmin<R extends { readonly id: string; readonly tenantId: string }>(user: User, round: R | undefined, roundId: string): R {
      if (!isAdmin(user)) throw new NotAdminError();
      if (!round || !roles.isAdminOf(user, round)) throw new RoundNotFoundError(roundId);
      return round;
    },
    /** The tenant's active admins: they get the tally cards, reports, urgent alerts and notices. */
    async admins(ex: Executor, tenantId: string): Promise<User[]> {
      return roles.adminsOf(ex, tenantId);
    },
  };
}

export type AdminAccess = ReturnType<typeof adminAccess>;
