import {
  compareIntensity,
  intensityAtLeast,
  strongestIntensity,
  type EarthquakeReport,
  type Intensity,
  type JmaReport,
  type TsunamiReport,
} from './jma';

export type TriggerRoundKind = 'earthquake' | 'tsunami';
export type TriggerTsunamiKind = 'major_warning' | 'warning' | 'advisory';

/** A safety-confirmation round the caller already has, as far as the trigger needs to know it. */
export interface RecentRound {
  eventId: string;
  kind: TriggerRoundKind;
  /** Strongest intensity among the round's prefectures when it started (`start.maxIntensity`). */
  maxIntensity?: Intensity;
  /**
   * The round's JIS prefecture codes. Optional, but without it every later report of the same event
   * reads as `update` (the caller's extension is then a no-op), and the round is taken to cover every
   * prefecture, so it also absorbs a weaker quake far away within the aftershock window.
   */
  prefectures?: readonly string[];
  startedAt: Date;
  status: 'open' | 'closed';
  answered: number;
}

export interface TriggerContext {
  /** JIS code → number of employees whose office or home prefecture it is. */
  employeesByPrefecture: ReadonlyMap<string, number>;
  threshold?: Intensity;
  tsunamiKinds?: readonly TriggerTsunamiKind[];
  recentRounds: readonly RecentRound[];
  now: Date;
  aftershockWindowHours?: number;
}

/** Product defaults (DOMAIN.md "Automatic trigger"): 5弱, 津波警報 and 大津波警報, 6 h. @internal (tested directly) */
export const TRIGGER_DEFAULTS = Object.freeze({
  threshold: '5-' as Intensity,
  tsunamiKinds: Object.freeze(['major_warning', 'warning'] as const) as readonly TriggerTsunamiKind[],
  aftershockWindowHours: 6,
});

export type IgnoreReason = 'drill' | 'test' | 'below_threshold' | 'no_employees_affected' | 'not_relevant' | 'duplicate';

export type TriggerDecision =
  | {
      action: 'start';
      kind: TriggerRoundKind;
      eventId: string;
      /** Affected JIS codes that have employees, sorted. */
      prefectures: string[];
      /** Strongest intensity among those prefectures (earthquakes only). */
      maxIntensity?: Intensity;
      reason: 'intensity' | 'tsunami' | 'stronger_than_open_round';
    }
  | { action: 'ignore'; reason: IgnoreReason }
  | { action: 'cancel'; eventId: string; kind: TriggerRoundKind; reason: 'cancelled_before_answers' }
  | {
      action: 'notify_admins';
      eventId: string;
      reason: 'aftershock_suppressed' | 'cancelled_after_answers' | 'correction';
      /** The open round that absorbed an aftershock, or the round a cancellation/correction concerns. */
      roundEventId?: string;
      prefectures?: string[];
      maxIntensity?: Intensity;
    }
  | {
      action: 'update';
      eventId: string;
      /** Kind of the existing round being extended (a tsunami warning may extend an earthquake round). */
      roundKind: TriggerRoundKind;
      /** The round's scope after the update: its old prefectures plus the newly affected ones. */
      prefectures: string[];
      addedPrefectures: string[];
      maxIntensity?: Intensity;
      reason: 'correction' | 'more_prefectures' | 'stronger';
    };

interface Affected {
  /** Prefectures reaching the threshold (or under a tsunami kind that counts), employees or not. */
  reached: string[];
  /** Those of `reached` that have employees. */
  withEmployees: string[];
  maxIntensity?: Intensity;
}

function hasEmployees(ctx: TriggerContext, code: string): boolean {
  return (ctx.employeesByPrefecture.get(code) ?? 0) > 0;
}

function affectedByQuake(report: EarthquakeReport, ctx: TriggerContext, threshold: Intensity): Affected {
  const hits = report.prefectures.filter((p) => intensityAtLeast(p.maxIntensity, threshold));
  const withEmployees = hits.filter((p) => hasEmployees(ctx, p.code));
  const affected: Affected = {
    reached: unique(hits.map((p) => p.code)),
    withEmployees: unique(withEmployees.map((p) => p.code)),
  };
  const max = strongestIntensity(withEmployees.map((p) => p.maxIntensity));
  if (max) affected.maxIntensity = max;
  return affected;
}

function affectedByTsunami(report: TsunamiReport, ctx: TriggerContext, kinds: readonly string[]): Affected {
  const reached = unique(report.areas.filter((a) => kinds.includes(a.kind)).flatMap((a) => a.prefectureCodes));
  return { reached, withEmployees: reached.filter((code) => hasEmployees(ctx, code)) };
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)].sort();
}

/** Prefer a round of the report's own kind, then an open one, then the newest. */
function roundFor(rounds: readonly RecentRound[], eventId: string, kind: TriggerRoundKind): RecentRound | undefined {
  const score = (r: RecentRound): number => (r.kind === kind ? 2 : 0) + (r.status === 'open' ? 1 : 0);
  return rounds
    .filter((r) => r.eventId === eventId)
    .sort((a, b) => score(b) - score(a) || b.startedAt.getTime() - a.startedAt.getTime())[0];
}

function decideCancel(report: EarthquakeReport | TsunamiReport, ctx: TriggerContext): TriggerDecision {
  const round = roundFor(ctx.recentRounds, report.eventId, report.kind);
  if (!round) return { action: 'ignore', reason: 'not_relevant' };
  // Withdrawing a tsunami telegram does not withdraw the earthquake: admins decide about the shared round.
  if (round.kind !== report.kind) {
    return { action: 'notify_admins', eventId: report.eventId, reason: 'correction', roundEventId: round.eventId };
  }
  if (round.status === 'open' && round.answered === 0) {
    return { action: 'cancel', eventId: report.eventId, kind: round.kind, reason: 'cancelled_before_answers' };
  }
  // People have already answered (or the round is over): their answers stay; admins decide what to say.
  return { action: 'notify_admins', eventId: report.eventId, reason: 'cancelled_after_answers', roundEventId: round.eventId };
}

function decideExisting(
  report: EarthquakeReport | TsunamiReport,
  round: RecentRound,
  affected: Affected,
): TriggerDecision {
  const known = round.prefectures ?? [];
  const added = affected.withEmployees.filter((code) => !known.includes(code));
  const stronger =
    affected.maxIntensity !== undefined &&
    (round.maxIntensity === undefined || compareIntensity(affected.maxIntensity, round.maxIntensity) > 0);
  if (added.length > 0 || stronger) {
    const update: TriggerDecision = {
      action: 'update',
      eventId: report.eventId,
      roundKind: round.kind,
      prefectures: unique([...known, ...affected.withEmployees]),
      addedPrefectures: added,
      reason: report.infoType === '訂正' ? 'correction' : added.length > 0 ? 'more_prefectures' : 'stronger',
    };
    const max = strongestIntensity([round.maxIntensity, affected.maxIntensity]);
    if (max) update.maxIntensity = max;
    return update;
  }
  // A correction that narrows or lowers the event: the round stays, but someone should look at it.
  if (report.infoType === '訂正') {
    return { action: 'notify_admins', eventId: report.eventId, reason: 'correction', roundEventId: round.eventId };
  }
  return { action: 'ignore', reason: 'duplicate' };
}

/**
 * Aftershocks: an open earthquake round younger than the window absorbs a prefecture it covers when
 * the new quake is not stronger there than the round's max — otherwise people in the aftershock zone
 * would get a new card every few minutes. Prefectures outside every such round, or shaken harder
 * than the round's max, still get a new round.
 */
function splitByOpenRounds(report: EarthquakeReport, affected: Affected, ctx: TriggerContext, windowHours: number) {
  const windowMs = windowHours * 3_600_000;
  const open = ctx.recentRounds.filter(
    // A start in the "future" (the clock went backwards) is as recent as it gets.
    (r) => r.kind === 'earthquake' && r.status === 'open' && ctx.now.getTime() - r.startedAt.getTime() < windowMs,
  );
  const fresh: string[] = [];
  let absorbedBy: RecentRound | undefined;
  let outranked = false;
  for (const code of affected.withEmployees) {
    const intensity = report.prefectures.find((p) => p.code === code)?.maxIntensity;
    const covering = open.filter((r) => r.prefectures === undefined || r.prefectures.includes(code));
    const absorbing = covering.find(
      (r) => r.maxIntensity !== undefined && intensity !== undefined && compareIntensity(intensity, r.maxIntensity) <= 0,
    );
    if (absorbing) {
      absorbedBy ??= absorbing;
      continue;
    }
    fresh.push(code);
    if (covering.some((r) => r.maxIntensity !== undefined)) outranked = true;
  }
  return { fresh, absorbedBy, outranked };
}

/**
 * What a JMA report means for safety-confirmation rounds. Pure: the caller supplies the employee
 * directory per prefecture, the rounds of the last hours and the time, and carries out the decision.
 */
export function decideTrigger(report: JmaReport, ctx: TriggerContext): TriggerDecision {
  const threshold = ctx.threshold ?? TRIGGER_DEFAULTS.threshold;
  const tsunamiKinds = ctx.tsunamiKinds ?? TRIGGER_DEFAULTS.tsunamiKinds;
  const windowHours = ctx.aftershockWindowHours ?? TRIGGER_DEFAULTS.aftershockWindowHours;

  if (report.status === '訓練') return { action: 'ignore', reason: 'drill' };
  if (report.status === '試験') return { action: 'ignore', reason: 'test' };
  if (report.kind === 'other') return { action: 'ignore', reason: 'not_relevant' };
  if (report.infoType === '取消') return decideCancel(report, ctx);
  // 震源に関する情報 and 遠地地震に関する情報 carry no intensities: nothing to decide on.
  if (report.kind === 'earthquake' && report.prefectures.length === 0) return { action: 'ignore', reason: 'not_relevant' };

  const affected =
    report.kind === 'earthquake' ? affectedByQuake(report, ctx, threshold) : affectedByTsunami(report, ctx, tsunamiKinds);
  const existing = roundFor(ctx.recentRounds, report.eventId, report.kind);
  if (existing) return decideExisting(report, existing, affected);
  if (affected.reached.length === 0) return { action: 'ignore', reason: 'below_threshold' };
  if (affected.withEmployees.length === 0) return { action: 'ignore', reason: 'no_employees_affected' };

  if (report.kind === 'tsunami') {
    return { action: 'start', kind: 'tsunami', eventId: report.eventId, prefectures: affected.withEmployees, reason: 'tsunami' };
  }
  const { fresh, absorbedBy, outranked } = splitByOpenRounds(report, affected, ctx, windowHours);
  if (fresh.length === 0 && absorbedBy) {
    const notify: TriggerDecision = {
      action: 'notify_admins',
      eventId: report.eventId,
      reason: 'aftershock_suppressed',
      roundEventId: absorbedBy.eventId,
      prefectures: affected.withEmployees,
    };
    if (affected.maxIntensity) notify.maxIntensity = affected.maxIntensity;
    return notify;
  }
  const start: TriggerDecision = {
    action: 'start',
    kind: 'earthquake',
    eventId: report.eventId,
    prefectures: fresh,
    reason: outranked ? 'stronger_than_open_round' : 'intensity',
  };
  const max = strongestIntensity(report.prefectures.filter((p) => fresh.includes(p.code)).map((p) => p.maxIntensity));
  if (max) start.maxIntensity = max;
  return start;
}
