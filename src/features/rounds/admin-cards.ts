import type { AdaptiveCardJson } from '../../cards/render';
import type { User } from '../../domain/people/user';
import { EmptyScopeError } from '../../domain/safety/errors';
import type { RoundForm } from '../../domain/safety/model';
import { usersRepo } from '../../store/users';
import { locationFreshSince, type RoundContext } from './context';
import { roundsRepo, type Round, type RoundScope } from './repository';
import { computeTally } from './tally';
import { tallyRepo } from './tally-repository';
import { ROUND_TEXTS } from './texts';

export const scopeOf = (f: RoundForm): RoundScope => ({ scope: f.scope, departments: f.departments, prefectures: f.prefectures, people: f.people });

/** The admin's live tally of a round, with the CSV export link when exports are on. */
export async function tallyCard(ctx: RoundContext, round: Round, admin: User, confirmingClose = false): Promise<AdaptiveCardJson> {
  return ctx.views.tally(round, await computeTally(ctx.db, round.id), admin, await ctx.exportUrl?.(round.id), confirmingClose);
}

/** The form to start a round, with the tenant's departments and people to choose from. */
export async function formCard(ctx: RoundContext, admin: User, prefill?: RoundForm): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  const users = await usersRepo.listActive(ctx.db, admin.tenantId);
  const departments = [...new Set(users.map((u) => u.department).filter((d): d is string => !!d))].sort();
  return ctx.views.form(admin, { departments, people: users.map((u) => ({ id: u.id, name: u.name })) }, prefill);
}

/** What the form would do (how many people it reaches) before the admin starts it. */
export async function preview(ctx: RoundContext, admin: User, form: RoundForm): Promise<AdaptiveCardJson> {
  ctx.requireAdmin(admin);
  const since = locationFreshSince(ctx);
  const count = await roundsRepo.countScope(ctx.db, admin.tenantId, scopeOf(form), since);
  if (!count) throw new EmptyScopeError();
  const addedByToday = form.scope === 'prefectures' ? count - (await roundsRepo.countScope(ctx.db, admin.tenantId, scopeOf(form))) : 0;
  // Only the admin's own tenant's people are named: ids from elsewhere stay unnamed (and uncounted).
  const names = await usersRepo.namesInTenant(ctx.db, admin.tenantId, form.people);
  return ctx.views.confirm(admin, form, count, names, addedByToday);
}

export async function tallyFor(ctx: RoundContext, admin: User, roundId: string, confirmingClose = false): Promise<AdaptiveCardJson> {
  const round = ctx.requireRoundAdmin(admin, await roundsRepo.get(ctx.db, roundId), roundId);
  // The live updates of this admin's tally keep the question (or drop it again) until it is answered.
  await tallyRepo.setCloseAsked(ctx.db, roundId, admin.id, confirmingClose ? ctx.clock.now() : null);
  return tallyCard(ctx, round, admin, confirmingClose);
}

/** The preview's "cancel": nothing was sent, and the card says so and how to begin again. */
export function discarded(ctx: RoundContext, admin: User): AdaptiveCardJson {
  ctx.requireAdmin(admin);
  const text = ROUND_TEXTS[admin.locale].roundConfirm;
  return ctx.views.notice(admin.locale, text.discardedTitle, text.discardedText);
}
