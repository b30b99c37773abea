import type { Locale } from '../shared/locale';

/** A person the bot knows, from the directory (Graph, or the local directory file in local mode). */
export interface User {
  readonly id: string; // Entra object id
  readonly tenantId: string;
  readonly teamsUserId?: string;
  readonly name: string;
  readonly email?: string;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly department?: string;
  readonly managerId?: string;
  readonly officePrefecture?: string;
  readonly homePrefecture?: string;
  readonly isAdmin: boolean;
  readonly privatePcApproved: boolean;
  /** Per-user overrides of the check-in schedule. */
  readonly schedule?: UserScheduleOverride;
  readonly active: boolean;
  /**
   * Since when the prefecture given as today's holds (start check-in away from home and office):
   * null = none, undefined = not read (then whoever clears it must ask the database).
   */
  readonly todayPrefectureAt?: Date | null;
}

export interface UserScheduleOverride {
  readonly startTime?: string;
  readonly endTime?: string;
  readonly workdays?: readonly number[];
  readonly timeZone?: string;
  /**
   * Flextime (労基法32条の3) or fixed hours for this person: absent = the company's (WORKTIME_FLEX_*),
   * null = fixed hours, an object = flextime with that settlement period (docs/worktime.md).
   */
  readonly flex?: { readonly settlementMonths: 1 | 2 | 3; readonly firstMonth: string } | null;
}
