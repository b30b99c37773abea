/**
 * The Graph adapter of the directory port: one sync round of a tenant. The first round (or one
 * after the stored delta link expired) reads every user; later rounds read only what changed since
 * the stored `@odata.deltaLink`. Group membership is read whole every round (it is small next to
 * the users, and a membership change does not show in the users delta).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { prefectureFromAddress } from '../../domain/people/prefecture';
import type { Clock } from '../../domain/shared/clock';
import { localeFromTag, type Locale } from '../../domain/shared/locale';
import { createDirectoryReader, DeltaExpiredError, type DeltaPage, type DirectoryReader, type DirectoryUser } from '../../graph/directory';
import type { Logger } from '../../log/logger';
import type { Db, Executor } from '../../store/db';
import { directoryRepo, type GroupMembers, type PrefectureOverride, type SyncedUser } from './repository';
import type { DirectorySource, DirectorySyncReport } from './source';

/** A replica that died mid-round blocks the others this long at most. */
const LEASE_MS = 10 * 60_000;
/** Display names longer than this are cut (in characters, as src/store/users.ts does): they end up in cards and notifications. */
const MAX_NAME_LENGTH = 256;

export interface GraphSyncDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly client: Client;
  readonly tenantId: string;
  readonly defaults: { readonly timeZone: string; readonly locale: Locale };
  readonly groups: { readonly admin?: string; readonly security?: string; readonly scope?: string };
  /** The directory file's prefectures, when one is configured next to Graph. */
  readonly prefectureOverrides?: () => Promise<readonly PrefectureOverride[]>;
  /** Waits and retries of the Graph reader (tests shorten them). */
  readonly retry?: { readonly backoffMs?: number; readonly maxRetries?: number };
  /**
   * What an unreadable admin or security group means: keep the last members, alert, fail closed later;
   * and, in the transaction that applies them, that a group read again ends its failure (role-groups.ts).
   */
  readonly roleGroups: { settle(groups: GroupMembers): Promise<GroupMembers>; applied(tx: Executor, read: GroupMembers): Promise<void> };
}

interface Round {
  readonly reader: DirectoryReader;
  readonly token: string;
  readonly scope?: ReadonlySet<string>;
  readonly overrides: ReadonlyMap<string, PrefectureOverride>;
}

interface Walked {
  readonly deltaLink: string;
  readonly full: boolean;
  readonly startedAt: Date;
  pages: number;
  users: number;
  removed: number;
}

export function graphDirectorySource(deps: GraphSyncDeps): DirectorySource {
  const { db, clock, tenantId } = deps;
  const logger = deps.logger.child({ component: 'directory', tenantId });
  const leaseEnd = () => new Date(clock.now().getTime() + LEASE_MS);

  async function applyPage(round: Round, page: DeltaPage, walked: Walked): Promise<void> {
    const at = clock.now();
    const users = page.users.map((u) => toSynced(u, walked.full, round.scope));
    const overrides = page.users.flatMap((u) => round.overrides.get(u.id) ?? []);
    await db.transaction(async (tx) => {
      await directoryRepo.upsertUsers(tx, tenantId, users, { at, timeZone: deps.defaults.timeZone, locale: deps.defaults.locale });
      await directoryRepo.patchPrefectures(tx, overrides);
      walked.removed += await directoryRepo.removeUsers(tx, tenantId, page.removed, at);
    });
    walked.pages++;
    walked.users += users.length;
    await directoryRepo.extendLease(db, tenantId, round.token, leaseEnd());
  }

  /** Pages through one delta round, storing each page as it comes. */
  async function walk(round: Round, link: string | undefined): Promise<Walked> {
    const walked: Walked = { deltaLink: '', full: link === undefined, startedAt: clock.now(), pages: 0, users: 0, removed: 0 };
    let page = await round.reader.usersPage(link);
    for (;;) {
      await applyPage(round, page, walked);
      if (page.deltaLink) return { ...walked, deltaLink: page.deltaLink };
      if (!page.nextLink) throw new Error('Graph answered a users delta page with neither nextLink nor deltaLink');
      page = await round.reader.usersPage(page.nextLink);
    }
  }

  async function readGroups(reader: DirectoryReader): Promise<GroupMembers> {
    const read = async (id: string | undefined) => (id ? reader.groupMembers(id) : undefined);
    return { admin: await read(deps.groups.admin), security: await read(deps.groups.security), scope: await read(deps.groups.scope) };
  }

  async function syncRound(signal: AbortSignal | undefined): Promise<DirectorySyncReport | undefined> {
    const token = randomUUID();
    const claimed = await directoryRepo.claim(db, tenantId, token, clock.now(), leaseEnd());
    if (!claimed) {
      logger.debug('directory sync skipped: another replica is syncing');
      return undefined;
    }
    try {
      const reader = createDirectoryReader({ client: deps.client, logger, signal, ...deps.retry });
      // Groups first: the people stored below are active only when the scope group has them.
      // An unreadable role group keeps its last members (and alerts the admins) until it fails closed.
      const read = await readGroups(reader);
      const groups = await deps.roleGroups.settle(read);
      if (deps.groups.scope && !groups.scope) throw new Error('the scope group (SCOPE_GROUP_ID) cannot be read: nobody is (de)activated until it can');
      const overrides = new Map((await deps.prefectureOverrides?.())?.map((o) => [o.id, o]) ?? []);
      const round: Round = { reader, token, scope: groups.scope, overrides };
      let walked: Walked;
      try {
        walked = await walk(round, claimed.deltaLink ?? undefined);
      } catch (err) {
        if (!(err instanceof DeltaExpiredError) || !claimed.deltaLink) throw err;
        logger.warn('directory delta link expired: reading every user again');
        walked = await walk(round, undefined);
      }
      await db.transaction(async (tx) => {
        if (walked.full) walked.removed += await directoryRepo.deactivateUnseen(tx, tenantId, walked.startedAt);
        await directoryRepo.applyGroups(tx, tenantId, groups);
        await deps.roleGroups.applied(tx, read);
        // Also for people this round did not touch: an edited file applies without waiting for their next change.
        await directoryRepo.patchPrefectures(tx, [...overrides.values()]);
        await directoryRepo.finish(tx, tenantId, token, { deltaLink: walked.deltaLink, full: walked.full, at: clock.now() });
      });
      const report: DirectorySyncReport = {
        source: 'graph', mode: walked.full ? 'full' : 'delta', users: walked.users, removed: walked.removed, pages: walked.pages, throttled: reader.throttled(),
      };
      logger.info(report, 'directory synced');
      return report;
    } finally {
      await directoryRepo.release(db, tenantId, token).catch((err: unknown) => logger.warn({ err: String(err) }, 'directory sync lease not released'));
    }
  }

  return { kind: 'graph', sync: syncRound };
}

/** A Graph user as stored: absent fields are empty (Graph leaves out what was never set). */
function toSynced(user: DirectoryUser, full: boolean, scope: ReadonlySet<string> | undefined): SyncedUser {
  const accountEnabled = user.accountEnabled !== false;
  return {
    id: user.id,
    name: Array.from(user.displayName ?? '').slice(0, MAX_NAME_LENGTH).join(''),
    email: user.mail ?? null,
    upn: user.userPrincipalName?.toLowerCase() ?? null,
    department: user.department ?? null,
    locale: user.preferredLanguage ? localeFromTag(user.preferredLanguage) : null,
    officePrefecture: prefectureFromAddress(user) ?? null,
    accountEnabled,
    active: accountEnabled && (!scope || scope.has(user.id)),
    // A full round lists every manager there is; a delta round names only the ones that changed.
    managerId: user.managerId === undefined && full ? null : user.managerId,
  };
}
