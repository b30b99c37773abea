/**
 * The incident-digest section "pledge pending": people who were sent the current guideline's pledge
 * 誓約書 and have not accepted it. A digests `DigestSectionProvider`; the composition root lists it.
 */
import { formatDateTime } from '../../cards/format';
import type { Db } from '../../store/db';
import type { DigestScope, DigestSection, DigestSectionProvider } from '../digests';
import { pledgeRepo } from './repository';

const MAX_ROWS = 50;

export function pledgePendingSection(db: Db, settings: { required: boolean; guidelineVersion: string }) {
  return {
    id: 'pledge-pending',
    async section(scope: Pick<DigestScope, 'tenantId' | 'userIds' | 'timeZone'>): Promise<DigestSection | undefined> {
      if (!settings.required || (scope.userIds && !scope.userIds.length)) return undefined;
      const { rows: pending, total } = await pledgeRepo.pendingInScope(db, { tenantId: scope.tenantId, userIds: scope.userIds, version: settings.guidelineVersion, limit: MAX_ROWS });
      if (!pending.length) return undefined;
      return {
        title: { ja: `誓約書 未提出（規程 ${settings.guidelineVersion}）`, en: `Pledge not accepted (guideline ${settings.guidelineVersion})` },
        total,
        rows: pending.map((person) => ({
          userId: person.userId,
          text: { ja: `${formatDateTime(person.sentAt, 'ja', scope.timeZone)} に送付`, en: `sent ${formatDateTime(person.sentAt, 'en', scope.timeZone)}` },
        })),
      };
    },
  } satisfies DigestSectionProvider;
}
