import type { Locale } from '../domain/shared/locale';
import { fill } from './format';

/**
 * A feature's texts are one catalog: the Japanese table (`texts.ja.ts`) is the original, its shape
 * is the type, and every translation must have the same sections and keys. Card templates read the
 * sections as `${t.<section>.<key>}`; the `msg` section holds the texts code fills in.
 */

/** A translation of the table `T`: the same sections and keys, any wording. A missing or extra key does not compile. */
export type TextsOf<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends readonly unknown[] ? { readonly [I in keyof T[K]]: string } : TextsOf<T[K]>;
};

/** Placeholder values: `{name}` in a text is replaced by `values.name`. */
export type TextValues = Readonly<Record<string, string | number>>;

/**
 * A feature's texts in every language, typed by the Japanese table: write it as a plain object (no
 * `as const`), so its leaves are `string` and every translation, checked by `TextsOf`, fits the same type.
 */
export type Catalog<T> = Readonly<Record<Locale, T>>;

export function textCatalog<T extends TextsOf<T>>(ja: T, en: NoInfer<TextsOf<T>>): Catalog<T> {
  return Object.freeze({ ja, en: en as T });
}

/** Texts code fills in (not read by templates): one `msg` key, `{name}` placeholders filled. */
export type TextLookup<K extends string> = (locale: Locale, key: K, values?: TextValues) => string;

/** The one lookup of a feature's `msg` section. */
export function messageLookup<K extends string>(catalog: Readonly<Record<Locale, { readonly msg: Readonly<Record<K, string>> }>>): TextLookup<K> {
  return (locale, key, values = {}) => fill(catalog[locale].msg[key], values);
}

/**
 * How a refused request reads to the user, for one domain error code: the message (`{date}` is the
 * day the error names, already formatted), and whether it is a refusal (no permission) rather than
 * an input mistake, which titles the card differently.
 */
export interface ErrorText {
  readonly text: (locale: Locale, values: TextValues) => string;
  readonly refusal?: boolean;
}

/** A feature's error texts: each code to a `msg` key of its catalog; `refusals` are titled "not allowed". */
export function errorTexts<Code extends string, K extends string>(
  lookup: TextLookup<K>,
  keys: Readonly<Record<Code, K>>,
  refusals: readonly Code[] = [],
): Readonly<Record<Code, ErrorText>> {
  const entries = (Object.keys(keys) as Code[]).map((code): [Code, ErrorText] => [
    code,
    { text: (locale, values) => lookup(locale, keys[code], values), ...(refusals.includes(code) ? { refusal: true } : {}) },
  ]);
  return Object.fromEntries(entries) as Record<Code, ErrorText>;
}

/** The localized label of a card input, for "these fields are invalid"; undefined when the feature does not know it. */
export type FieldLabel = (field: string, locale: Locale) => string | undefined;

/** A field label from a table of `field → label` per language (the labels the card shows). */
export function fieldLabelFrom(labels: (locale: Locale) => Readonly<Record<string, string>>): FieldLabel {
  return (field, locale) => {
    const table = labels(locale);
    return Object.hasOwn(table, field) ? table[field] : undefined;
  };
}
