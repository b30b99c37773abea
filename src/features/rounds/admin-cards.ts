import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { EmptyScopeError, RoundNotFoundError } from '../../domain/safety/errors';
import type { RoundForm } from '../../domain/safety/model';
import { usersRepo } from '../../store/users';
import type { RoundContext } from './context';
import { roundsRepo, type Round, type RoundScope } from './repository';
import { computeTally } from './tally';

export const scopeOf = (f: RoundForm): RoundScope => ({ scope: f.scope, departments: f.departments, prefectures: f.prefectures, people: f.people });

/** The admin's live tally of a round, with the CSV export link when exports are on. */
export async function tallyCard(ctx: RoundContext, round: Round, admin: User): Promise<AdaptiveCardJson> {
  return ctx.views.tally(round, await computeTally(ctx.db, round.id), admin, await ctx.exportUrl?.(round.id));
}

/** The form to start a round, with the tenant's departments and people to choose from. */
export async function formCard(ctx: RoundContext, admin: User): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  const users = await usersRepo.listActive(ctx.db, admin.tenantId);
  const departments = [...new Set(users.map((u) => u.department).filter((d): d is string => !!d))].sort();
  return ctx.views.form(admin, { departments, people: users.map((u) => ({ id: u.id, name: u.name })) });
}

/** What the form would do (how many people it reaches) before the admin starts it. */
export async function preview(ctx: RoundContext, admin: User, form: RoundForm): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  const count = await roundsRepo.countScope(ctx.db, admin.tenantId, scopeOf(form));
  if (!count) throw new EmptyScopeError();
  const names = new Map<string, string>();
  for (const id of form.people) {
    const u = await usersRepo.get(ctx.db, id);
    if (u) names.set(id, u.name);
  }
  return ctx.views.confirm(admin, form, count, names);
}

export async function tallyFor(ctx: RoundContext, admin: User, roundId: string): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  const round = await roundsRepo.get(ctx.db, roundId);
  if (!round || round.tenantId !== admin.tenantId) throw new RoundNotFoundError(roundId);
  return tallyCard(ctx, round, admin);
}
