import { z } from 'zod';
import type { ActionHandlers } from '../../cards/actions';
import { VERBS, type PledgeVerb } from '../../cards/verbs';
import type { PledgeService } from './service';

const acceptData = z.object({ version: z.string().min(1).max(40) });

/** Accept the pledge of the version the card shows; open it again from elsewhere. */
export function pledgeActions(pledge: PledgeService) {
  return {
    [VERBS.pledgeAccept]: (caller, data) => pledge.accept(caller.user, acceptData.parse(data).version),
    // The check-in summary's "pledge pending" notice and the help card: the pledge again.
    [VERBS.pledgeOpen]: (caller) => pledge.show(caller.user),
  } satisfies ActionHandlers<PledgeVerb>;
}
