/** Every background job: its queue name and its payload type. */
export const JOBS = {
  checkinDue: 'checkins-due',
  signalsProcess: 'signals-process',
  digestDue: 'digests-due',
  gapcheckDue: 'gapcheck-due',
  homeNetworkDue: 'homenet-due',
  deviceAction: 'device-action',
  checkinSlot: 'checkins-slot',
  digestSlot: 'digests-slot',
  homeNetworkSlot: 'homenet-slot',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

export interface JobPayloads {
  'checkins-due': { userId: string; localDate: string; kind: 'start' | 'end' | 'checkout_reminder' };
  /** tenantId is absent only in jobs queued before event ids were per tenant (migration 018). */
  'signals-process': { eventId: string; tenantId?: string };
  /** The monthly home-network self-check card of one person (month: `YYYY-MM`, their zone). */
  'homenet-due': { userId: string; month: string };
  /** The day's digests of one manager or security-team member (localDate: the digest day, their zone). */
  'digests-due': { userId: string; localDate: string };
  /** The self-report gap check of one person's work day (workDate: the check-in's day). */
  'gapcheck-due': { userId: string; workDate: string };
  /** One recorded Intune action (lock / wipe / retire / revoke), claimed before Graph is called. */
  'device-action': { actionId: string };
  /** One check-in slot (kind, UTC instant): fans out a `checkins-due` job to everyone due then. */
  'checkins-slot': { kind: 'start' | 'end' | 'checkout_reminder'; at: string };
  /** One digest slot (UTC instant; time: the local HH:MM planned): fans out `digests-due` jobs. */
  'digests-slot': { at: string; time: string };
  /** One home-network slot (month `YYYY-MM`, UTC instant, local HH:MM planned): fans out `homenet-due` jobs. */
  'homenet-slot': { month: string; at: string; time: string };
}
