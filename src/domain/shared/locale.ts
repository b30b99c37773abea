/** The two languages every user-facing text exists in. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Teams sends BCP-47 tags such as `ja-JP` or `en-US`; anything not Japanese gets English. */
export function localeFromTag(tag: string | undefined | null, fallback: Locale = 'ja'): Locale {
  if (!tag) return fallback;
  return tag.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** A text in both languages. */
export type Localized = Readonly<Record<Locale, string>>;
