import type { Executor } from '../../store/db';
import { roundsRepo } from './repository';

const COLUMNS = ['user_id', 'name', 'department', 'manager', 'status', 'own_status', 'family_status', 'home_damage', 'can_work', 'location', 'answered_at', 'reached_by_phone'] as const;

/**
 * What a spreadsheet may read as the start of a formula (CSV injection): = + - @, their full-width
 * forms (Excel folds ＝＋－＠ in a Japanese locale), | and ｜ (DDE), and tab, line breaks or a space
 * before any of them. Such a cell gets a leading apostrophe, which makes it text.
 */
const FORMULA_START = /^[=+\-@|\t\r\n \uFF1D\uFF0B\uFF0D\uFF20\uFF5C]/;

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // Quote everything; neutralize spreadsheet formulas.
  const safe = FORMULA_START.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

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
      [r.user_id, r.name, r.department, r.manager_name, r.status, r.own_status, r.answer?.familyStatus, r.answer?.homeDamage, r.answer?.canWork, r.answer?.location, r.answered_at, r.reached_result]
        .map(cell)
        .join(','),
    );
  }
  // A BOM so that Excel (the usual reader in Japanese offices) opens UTF-8 correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
