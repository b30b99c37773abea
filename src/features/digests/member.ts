import type { LocalDate } from '../../domain/calendar';
import type { ViolationKind } from '../../domain/checkins/model';
import type { User } from '../../domain/people/user';
import type { WorktimeAssessment, WorktimeFlag } from '../../domain/worktime/assess';
import type { DigestGap } from './ports';

/** One member of a manager's digest: what wellbeing.ts reads, flags.ts and the CSV say. */
export type DigestFlag = WorktimeFlag | 'violations' | 'vpn_unacknowledged' | 'gap';

export interface MemberDigest {
  readonly user: User;
  readonly scheduledOnReportDate: boolean;
  readonly assessment: WorktimeAssessment;
  readonly violations: readonly ViolationKind[];
  readonly vpnUnacknowledged: number;
  readonly gap?: DigestGap;
  readonly flags: readonly DigestFlag[];
}

export interface TeamDigest {
  readonly reportDate: LocalDate;
  readonly members: readonly MemberDigest[];
}

