import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../domain/shared/locale';
import { compileTemplate, type CompiledTemplate } from './compile';
import { COMMON_STRINGS, type CommonStrings } from './strings';
import type { AdaptiveCardAttachment, AdaptiveCardJson, CommonCardData, JsonObject } from './types';

export type { AdaptiveCardJson } from './types';

/** @internal exported for the card tests, which read the templates and their samples. */
export const CARDS_DIR = path.join(__dirname, '../../cards');
const CARD_VERSION = '1.5';
const CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Template names are file names in cards/: nothing that could leave the folder. */
const TEMPLATE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Each template compiled once per process (a few dozen closures per template), never per render. */
const templates = new Map<string, CompiledTemplate>();

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The template of a card, read from cards/<name>.json and compiled once (src/cards/compile.ts), the
 * data bound into its Markdown texts escaped as it is bound (src/cards/escape.ts).
 */
function loadTemplate(name: string): CompiledTemplate {
  const cached = templates.get(name);
  if (cached) return cached;
  if (!TEMPLATE_NAME.test(name)) throw new Error(`unknown card template: ${name}`);
  const parsed: unknown = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
  if (!isObject(parsed) || parsed['type'] !== 'AdaptiveCard') {
    throw new Error(`cards/${name}.json is not an AdaptiveCard template`);
  }
  const template = compileTemplate(parsed);
  templates.set(name, template);
  return template;
}

/** Renders one card of a feature: its name picks both the template and the type of its data. */
export type CardRenderer<Data> = <K extends keyof Data & string>(name: K, data: Data[K], locale: Locale) => AdaptiveCardJson;

/**
 * The render function of one feature's cards. `Data` maps each template name (cards/<name>.json) to
 * its data; templates read the common strings and the sections of the feature's catalog together
 * as `t` — all but `msg`, the texts code fills in. Throws when a template is missing or does not
 * expand to an Adaptive Card.
 */
export function cardRenderer<Data extends { [K in keyof Data]: object }>(texts: Readonly<Record<Locale, object>>): CardRenderer<Data> {
  const sections = (locale: Locale): object => {
    const { msg: _msg, ...forTemplates } = texts[locale] as { msg?: unknown };
    return forTemplates;
  };
  // A feature section named like a common one would hide the common text from that feature's templates.
  const clash = Object.keys(sections('ja')).filter((section) => section in COMMON_STRINGS.ja);
  if (clash.length) throw new Error(`card strings reuse common sections: ${clash.join(', ')}`);
  const uiStrings: Readonly<Record<Locale, CommonStrings>> = {
    ja: { ...COMMON_STRINGS.ja, ...sections('ja') },
    en: { ...COMMON_STRINGS.en, ...sections('en') },
  };
  return (name, data, locale) => {
    // People's and the directory's text shows as text (no link, mention or formatting of theirs): escaped while bound.
    const card: unknown = loadTemplate(name)({ ...data, t: uiStrings[locale] });
    if (!isObject(card)) throw new Error(`card ${name} did not expand to an object`);
    // Fixed header fields first, so the output does not depend on the template's key order.
    const { type: _type, version: _version, $schema: _schema, ...rest } = card;
    return { type: 'AdaptiveCard', version: CARD_VERSION, $schema: CARD_SCHEMA_URL, ...rest };
  };
}

/** The core cards (error, notice, welcome): they read only the common strings. */
export const renderCommonCard: CardRenderer<CommonCardData> = cardRenderer<CommonCardData>({ ja: {}, en: {} });

function cardAttachment(card: AdaptiveCardJson): AdaptiveCardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

/** A proactive message holding one card; `summary` is the text Teams shows in the notification. */
export function cardMessage(card: AdaptiveCardJson, summary?: string): Record<string, unknown> {
  return { type: 'message', ...(summary ? { summary } : {}), attachments: [cardAttachment(card)] };
}
