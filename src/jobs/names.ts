/** Every background job: its queue name and its payload type. */
export const JOBS = {
  checkinDue: 'checkins-due',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

export interface JobPayloads {
  'checkins-due': { userId: string; localDate: string; kind: 'start' | 'end' | 'checkout_reminder' };
}
