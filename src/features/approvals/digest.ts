/**
 * The incident-digest section of pending approvals: requests of the reader's people (a manager's
 * reports, or the whole tenant) still waiting for a decision. A digests
 * `DigestSectionProvider`; the composition root lists it.
 */
import { formatDateTime } from '../../cards/format';
import type { Clock } from '../../domain/shared/clock';
import type { Db } from '../../store/db';
import type { DigestScope, DigestSection, DigestSectionProvider } from '../digests';
import { approvalsRepo } from './repository';
import { approvalTitle } from './views';

const MAX_ROWS = 50;

export function pendingApprovalsSection(db: Db, clock: Clock) {
  return {
    id: 'approvals-pending',
    async section(scope: Pick<DigestScope, 'tenantId' | 'userIds' | 'timeZone'>): Promise<DigestSection | undefined> {
      if (scope.userIds && !scope.userIds.length) return undefined;
      const { rows: pending, total } = await approvalsRepo.pendingInTenant(db, scope.tenantId, scope.userIds, clock.now(), MAX_ROWS);
      if (!pending.length) return undefined;
      return {
        title: { ja: '承認待ちの申請', en: 'Requests waiting for approval' },
        total,
        rows: pending.map((request) => ({
          userId: request.requesterId,
          text: {
            ja: `${approvalTitle(request.kind, 'ja')}（${formatDateTime(request.createdAt, 'ja', scope.timeZone)} 申請）`,
            en: `${approvalTitle(request.kind, 'en')} (requested ${formatDateTime(request.createdAt, 'en', scope.timeZone)})`,
          },
        })),
      };
    },
  } satisfies DigestSectionProvider;
}
