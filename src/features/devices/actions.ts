import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ActionHandlers, CommandHandler } from '../../cards/actions';
import { VERBS, type DeviceVerb } from '../../cards/verbs';
import { DEVICE_TYPES, YES_NO_UNKNOWN, type ReportFiled } from './model';
import type { DevicesContext } from './context';
import { acknowledgeAlert } from './alert-ack';
import { openIncident } from './report';
import type { SecurityActions } from './security';
import { reportCardView } from './views';

/** Free text from the card: trimmed, NUL removed (PostgreSQL refuses it), empty = absent. */
const optText = (max: number) =>
  z.string().max(max).optional().transform((v) => v?.replace(/\u0000/g, '').trim() || undefined);

const reportData = z.object({
  submitId: z.string().uuid(),
  kind: z.enum(['lost', 'stolen']),
  deviceType: z.enum(DEVICE_TYPES),
  serial: optText(100),
  lostWhen: optText(200),
  lostWhere: optText(200),
  lastUsed: optText(200),
  encrypted: z.enum(YES_NO_UNKNOWN),
  screenLocked: z.enum(YES_NO_UNKNOWN),
  dataOnIt: optText(1000),
  personalData: z.enum(YES_NO_UNKNOWN),
  policeReport: optText(100),
});
const incidentRef = z.object({ incidentId: z.string().uuid() });
const requestData = incidentRef.extend({ action: z.enum(['lock', 'wipe', 'retire', 'revoke']), targetId: z.string().min(1).max(200) });
const decideData = z.object({ actionId: z.string().uuid(), decision: z.enum(['approve', 'reject']) });
const REPORTS = ['preliminary', 'final', 'none_needed'] as const;
const closeData = incidentRef.extend({
  reportsFiled: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(REPORTS))),
});

/** The lost-device card actions: open and submit the report, and the security team's buttons. */
export function deviceActions(ctx: DevicesContext, security: SecurityActions) {
  return {
    [VERBS.deviceReportOpen]: async (caller) => reportCardView(caller.user, randomUUID()),
    [VERBS.deviceReportSubmit]: async (caller, data) => {
      const { submitId, ...report } = reportData.parse(data);
      const s = await openIncident(ctx, {
        ...report, tenantId: caller.user.tenantId, userId: caller.user.id, reportedBy: caller.user.id, source: 'report',
        sourceKey: `report:${caller.user.id}:${submitId}`, reporterCardId: caller.cardActivityId,
      });
      return reportCardView(caller.user, submitId, s);
    },
    [VERBS.deviceIncidentAck]: (caller, data) => security.acknowledge(caller.user, incidentRef.parse(data).incidentId),
    [VERBS.deviceAlertAck]: (caller, data) => acknowledgeAlert(ctx, caller.user, incidentRef.parse(data).incidentId),
    [VERBS.deviceIncidentRefresh]: (caller, data) => security.refresh(caller.user, incidentRef.parse(data).incidentId),
    [VERBS.deviceIncidentClose]: (caller, data) => {
      const { incidentId, reportsFiled } = closeData.parse(data);
      const reports: ReportFiled[] = reportsFiled.includes('none_needed') ? ['none_needed'] : reportsFiled;
      return security.close(caller.user, { incidentId, reports });
    },
    [VERBS.deviceActionRequest]: (caller, data) => security.request(caller.user, requestData.parse(data)),
    [VERBS.deviceActionDecide]: (caller, data) => security.decide(caller.user, decideData.parse(data)),
  } satisfies ActionHandlers<DeviceVerb>;
}

/** `lost device` / `紛失`: the report card, with a new submit id. */
export const lostDeviceCommand: CommandHandler = async (caller) => reportCardView(caller.user, randomUUID());
