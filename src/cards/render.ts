import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Locale } from '../domain/shared/locale';
import { CARD_STRINGS } from './strings';
import {
  CARD_NAMES,
  type AdaptiveCardAttachment,
  type AdaptiveCardJson,
  type CardData,
  type CardName,
  type JsonObject,
  type JsonValue,
} from './types';

export { CARD_NAMES, type CardName, type CardData, type AdaptiveCardJson } from './types';
export {
  endPrefill,
  endSummaryFacts,
  fieldLabel,
  formatDate,
  formatMinutes,
  formatTimeRange,
  optionLabel,
  startPrefill,
  startSummaryFacts,
  violationItem,
} from './format';

export const CARDS_DIR = path.join(__dirname, '../../cards');
export const CARD_VERSION = '1.5';
export const CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';

const templates = new Map<CardName, JsonObject>();

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The template JSON of a card, read from cards/<name>.json once and cached. */
export function loadTemplate(name: CardName): JsonObject {
  const cached = templates.get(name);
  if (cached) return cached;
  if (!(CARD_NAMES as readonly string[]).includes(name)) throw new Error(`unknown card template: ${name}`);
  const parsed: unknown = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
  if (!isObject(parsed) || parsed['type'] !== 'AdaptiveCard') {
    throw new Error(`cards/${name}.json is not an AdaptiveCard template`);
  }
  templates.set(name, parsed);
  return parsed;
}

const INPUT_TYPES: ReadonlySet<string> = new Set(['Input.Text', 'Input.Time', 'Input.Date', 'Input.ChoiceSet', 'Input.Number', 'Input.Toggle']);

/** Templates yield `value: ""` for an input without a previous answer; drop it so the input starts empty. */
function dropEmptyInputValues(node: JsonValue): void {
  if (Array.isArray(node)) {
    for (const item of node) dropEmptyInputValues(item);
    return;
  }
  if (!isObject(node)) return;
  const type = node['type'];
  if (typeof type === 'string' && INPUT_TYPES.has(type) && node['value'] === '') delete node['value'];
  for (const value of Object.values(node)) dropEmptyInputValues(value);
}

/**
 * Renders cards/<name>.json with `data` and the UI strings of `locale` (available to templates as `t`).
 * Throws when the template is missing or does not expand to an Adaptive Card.
 */
export function renderCard<K extends CardName>(name: K, data: CardData[K], locale: Locale): AdaptiveCardJson {
  const template = new ACData.Template(loadTemplate(name));
  const expanded: unknown = template.expand({ $root: { ...data, t: CARD_STRINGS[locale] } });
  if (!isObject(expanded)) throw new Error(`card ${name} did not expand to an object`);
  dropEmptyInputValues(expanded);
  // Fixed header fields first, so the output does not depend on the template's key order.
  const { type: _type, version: _version, $schema: _schema, ...rest } = expanded;
  return { type: 'AdaptiveCard', version: CARD_VERSION, $schema: CARD_SCHEMA_URL, ...rest };
}

export function cardAttachment(card: AdaptiveCardJson): AdaptiveCardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
