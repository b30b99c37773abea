// The compliance overview as GET /api/console/compliance returns it (src/http/console-compliance.ts
// and the features' console.ts read ports); a section the viewer may not see is null.

export type TodayState = 'started' | 'ended' | 'office' | 'not_working' | 'not_yet' | 'missing';
export interface TodayPerson { userId: string; name: string; department: string | null; upn: string | null; state: TodayState }
export interface TodayCheckins { date: string; total: number; counts: Record<TodayState, number>; missing: TodayPerson[] }
export interface ViolationsByDay { rules: { kind: string; label: string; total: number }[]; days: { date: string; counts: Record<string, number | undefined> }[] }
export interface ReminderAcknowledgement { kind: 'screen_lock' | 'vpn'; sent: number; acknowledged: number; resolved: number }
export interface WatchPerson {
  userId: string; name: string; department: string | null; upn: string | null; flags: string[]; texts: string[];
  overtimeMinutes: number; healthCheckMinutes: number; projectedOvertimeMinutes: number | null; projectedHealthCheckMinutes: number | null;
}
export interface WatchList { date: string; warningMinutes: number; noticeMinutes: number; people: WatchPerson[] }
export interface PendingApproval { id: string; kind: string; title: string; requesterId: string; requesterName: string; requesterUpn: string | null; createdAt: string; expiresAt: string | null; approvals: number; requiredApprovals: number }
export interface OpenIncident { id: string; userId: string; name: string; upn: string | null; state: 'open' | 'acknowledged' | 'closed'; what: string; stateText: string; discoveredAt: string; preliminaryDue: string | null; finalDue: string | null }

export interface ComplianceOverview {
  scope: 'tenant' | 'reports' | 'none';
  date: string;
  from: string;
  today: TodayCheckins | null;
  violations: ViolationsByDay | null;
  reminders: ReminderAcknowledgement[] | null;
  approvals: PendingApproval[] | null;
  incidents: OpenIncident[] | null;
}
