/**
 * The incident-digest section of open lost-device incidents: those of the reader's people (a
 * manager's reports) or of the whole tenant (security team). Shaped like the digests feature's
 * `DigestSectionProvider`; the composition root lists it.
 */
import { formatDateTime } from '../../cards/format';
import type { Localized } from '../../domain/shared/locale';
import type { Db } from '../../store/db';
import type { DigestScope, DigestSection, DigestSectionProvider } from '../digests';
import { incidentsRepo, type OpenIncidentRow } from './repository';

const MAX_ROWS = 50;

const KIND: Record<OpenIncidentRow['kind'], Localized> = { lost: { ja: '紛失', en: 'lost' }, stolen: { ja: '盗難', en: 'stolen' } };

export function openIncidentsSection(db: Db) {
  return {
    id: 'devices-open',
    async section(scope: Pick<DigestScope, 'tenantId' | 'userIds' | 'timeZone'>): Promise<DigestSection | undefined> {
      if (scope.userIds && !scope.userIds.length) return undefined;
      const { rows, total } = await incidentsRepo.openInScope(db, scope.tenantId, scope.userIds, MAX_ROWS);
      if (!rows.length) return undefined;
      const when = (d: Date, locale: 'ja' | 'en') => formatDateTime(d, locale, scope.timeZone);
      return {
        title: { ja: '未解決の端末紛失・盗難', en: 'Open lost or stolen devices' },
        total,
        rows: rows.map((incident) => ({
          userId: incident.user_id,
          text: {
            ja: `${KIND[incident.kind].ja}（${when(incident.discovered_at, 'ja')} 発見）${incident.state === 'open' ? '・未確認' : ''}${incident.appi_preliminary_due ? `・個人情報保護委員会 速報期限 ${when(incident.appi_preliminary_due, 'ja')}` : ''}`,
            en: `${KIND[incident.kind].en} (found ${when(incident.discovered_at, 'en')})${incident.state === 'open' ? ', not acknowledged' : ''}${incident.appi_preliminary_due ? `, PPC preliminary report due ${when(incident.appi_preliminary_due, 'en')}` : ''}`,
          },
        })),
      };
    },
  } satisfies DigestSectionProvider;
}
