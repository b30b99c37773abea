import { localDateOf } from '../../domain/calendar';
import { RULES } from '../../domain/policy/rules';
import type { Locale } from '../../domain/shared/locale';
import type { Executor } from '../../store/db';
import { usersRepo } from '../../store/users';
import type { DigestIncidentCardData } from './card-data';
import { roundReads } from './incident-repository';
import { digestText, roundKindLabel, violationLabel } from './texts';
import type { DigestRow, DigestScope, DigestSection, DigestSectionProvider, UnacknowledgedVpnSource } from './ports';
import { digestsRepo } from './repository';
import { shortDate } from './views';

/** Rows per section in the card; the rest is counted ("12 more"). */
const MAX_ROWS = 30;

const both = (key: Parameters<typeof digestText>[1], values: Readonly<Record<string, string | number>> = {}) => ({
  ja: digestText('ja', key, values),
  en: digestText('en', key, values),
});
const perLocale = (f: (l: Locale) => string) => ({ ja: f('ja'), en: f('en') });

/** Violations recorded in the window (the checkins feature's table, read only). */
export function violationsSection(ex: Executor): DigestSectionProvider {
  return {
    id: 'violations',
    async section(scope) {
      const found = await digestsRepo.violations(ex, scope);
      if (!found.length) return undefined;
      const rows: DigestRow[] = found.map((violation) => ({
        userId: violation.userId,
        text: perLocale((l) => digestText(l, 'rowViolation', { date: shortDate(violation.workDate, l), kind: violationLabel(violation.kind, l), rule: RULES[violation.kind].ref })),
      }));
      return { title: both('sectionViolations'), rows };
    },
  };
}

/** Open safety rounds and who in scope has not answered. */
export function roundsSection(ex: Executor): DigestSectionProvider {
  return {
    id: 'rounds',
    async section(scope) {
      const open = (await roundReads.openWithPending(ex, scope)).filter((r) => r.pending.length);
      if (!open.length) return undefined;
      const rows: DigestRow[] = [];
      for (const r of open) {
        const date = localDateOf(r.startedAt, scope.timeZone);
        rows.push({ text: perLocale((l) => digestText(l, 'rowRound', { kind: roundKindLabel(r.kind, l), drill: r.isDrill ? digestText(l, 'drill') : '', date: shortDate(date, l), n: r.pending.length })) });
        if (scope.userIds) {
          const names = await usersRepo.namesInTenant(ex, scope.tenantId, r.pending.slice(0, MAX_ROWS));
          const list = r.pending.slice(0, MAX_ROWS).map((id) => names.get(id) ?? id);
          rows.push({ text: perLocale((l) => digestText(l, 'rowRoundPending', { names: list.join(l === 'ja' ? '、' : ', ') })) });
        }
      }
      return { title: both('sectionRounds'), rows };
    },
  };
}

/** VPN-disconnect reminders nobody acknowledged (from the reminders feature). */
export function vpnSection(source: UnacknowledgedVpnSource): DigestSectionProvider {
  return {
    id: 'vpn',
    async section(scope) {
      const inScope = scope.userIds ? new Set(scope.userIds) : undefined;
      const found = (await source({ tenantId: scope.tenantId, from: scope.from, toInclusive: scope.to })).filter((v) => !inScope || inScope.has(v.userId));
      if (!found.length) return undefined;
      return {
        title: both('sectionVpn'),
        rows: found.map((v) => ({ userId: v.userId, text: perLocale((l) => digestText(l, 'rowVpn', { date: shortDate(v.workDate, l), n: v.sent })) })),
      };
    },
  };
}

/** Every provider's section for the scope; a failing provider is left out (logged by the caller). */
export async function collectSections(providers: readonly DigestSectionProvider[], scope: DigestScope, onError: (id: string, err: unknown) => void): Promise<DigestSection[]> {
  const out: DigestSection[] = [];
  for (const p of providers) {
    try {
      const s = await p.section(scope);
      if (s?.rows.length) out.push(s);
    } catch (err) {
      onError(p.id, err);
    }
  }
  return out;
}

/** The incident card's data: sections in provider order, names in front of personal rows, long sections cut. */
export async function incidentCardData(ex: Executor, tenantId: string, reportDate: string, sections: readonly DigestSection[], locale: Locale): Promise<DigestIncidentCardData> {
  const ids = [...new Set(sections.flatMap((s) => s.rows.flatMap((r) => (r.userId ? [r.userId] : []))))];
  const names = ids.length ? await usersRepo.namesInTenant(ex, tenantId, ids) : new Map<string, string>();
  return {
    date: shortDate(reportDate, locale),
    sections: sections.map((section) => {
      const rows = section.rows.slice(0, MAX_ROWS).map((r) => ({ text: r.userId ? `${names.get(r.userId) ?? r.userId} — ${r.text[locale]}` : r.text[locale] }));
      if (section.rows.length > MAX_ROWS) rows.push({ text: digestText(locale, 'moreRows', { n: section.rows.length - MAX_ROWS }) });
      return { title: section.title[locale], rows };
    }),
  };
}
