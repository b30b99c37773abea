/**
 * A role group the directory sync cannot read (issue 18 item 7, docs/directory.md#when-a-group-cannot-be-read).
 * Graph answers 403/404 for ADMIN_GROUP_ID or SECURITY_GROUP_ID: the last members keep the role (a
 * permission slip must not lock the admins out), one error is logged at every sync and the tenant's
 * admins get one card per failure episode. After ROLE_SYNC_FAIL_CLOSED_HOURS of failures the role the
 * group gave is removed (fail closed: someone removed from the group must not keep rights forever),
 * logged, audited, and the admins told. A successful read ends the episode in the transaction that
 * applies the group: the admins as they are then (a restored admin group's members included) get one
 * card that the group can be read again, audited when the role had been removed. The episode is a row
 * of role_group_failures, so replicas and restarts agree.
 */
import { AUDIT_KINDS } from '../../audit/kinds';
import type { AuditLog } from '../../audit/log';
import { formatDateTime } from '../../cards/format';
import { cardMessage, renderCommonCard } from '../../cards/render';
import { PURPOSES, type Outbox } from '../../delivery/outbox';
import type { User } from '../../domain/people/user';
import type { Clock } from '../../domain/shared/clock';
import type { Logger } from '../../log/logger';
import type { Db, Executor } from '../../store/db';
import type { Roles } from '../../store/roles';
import { roleGroupRepo, type RoleGroup } from './role-group-repository';
import type { GroupMembers } from './repository';
import { directoryText } from './texts';

/** The core services the directory feature gets (the admins' cards and the audit row come from here). */
export interface DirectoryServices {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly roles: Pick<Roles, 'adminsOf'>;
}

interface RoleGroupDeps extends DirectoryServices {
  readonly tenantId: string;
  readonly groups: { readonly admin?: string; readonly security?: string };
  readonly failClosedHours: number;
}

type Notice = 'failing' | 'closed' | 'restored';

export function roleGroupGuard(deps: RoleGroupDeps) {
  const { db, clock, tenantId, logger } = deps;
  const hours = deps.failClosedHours;

  async function tellAdmins(tx: Executor, notice: Notice, params: { role: RoleGroup; groupId: string; since: Date; count?: number; at?: Date }): Promise<void> {
    const admins = await deps.roles.adminsOf(tx, tenantId);
    if (!admins.length) logger.warn({ role: params.role, notice }, 'directory role group notice: the tenant has no admin to tell');
    const deadline = new Date(params.since.getTime() + hours * 3_600_000);
    for (const admin of admins) {
      const card = noticeCard(admin, notice, { ...params, deadline, hours });
      await deps.outbox.enqueueFor(tx, {
        purpose: PURPOSES.roleGroupAlert, to: admin, subject: `${params.role}:${params.since.toISOString()}:${notice}`, batchId: `role-group:${tenantId}`,
        activity: cardMessage(card, directoryText(admin.locale, `${notice}Notify`, { role: roleName(admin, params.role) })),
      });
    }
  }

  /** The group could not be read: what the sync applies for it (undefined: keep the last members; empty: the role is gone). */
  async function failing(role: RoleGroup, groupId: string): Promise<ReadonlySet<string> | undefined> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const episode = await roleGroupRepo.failing(tx, { tenantId, role, groupId, at: now });
      const failClosedAt = new Date(episode.since.getTime() + hours * 3_600_000);
      const log = { role, groupId, failingSince: episode.since.toISOString(), failClosedAt: failClosedAt.toISOString() };
      if (!episode.alerted) {
        await tellAdmins(tx, 'failing', { role, groupId, since: episode.since });
        await roleGroupRepo.markAlerted(tx, tenantId, role, now);
      }
      if (now < failClosedAt) {
        logger.error(log, 'directory role group cannot be read: its last members keep the role until it can, or until ROLE_SYNC_FAIL_CLOSED_HOURS');
        return undefined;
      }
      if (!episode.closed) {
        const removed = await roleGroupRepo.removeRole(tx, tenantId, role);
        await roleGroupRepo.markClosed(tx, tenantId, role, now);
        await tellAdmins(tx, 'closed', { role, groupId, since: episode.since, count: removed });
        await deps.audit.append(tx, { kind: AUDIT_KINDS.roleGroupFailClosed, tenantId, subjectId: role, data: { role, groupId, removed, failingSince: episode.since.toISOString() } });
        logger.error({ ...log, removed }, 'directory role group unreadable past ROLE_SYNC_FAIL_CLOSED_HOURS: the role it gave was removed');
      } else {
        logger.error(log, 'directory role group still cannot be read: the role it gave stays removed');
      }
      return new Set<string>();
    });
  }

  /** The group was read and its members applied (in `tx`): the failure episode, if any, ends and the admins who were told of it hear it is over. */
  async function restored(tx: Executor, role: RoleGroup, groupId: string): Promise<void> {
    const ended = await roleGroupRepo.recovered(tx, tenantId, role);
    if (!ended) return;
    const failingSince = ended.since.toISOString();
    logger.info({ role, groupId, failingSince, failedClosed: ended.closed }, 'directory role group readable again: its members are synced as usual');
    if (ended.alerted) await tellAdmins(tx, 'restored', { role, groupId, since: ended.since, at: clock.now() });
    if (ended.closed) await deps.audit.append(tx, { kind: AUDIT_KINDS.roleGroupRestored, tenantId, subjectId: role, data: { role, groupId, failingSince } });
  }

  return {
    /** The groups as read, turned into what the sync applies (an unreadable role group: its failure episode). */
    async settle(groups: GroupMembers): Promise<GroupMembers> {
      let settled: GroupMembers = groups;
      for (const role of ['admin', 'security'] as const) {
        const groupId = deps.groups[role];
        if (!groupId) {
          await roleGroupRepo.recovered(db, tenantId, role); // no group, no episode: a group set again later starts afresh
          continue;
        }
        if (!groups[role]) settled = { ...settled, [role]: await failing(role, groupId) };
      }
      return settled;
    },

    /** In the transaction that applied the settled groups: ends the failure episode of each role group that was read (`read`: as Graph answered). */
    async applied(tx: Executor, read: GroupMembers): Promise<void> {
      for (const role of ['admin', 'security'] as const) {
        const groupId = deps.groups[role];
        if (groupId && read[role]) await restored(tx, role, groupId);
      }
    },
  };
}

const roleName = (reader: User, role: RoleGroup) => directoryText(reader.locale, role === 'admin' ? 'roleAdmin' : 'roleSecurity');

function noticeCard(reader: User, notice: Notice, params: { role: RoleGroup; groupId: string; since: Date; deadline: Date; hours: number; count?: number; at?: Date }) {
  const t = (key: Parameters<typeof directoryText>[1], values?: Parameters<typeof directoryText>[2]) => directoryText(reader.locale, key, values);
  const values = { role: roleName(reader, params.role), hours: params.hours, count: params.count ?? 0 };
  const when = (at: Date) => formatDateTime(at, reader.locale, reader.timeZone);
  const facts = [
    { title: t('groupLabel'), value: params.groupId },
    { title: t('sinceLabel'), value: when(params.since) },
    ...(notice === 'failing' ? [{ title: t('deadlineLabel'), value: when(params.deadline) }] : []),
    ...(notice === 'restored' && params.at ? [{ title: t('restoredLabel'), value: when(params.at) }] : []),
  ];
  return renderCommonCard('notice', { title: t(`${notice}Title`, values), text: t(`${notice}Text`, values), facts }, reader.locale);
}
