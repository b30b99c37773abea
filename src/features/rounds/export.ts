import { csvCell } from '../../domain/shared/csv';
import type { Executor } from '../../store/db';
import { roundsRepo } from './repository';

const COLUMNS = ['user_id', 'name', 'department', 'manager', 'status', 'own_status', 'family_status', 'home_damage', 'can_work', 'location', 'answered_at', 'reached_by_phone', 'reached_via', 'via_prefecture', 'answered_via'] as const;

/**
 * Every recipient's latest answer. Free-text comments are left out: exports travel by e-mail and
 * file shares, and the guideline keeps comments to the people the company allows.
 */
export async function roundCsv(ex: Executor, roundId: string): Promise<string | undefined> {
  const round = await roundsRepo.get(ex, roundId);
  if (!round) return undefined;
  const rows = await roundsRepo.recipients(ex, roundId);
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.user_id, r.name, r.department, r.manager_name, r.status, r.own_status, r.answer?.familyStatus, r.answer?.homeDamage, r.answer?.canWork, r.answer?.location, r.answered_at, r.reached_result, r.reached_via, r.via_prefecture, r.answered_via]
        .map(csvCell)
        .join(','),
    );
  }
  // A BOM so that Excel (the usual reader in Japanese offices) opens UTF-8 correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
