import { z } from 'zod';
import type { ActionHandlers, CommandHandler } from '../../cards/actions';
import { VERBS, type HomeNetworkVerb } from '../../cards/verbs';
import type { HomeNetworkService } from './service';

/** Adaptive Card Input.Toggle submits "true"/"false" strings. */
const toggle = z.enum(['true', 'false']).transform((v) => v === 'true');
const submitData = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  routerPassword: toggle,
  encryption: toggle,
  firmware: toggle,
  noMacAuth: toggle,
  noFamilyBeforeVpn: toggle,
});

/** The home-network card's answer (the card stays, showing each failure with its rule). */
export function homeNetworkActions(homeNetwork: HomeNetworkService) {
  return {
    [VERBS.homeNetworkSubmit]: (caller, data) => {
      const { month, ...answers } = submitData.parse(data);
      return homeNetwork.submit(caller.user, month, answers);
    },
  } satisfies ActionHandlers<HomeNetworkVerb>;
}

/** `home network` / `自宅ネットワーク`: this month's card. */
export function homeNetworkCommands(homeNetwork: HomeNetworkService) {
  return { homeNetwork: (caller) => homeNetwork.card(caller.user) } satisfies Record<string, CommandHandler>;
}
