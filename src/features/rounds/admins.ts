import type { User } from '../../domain/people/user';
import { NotAdminError } from '../../domain/safety/errors';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';

/** Who may run rounds: users the directory marks as admins, and the ids configured as admins. */
export function adminAccess(adminIds: readonly string[]) {
  const isAdmin = (u: User) => u.isAdmin || adminIds.includes(u.id);
  return {
    isAdmin,
    requireAdmin(u: User): void {
      if (!isAdmin(u)) throw new NotAdminError();
    },
    /** The tenant's active admins: they get the tally cards, reports, urgent alerts and notices. */
    async admins(ex: Executor, tenantId: string): Promise<User[]> {
      return (await usersRepo.listActive(ex, tenantId)).filter(isAdmin);
    },
  };
}

export type AdminAccess = ReturnType<typeof adminAccess>;
