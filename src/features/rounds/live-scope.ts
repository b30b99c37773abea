import type { User } from '../../domain/people/user';
import { sameTenant } from '../../domain/people/roles';
import { RoundNotFoundError } from '../../domain/safety/errors';
import type { Executor } from '../../store/db';
import type { RoundContext } from './context';
import { liveRepo, type RecipientFilter } from './live-repository';
import { roundsRepo, type Round } from './repository';

/**
 * What a viewer may see of a round: the tenant's admins everything, a manager their direct reports
 * (only when some are recipients). Anything else reads as "not found", like another tenant's round.
 */
export async function scopeOf(ctx: RoundContext, ex: Executor, viewer: User, roundId: string): Promise<{ round: Round; filter: RecipientFilter; scope: 'tenant' | 'reports' }> {
  const round = await roundsRepo.get(ex, roundId);
  if (!round || !sameTenant(viewer, round)) throw new RoundNotFoundError(roundId);
  if (ctx.isAdmin(viewer)) return { round, filter: {}, scope: 'tenant' };
  const filter = { managerId: viewer.id };
  if (!(await liveRepo.groups(ex, roundId, filter)).length) throw new RoundNotFoundError(roundId);
  return { round, filter, scope: 'reports' };
}
