/** Every background job: its queue name and its payload type. */
export const JOBS = {
  planCheckins: 'checkins-plan',
  checkinDue: 'checkins-due',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

export interface JobPayloads {
  'checkins-plan': Record<string, never>;
  'checkins-due': { userId: string; localDate: string; kind: 'start' | 'end' | 'checkout_reminder' };
}
