import { z } from 'zod';
import type { ActionHandlers } from '../../cards/actions';
import { VERBS, type PledgeVerb } from '../../cards/verbs';
import type { PledgeService } from './service';

const acceptData = z.object({ version: z.string().min(1).max(40) });

/** The pledge card's one action: accept the pledge of the version the card shows. */
export function pledgeActions(pledge: PledgeService) {
  return {
    [VERBS.pledgeAccept]: (caller, data) => pledge.accept(caller.user, acceptData.parse(data).version),
  } satisfies ActionHandlers<PledgeVerb>;
}
