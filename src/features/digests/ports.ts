import type { Localized } from '../../domain/shared/locale';

/**
 * What other features contribute to the digests. index.ts re-exports these types; the composition
 * root wires implementations (the gap check, lost devices, pledges …) without this feature importing them.
 */

/** A self-report gap of one person on one work day, as the manager reads it. */
export interface DigestGap {
  readonly userId: string;
  readonly minutes: number;
  /** The reason the person chose, as text in both languages (never a code). */
  readonly reason?: Localized;
  /** The person's own words: shown to the manager in the card only (never in the CSV, never logged). */
  readonly note?: string;
}

/** Self-report gaps (reported start/end vs objective records) of people on one work day. */
export interface GapSource {
  gapsFor(userIds: readonly string[], localDate: string): Promise<readonly DigestGap[]>;
}

/** VPN-disconnect reminders nobody acknowledged (the reminders feature's `unacknowledgedVpn`). */
export type UnacknowledgedVpnSource = (p: { tenantId: string; from: string; toInclusive: string }) => Promise<readonly { userId: string; workDate: string; sent: number }[]>;

/** Whose incidents a section lists: `userIds` for a manager's reports, absent for the whole tenant (security team). */
export interface DigestScope {
  readonly tenantId: string;
  readonly userIds?: readonly string[];
  /** The work days covered, both included (YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
  /** The reader's time zone, for dates and times in the rows. */
  readonly timeZone: string;
}

/** One line of a section; the digest puts the person's name in front when `userId` is given. */
export interface DigestRow {
  readonly userId?: string;
  readonly text: Localized;
}

export interface DigestSection {
  readonly title: Localized;
  readonly rows: readonly DigestRow[];
  /** How many rows there are when `rows` holds only the first ones (the card counts the rest). */
  readonly total?: number;
}

/** A feature's part of the incident digest; undefined or no rows leaves the section out. */
export interface DigestSectionProvider {
  readonly id: string;
  section(scope: DigestScope): Promise<DigestSection | undefined>;
}
