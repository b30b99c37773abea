import type { ReminderKind } from '../../domain/reminders/rules';
import type { Executor } from '../../store/db';

/** Reminders of one kind that went out over the period, and how they ended. */
export interface ReminderAcknowledgement {
  readonly kind: ReminderKind;
  /** Went out (sent, answered, or closed by the gateway): what `my week` counts as sent. */
  readonly sent: number;
  /** The person pressed the card's button. */
  readonly acknowledged: number;
  /** VPN only: the gateway saw the session close before anyone answered. */
  readonly resolved: number;
}

/**
 * Screen-lock and VPN reminders of the tenant's people (or a manager's direct reports) between the
 * work dates, both included: one statement, the scope in SQL; both kinds always listed.
 */
export async function acknowledgements(ex: Executor, scope: { tenantId: string; managerId?: string }, from: string, toInclusive: string): Promise<ReminderAcknowledgement[]> {
  const r = await ex.query<{ kind: ReminderKind; sent: number; acknowledged: number; resolved: number }>(
    `select k.kind, count(r.id)::int as sent,
       count(r.id) filter (where r.status = 'answered')::int as acknowledged,
       count(r.id) filter (where r.status = 'resolved')::int as resolved
     from (values ('screen_lock'), ('vpn')) as k (kind)
     left join reminders r on r.kind = k.kind and r.tenant_id = $1 and r.work_date between $3 and $4
       and r.status in ('sent', 'answered', 'resolved')
       and ($2::text is null or exists (select 1 from users u where u.id = r.user_id and u.tenant_id = $1 and u.manager_id = $2))
     group by k.kind order by k.kind`,
    [scope.tenantId, scope.managerId ?? null, from, toInclusive],
  );
  return r.rows.map((row) => ({ kind: row.kind, sent: row.sent, acknowledged: row.acknowledged, resolved: row.resolved }));
}
