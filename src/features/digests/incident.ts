import { fitCount } from '../../cards/fit';
import type { AdaptiveCardJson } from '../../cards/render';
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
import { incidentCardView, shortDate } from './views';

/** Rows per section in the card at most (fewer when the card would not fit one Teams message); the rest is counted. */
const MAX_ROWS = 30;
/** Names of people who have not answered a round, per round; the rest is counted (the round's report lists them). */
const MAX_PENDING_NAMES = 10;

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
          const shown = r.pending.slice(0, MAX_PENDING_NAMES);
          const names = await usersRepo.namesInTenant(ex, scope.tenantId, shown);
          const list = shown.map((id) => names.get(id) ?? id);
          const more = r.pending.length - shown.length;
          const text = (l: Locale) => {
            const joined = list.join(l === 'ja' ? '、' : ', ');
            return digestText(l, 'rowRoundPending', { names: more ? digestText(l, 'namesAndMore', { names: joined, n: more }) : joined });
          };
          rows.push({ text: perLocale(text) });
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

/** The incident card: sections in provider order, names in front of personal rows, long sections cut to fit one Teams message. */
export async function incidentCard(ex: Executor, tenantId: string, reportDate: string, sections: readonly DigestSection[], locale: Locale): Promise<AdaptiveCardJson> {
  const ids = [...new Set(sections.flatMap((s) => s.rows.flatMap((r) => (r.userId ? [r.userId] : []))))];
  const names = ids.length ? await usersRepo.namesInTenant(ex, tenantId, ids) : new Map<string, string>();
  return fitIncidentCard(reportDate, sections, names, locale);
}

/**
 * The card with at most `MAX_ROWS` rows per section, fewer when it would not fit; each cut section
 * ends with how many rows were left off (of the section's `total` when its provider read only the first ones).
 * @internal exported for the card size tests; the app uses incidentCard.
 */
export function fitIncidentCard(reportDate: string, sections: readonly DigestSection[], names: ReadonlyMap<string, string>, locale: Locale): AdaptiveCardJson {
  const longest = Math.max(0, ...sections.map((s) => s.rows.length));
  return fitCount(Math.min(MAX_ROWS, longest), (cap) => incidentCardView(incidentCardData(reportDate, sections, names, locale, cap), locale));
}

function incidentCardData(reportDate: string, sections: readonly DigestSection[], names: ReadonlyMap<string, string>, locale: Locale, cap: number): DigestIncidentCardData {
  return {
    date: shortDate(reportDate, locale),
    sections: sections.map((section) => {
      const rows = section.rows.slice(0, cap).map((r) => ({ text: r.userId ? `${names.get(r.userId) ?? r.userId} — ${r.text[locale]}` : r.text[locale] }));
      const more = Math.max(section.total ?? 0, section.rows.length) - rows.length;
      if (more > 0) rows.push({ text: digestText(locale, 'moreRows', { n: more }) });
      return { title: section.title[locale], rows };
    }),
  };
}
