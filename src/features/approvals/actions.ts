import { z } from 'zod';
import type { ActionHandlers, CommandHandler } from '../../cards/actions';
import { VERBS, type ApprovalVerb } from '../../cards/verbs';
import type { ApprovalContext } from './context';
import { decideRequest } from './decide';
import { showPending } from './pending';
import type { ApprovalRequests } from './requests';

const decisionData = z.object({
  requestId: z.string().min(1).max(100),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(500).refine((c) => !c.includes('\u0000')).optional().transform((c) => c?.trim() || undefined),
  // The approver's last approved day (requests with a period); checked against the request in decide.
  approvedUntil: z.string().max(40).optional().transform((d) => d?.trim() || undefined),
});

/** The approval card actions: open and submit the request forms, and decide a request. */
export function approvalActions(ctx: ApprovalContext, requests: ApprovalRequests) {
  return {
    // Also the button on the check-in's "private PC without approval" violation.
    [VERBS.privatePcRequestOpen]: (caller) => requests.privatePcForm(caller.user),
    [VERBS.privatePcRequestSubmit]: (caller, data) => requests.submitPrivatePc(caller, data),
    [VERBS.paperRequestOpen]: (caller) => requests.paperForm(caller.user),
    [VERBS.paperRequestSubmit]: (caller, data) => requests.submitPaper(caller, data),
    [VERBS.approvalDecide]: (caller, data) => decideRequest(ctx, caller, decisionData.parse(data)),
  } satisfies ActionHandlers<ApprovalVerb>;
}

/** The text commands `private pc` / `私用PC` and `paper` / `書類持ち出し` (ids for src/teams/commands.ts). */
export function approvalCommands(ctx: ApprovalContext, requests: ApprovalRequests) {
  return {
    privatePc: (caller) => requests.privatePcForm(caller.user),
    paper: (caller) => requests.paperForm(caller.user),
    pending: (caller) => showPending(ctx, caller.user),
  } satisfies Record<string, CommandHandler>;
}
