/**
 * Data a card's sample does not show, made from the sample (test/card-golden.test.ts): each field
 * dropped, nulled and emptied in turn, and every field of a kind changed at once (long, empty and
 * hostile texts; zero, large, negative and fractional numbers; empty and repeated lists; flipped flags).
 */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Markdown, HTML, mentions, entities, line starts, blank lines, a binding and quotes in one text. */
export const HOSTILE =
  '**bold** _it_ [link](https://evil.example) <at>Boss</at> &lt;b&gt; `code` ~~s~~ \\ ${name} \'q\' "dq"\r\n\r\n# head\n- item\n1. one\n> quote\n  + two';
const LONG = '長い名前'.repeat(300);

/** Every path to a value in the data (lists by their first item). */
function paths(node: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(node)) return node.length ? paths(node[0] as Json, [...prefix, 0]) : [];
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => [[...prefix, key], ...paths(value, [...prefix, key])]);
}

/** A copy of the data with the value at `path` changed (`undefined` drops it). */
function changed(data: Json, path: readonly (string | number)[], change: (value: Json) => Json | undefined): Json {
  const copy = structuredClone(data);
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Json;
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  const next = change(container[last] as Json);
  if (next === undefined) {
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else container[last] = next;
  return copy;
}

/** Every value of the data mapped by kind. */
function mapAll(node: Json, map: (value: Json) => Json): Json {
  if (Array.isArray(node)) return map(node.map((item) => mapAll(item, map)));
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapAll(value, map)]));
  return map(node);
}

/** The data with each key replaced by the keys `rename` gives (all with the same value). */
function renameKeys(node: Json, rename: (key: string) => string[]): Json {
  if (Array.isArray(node)) return node.map((item) => renameKeys(item, rename));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).flatMap(([key, value]) => rename(key).map((name, i) => [name, i === 0 && rename(key).length > 1 ? `${String(value)}!` : renameKeys(value, rename)])));
}

const emptied = (value: Json): Json => (typeof value === 'string' ? '' : typeof value === 'number' ? 0 : typeof value === 'boolean' ? !value : Array.isArray(value) ? [] : value === null ? '' : {});

export function cardVariants(sampleData: object): [string, object][] {
  const data = sampleData as Json;
  const out: [string, Json][] = [['sample', data]];
  const kinds: [string, (value: Json) => Json][] = [
    ['hostile texts', (value) => (typeof value === 'string' ? HOSTILE : value)],
    ['long texts', (value) => (typeof value === 'string' ? LONG : value)],
    ['empty texts', (value) => (typeof value === 'string' ? '' : value)],
    ['zero numbers', (value) => (typeof value === 'number' ? 0 : value)],
    ['large numbers', (value) => (typeof value === 'number' ? 1234567 : value)],
    ['negative and fractional numbers', (value) => (typeof value === 'number' ? -2.5 : value)],
    ['empty lists', (value) => (Array.isArray(value) ? [] : value)],
    ['repeated lists', (value) => (Array.isArray(value) ? [...value, ...value, ...value] : value)],
    ['flipped flags', (value) => (typeof value === 'boolean' ? !value : value)],
  ];
  for (const [label, map] of kinds) out.push([label, mapAll(data, map)]);
  // Templates read members ignoring case, the first matching key winning: keys upper-cased, and both spellings.
  out.push(['keys in upper case', renameKeys(data, (key) => [key.toUpperCase()])]);
  out.push(['keys in both cases', renameKeys(data, (key) => (key === key.toUpperCase() ? [key] : [key.toUpperCase(), key]))]);
  for (const path of paths(data)) {
    const at = path.join('.');
    out.push([`field ${at} dropped`, changed(data, path, () => undefined)]);
    out.push([`field ${at} null`, changed(data, path, () => null)]);
    out.push([`field ${at} emptied`, changed(data, path, emptied)]);
    out.push([`field ${at} hostile`, changed(data, path, (value) => (typeof value === 'string' ? HOSTILE : typeof value === 'number' ? 1000.25 : value))]);
  }
  return out as [string, object][];
}
