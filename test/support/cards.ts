/** Helpers shared by the card tests: walking card JSON, the 1.5 schema and the official parser. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
// The package's `lib` build is ESM with extensionless imports; vitest transforms it, plain Node would not.
import * as AC from 'adaptivecards';
import { CARDS_DIR } from '../../src/cards/render';
import type { AdaptiveCardJson, JsonObject, JsonValue } from '../../src/cards/types';
import type { CardData, CardName } from './card-catalog';

/** Used from ../shared, never copied into the repository. */
export const SCHEMA_PATH = path.resolve(__dirname, '../../../shared/schemas/adaptive-card-1.5.json');
export const schemaPresent = existsSync(SCHEMA_PATH);
export const MAX_BYTES = 80 * 1024;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
export const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
export const sample = <K extends CardName>(name: K): CardData[K] => readJson(path.join(CARDS_DIR, `${name}.sample.json`)) as CardData[K];

/** Every object in the card, depth first. */
export function objects(node: JsonValue): JsonObject[] {
  if (Array.isArray(node)) return node.flatMap(objects);
  if (!isObject(node)) return [];
  return [node, ...Object.values(node).flatMap(objects)];
}

export const inputs = (card: AdaptiveCardJson): JsonObject[] =>
  objects(card).filter((o) => typeof o['type'] === 'string' && o['type'].startsWith('Input.'));
export const inputById = (card: AdaptiveCardJson, id: string): JsonObject | undefined => inputs(card).find((o) => o['id'] === id);
export const choiceValues = (input: JsonObject | undefined): JsonValue[] => {
  const choices = input?.['choices'];
  return Array.isArray(choices) ? choices.map((c) => (isObject(c) ? (c['value'] ?? null) : null)) : [];
};

/** Teams-only keys are not part of the Adaptive Cards schema. */
function withoutMsTeams(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(withoutMsTeams);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'msteams') out[k] = withoutMsTeams(v);
  return out;
}

let validateSchema: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (validateSchema) return validateSchema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(createRequire(__filename)('ajv/dist/refs/json-schema-draft-06.json') as object);
  ajv.removeKeyword('id');
  // The schema uses these formats; ajv 8 knows none without ajv-formats (not a dependency).
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  validateSchema = ajv.compile(readJson(SCHEMA_PATH) as object);
  return validateSchema;
}

/** Errors against the Adaptive Cards 1.5 JSON schema (the caller decides what a missing schema means). */
export function schemaErrors(card: AdaptiveCardJson): unknown[] {
  const validate = schemaValidator();
  return validate(withoutMsTeams(card)) ? [] : (validate.errors ?? ['invalid']);
}

/** Messages of the adaptivecards parser and its property validation; empty when the card is fine. */
export function parserProblems(card: AdaptiveCardJson): string[] {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const events: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((e) => e.message)];
}
