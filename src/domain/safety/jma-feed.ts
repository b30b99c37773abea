import { all, attribute, get, JMA_ERROR_CODES, JmaParseError, parseXmlTree, text } from './jma';

/** One `<entry>` of a JMA Atom feed (eqvol.xml / eqvol_l.xml); `link` is the report document. */
export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  author: string;
}

export interface AtomFeed {
  updated: string;
  entries: AtomEntry[];
}

/** The telegrams that can start or change a round; everything else in the feed is skipped unread. */
export const RELEVANT_INFO_KINDS = [
  'VXSE51', 'VXSE53', 'VTSE41',
  // 特別警報 (extra feed): the summary telegrams and the 2026 per-phenomenon 気象警報・注意報（Ｒ０６）.
  'VPWW53', 'VPWW54', 'VPNO50', 'VPWW55', 'VPWW56', 'VPWW57', 'VPWW58', 'VPWW59', 'VPWW60', 'VPWW61',
] as const;
export type RelevantInfoKind = (typeof RELEVANT_INFO_KINDS)[number];

const TITLE_KINDS: Readonly<Record<string, RelevantInfoKind>> = {
  震度速報: 'VXSE51',
  '震源・震度に関する情報': 'VXSE53',
  '津波警報・注意報・予報a': 'VTSE41',
  気象特別警報・警報・注意報: 'VPWW53',
  '気象警報・注意報（Ｈ２７）': 'VPWW54',
  気象特別警報報知: 'VPNO50',
};

export type RelevantEntry = AtomEntry & { infoKind: RelevantInfoKind };

/**
 * The report document of an entry: the link typed application/xml, else the alternate one, else the
 * first with an href (the feed has had each form).
 */
function entryLink(entry: unknown): string {
  const links = all(get(entry, 'link'));
  const pick =
    links.find((l) => attribute(l, 'type') === 'application/xml') ??
    links.find((l) => attribute(l, 'rel') === 'alternate') ??
    links.find((l) => attribute(l, 'href'));
  return pick === undefined ? '' : (attribute(pick, 'href') ?? '');
}

/** Reads a JMA Atom feed; throws `JmaParseError` when it is not XML or not an Atom feed. */
export function parseAtomFeed(xml: string): AtomFeed {
  const feed = get(parseXmlTree(xml), 'feed');
  if (feed === undefined) throw new JmaParseError(JMA_ERROR_CODES.missingField, 'Not an Atom feed: no <feed>');
  const entries = all(get(feed, 'entry')).map(
    (entry): AtomEntry => ({
      id: text(get(entry, 'id')) ?? '',
      title: text(get(entry, 'title')) ?? '',
      updated: text(get(entry, 'updated')) ?? '',
      link: entryLink(entry),
      author: text(get(entry, 'author', 'name')) ?? '',
    }),
  );
  return { updated: text(get(feed, 'updated')) ?? '', entries: entries.filter((e) => e.id !== '' && e.link !== '') };
}

/**
 * The info kind named in the document's file name (`20231120080318_0_VXSE53_010000.xml`), which is
 * more precise than the entry title.

 * @internal tested directly
 */
export function infoKindFromLink(link: string): string | undefined {
  const file = link.split(/[?#]/)[0]?.split('/').pop() ?? '';
  return file.split(/[_.]/).find((token) => /^V[A-Z]{3}\d{2}$/.test(token));
}

function relevantKind(entry: AtomEntry): RelevantInfoKind | undefined {
  const fromLink = infoKindFromLink(entry.link);
  if (fromLink !== undefined) {
    return (RELEVANT_INFO_KINDS as readonly string[]).includes(fromLink) ? (fromLink as RelevantInfoKind) : undefined;
  }
  return TITLE_KINDS[entry.title];
}

/**
 * Entries not seen yet that may concern a round, oldest first: the feed lists newest first, but a
 * 取消 or a later serial must be handled after the report it refers to.
 */
export function relevantEntries(feed: AtomFeed, seenIds: ReadonlySet<string>): RelevantEntry[] {
  const picked: { entry: RelevantEntry; time: number; index: number }[] = [];
  feed.entries.forEach((entry, index) => {
    const infoKind = relevantKind(entry);
    if (infoKind === undefined || seenIds.has(entry.id)) return;
    const time = Date.parse(entry.updated);
    picked.push({ entry: { ...entry, infoKind }, time: Number.isNaN(time) ? 0 : time, index });
  });
  // Same timestamp: keep the feed's order reversed, i.e. still oldest first.
  return picked.sort((a, b) => a.time - b.time || b.index - a.index).map((p) => p.entry);
}
