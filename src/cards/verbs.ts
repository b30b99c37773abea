/**
 * Action.Execute verbs. Shared by the card templates (cards/*.json), their tests and the bot routes,
 * so a renamed verb breaks a test instead of silently doing nothing.
 */
export const VERBS = {
  /** A help-card button that runs a text command (`{ command }`): answered by src/teams, not a feature. */
  commandRun: 'command.run',
  startSubmit: 'checkin.start.submit',
  endSubmit: 'checkin.end.submit',
  startEdit: 'checkin.start.edit',
  endEdit: 'checkin.end.edit',
  dayOff: 'checkin.dayoff',
  safetyAnswer: 'safety.answer',
  safetyEdit: 'safety.edit',
  safetyPhone: 'safety.phone',
  safetyProxy: 'safety.proxy',
  roundPreview: 'round.preview',
  roundStart: 'round.start',
  roundRefresh: 'round.refresh',
  roundClose: 'round.close',
  roundCloseConfirmed: 'round.close.confirmed',
  roundBack: 'round.back',
  roundDiscard: 'round.discard',
  screenLockAnswer: 'reminder.screenlock.answer',
  screenLockLaterNudges: 'reminder.screenlock.later',
  vpnAnswer: 'reminder.vpn.answer',
  gapReason: 'gapcheck.reason',
  privatePcRequestOpen: 'approval.privatepc.open',
  privatePcRequestSubmit: 'approval.privatepc.submit',
  paperRequestOpen: 'approval.paper.open',
  paperRequestSubmit: 'approval.paper.submit',
  approvalDecide: 'approval.decide',
  pledgeAccept: 'pledge.accept',
  pledgeOpen: 'pledge.open',
  homeNetworkSubmit: 'homenet.submit',
  deviceReportOpen: 'device.report.open',
  deviceReportSubmit: 'device.report.submit',
  deviceIncidentAck: 'device.incident.ack',
  deviceAlertAck: 'device.alert.ack',
  deviceIncidentRefresh: 'device.incident.refresh',
  deviceIncidentClose: 'device.incident.close',
  deviceActionRequest: 'device.action.request',
  deviceActionDecide: 'device.action.decide',
  guidelineFeedback: 'guideline.feedback',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];
/** @internal tested directly */
export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

/** The verbs the features answer (every verb but the help card's `command.run`). */
export type FeatureVerb = Exclude<Verb, typeof VERBS.commandRun>;

/** The verbs each feature answers; the composition root checks that together they cover every verb. */
export type CheckinVerb = Extract<Verb, `checkin.${string}`>;
export type RoundVerb = Extract<Verb, `safety.${string}` | `round.${string}`>;
export type ReminderVerb = Extract<Verb, `reminder.${string}`>;
export type ApprovalVerb = Extract<Verb, `approval.${string}`>;
export type PledgeVerb = Extract<Verb, `pledge.${string}`>;
export type HomeNetworkVerb = Extract<Verb, `homenet.${string}`>;
export type DeviceVerb = Extract<Verb, `device.${string}`>;
export type GapcheckVerb = Extract<Verb, `gapcheck.${string}`>;
export type GuidelineVerb = Extract<Verb, `guideline.${string}`>;
