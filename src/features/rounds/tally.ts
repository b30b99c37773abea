import { batchStatus } from '../../delivery/status';
import type { Executor } from '../../store/db';
import type { Tally } from './types';

export const roundBatch = (roundId: string) => `round:${roundId}`;

/** Live counts of a round: by latest status, by department, and the delivery engine's figures. */
export async function computeTally(ex: Executor, roundId: string): Promise<Tally> {
  const s = await ex.query<{ key: string; n: number }>(
    `select case when status = 'answered' then own_status
                 when reached_result = 'safe' then 'reached_safe'
                 when reached_result = 'injured' then 'reached_injured'
                 when reached_result = 'unreachable' then 'unreachable'
                 else 'pending' end as key, count(*)::int as n
     from round_recipients where round_id = $1 group by 1`,
    [roundId],
  );
  const n = (k: string) => s.rows.find((r) => r.key === k)?.n ?? 0;
  const byStatus = {
    safe: n('safe'),
    minor_injury: n('minor_injury'),
    serious_injury: n('serious_injury'),
    needs_help: n('needs_help'),
    reached_safe: n('reached_safe'),
    reached_injured: n('reached_injured'),
    unreachable: n('unreachable'),
  };
  const total = s.rows.reduce((a, r) => a + r.n, 0);
  const pending = n('pending') + byStatus.unreachable;
  const d = await ex.query<{ department: string; total: number; answered: number; safe: number; injured: number; needs_help: number; pending: number }>(
    `select coalesce(department, '—') as department, count(*)::int as total,
       count(*) filter (where status <> 'pending')::int as answered,
       count(*) filter (where own_status = 'safe' or reached_result = 'safe')::int as safe,
       count(*) filter (where own_status in ('minor_injury', 'serious_injury') or reached_result = 'injured')::int as injured,
       count(*) filter (where own_status = 'needs_help')::int as needs_help,
       count(*) filter (where status = 'pending')::int as pending
     from round_recipients where round_id = $1 group by 1 order by 1`,
    [roundId],
  );
  return {
    total,
    answered: total - pending,
    pending,
    byStatus,
    byDepartment: d.rows.map((r) => ({ department: r.department, total: r.total, answered: r.answered, safe: r.safe, injured: r.injured, needsHelp: r.needs_help, pending: r.pending })),
    delivery: await batchStatus(ex, roundBatch(roundId)),
  };
}
