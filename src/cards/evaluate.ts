/**
 * Expression trees (src/cards/expression.ts) turned into plain closures, once per template. Each
 * closure reproduces what adaptive-expressions 4.x computes for the same tree under the memory the
 * templating library gives it — case-insensitive member lookup, `${path}` for an undefined path
 * where the library substitutes it, errors that comparisons and `!`/`&&`/`||` swallow, `string()`'s
 * d3 number format — because the cards must stay byte-identical to what the library rendered
 * (test/card-golden.test.ts compares them).
 */
import { escapeMarkdown } from './escape';
import type { ExprNode } from './expression';
import { concatPair, equals, isNumber, LOCALES, toText } from './values';

/** What the library's memory sees: `$root` (the card data), `$data` (the current repeat item), `$index`. */
export interface Scope {
  readonly root: unknown;
  /** Undefined until a `$data` binds one: then paths read `$root`. */
  readonly data: unknown;
  readonly index: number | undefined;
}

/** An evaluation error of the library (an `error` string beside no value), not a JS exception. */
export class Failure {
  constructor(readonly message: string) {}
}

/**
 * A compiled expression. `substitute`: an undefined path becomes its text `${path}`, as the library's
 * `nullSubstitution` does for bindings and `$data` (not for `$when`, conditions and comparisons).
 */
export type Evaluator = (scope: Scope, substitute: boolean) => unknown;

/** `isLogicTrue`: a boolean is itself, null and undefined are false, anything else (0, '') is true. */
const truthy = (value: unknown): boolean => (typeof value === 'boolean' ? value : value != null);

/** A member name, prepared once: what the library's case-insensitive lookup compares keys with. */
interface Member {
  readonly name: string;
  readonly lower: string;
  /** Lowercasing changes a string's length only through U+0130 (İ): otherwise a match has the name's length. */
  readonly anyLength: boolean;
  /** The name read as an array index (SimpleObjectMemory's `parseInt`), NaN when it is none. */
  readonly index: number;
}

const member = (name: string): Member => ({ name, lower: name.toLowerCase(), anyLength: name.includes('\u0130'), index: parseInt(name, 10) });

/**
 * `accessProperty`: the first own enumerable key (Object.keys order) equal to the name ignoring case;
 * nothing on a falsy instance. Walked with for…in (own keys only) so that no key list is allocated.
 */
function property(instance: unknown, wanted: Member): unknown {
  if (!instance) return undefined;
  const target = Object(instance) as Record<string, unknown>;
  for (const key in target) {
    if (!Object.prototype.hasOwnProperty.call(target, key)) continue;
    if (key === wanted.name) return target[key];
    if (key.length !== wanted.name.length && !wanted.anyLength && !key.includes('\u0130')) continue;
    if (key.toLowerCase() === wanted.lower) return target[key];
  }
  return undefined;
}

/** `accessIndex`: undefined on null, an error outside the array or on a non-array. */
function item(instance: unknown, index: number): unknown {
  if (instance == null) return undefined;
  if (!Array.isArray(instance)) return new Failure(`${String(instance)} is not a collection.`);
  return index >= 0 && index < instance.length ? (instance as unknown[])[index] : new Failure(`${index} is out of range`);
}

/** The library's path walk (SimpleObjectMemory.getValue): a numeric part indexes an array, an error ends in undefined. */
function walk(start: unknown, parts: readonly Member[]): unknown {
  let value = start;
  for (const part of parts) {
    const next = !Number.isNaN(part.index) && Array.isArray(value) ? item(value, part.index) : property(value, part);
    if (next instanceof Failure) return undefined;
    value = next;
  }
  return value;
}

function compilePath(parts: readonly string[]): Evaluator {
  const [head = '', ...rest] = parts;
  const text = parts.join('.');
  // Paths not starting with `$` read the current `$data` (the templating library's memory prefixes them).
  const fromData = !head.startsWith('$');
  const tail = (fromData ? parts : rest).map(member);
  const start = (scope: Scope): unknown => {
    if (fromData || head === '$data') return scope.data !== undefined ? scope.data : scope.root;
    return head === '$root' ? scope.root : scope.index;
  };
  return (scope, substitute) => {
    const value = walk(start(scope), tail);
    return value === undefined && substitute ? `\${${text}}` : value;
  };
}

/** `elementAt`: an int indexes a list, a string names a property; an instance or index that fails throws, as in the library. */
function compileElement(instance: Evaluator, index: Evaluator, text: string): Evaluator {
  return (scope, substitute) => {
    const target = instance(scope, substitute);
    const key = index(scope, false);
    if (target instanceof Failure || key instanceof Failure) throw new TypeError(`${text} could not be evaluated`);
    if (Number.isInteger(key)) return item(target, key as number);
    if (typeof key === 'string') return property(target, member(key));
    return new Failure(`Could not coerce the index of ${text} to an int or string.`);
  };
}

const COMPARE: Readonly<Record<string, (left: number | string | Date, right: number | string | Date) => boolean>> = {
  '>': (left, right) => left > right,
  '<': (left, right) => left < right,
  '>=': (left, right) => left >= right,
  '<=': (left, right) => left <= right,
};

/** `<`, `>`…: a failed or null side is false; sides of different kinds are an error. */
function compileOrder(name: string, compare: (left: number | string | Date, right: number | string | Date) => boolean, sides: readonly Evaluator[]): Evaluator {
  const [leftSide, rightSide] = sides as [Evaluator, Evaluator];
  return (scope) => {
    const left = leftSide(scope, false);
    if (left instanceof Failure || left == null) return false;
    const right = rightSide(scope, false);
    if (right instanceof Failure || right == null) return false;
    const comparable = (isNumber(left) && isNumber(right)) || (typeof left === 'string' && typeof right === 'string') || (left instanceof Date && right instanceof Date);
    return comparable ? compare(left, right) : new Failure(`${String(left)} and ${String(right)} must be comparable (${name}).`);
  };
}

/** Evaluates the arguments in order; the first failure is the result, as the library's `evaluateChildren`. */
function withArgs(args: readonly Evaluator[], body: (values: unknown[]) => unknown, verify?: (value: unknown) => boolean): Evaluator {
  return (scope, substitute) => {
    const values: unknown[] = [];
    for (const arg of args) {
      const value = arg(scope, substitute);
      if (value instanceof Failure) return value;
      if (verify && !verify(value)) return new Failure(`${String(value)} is not an accepted argument`);
      values.push(value);
    }
    return body(values);
  };
}

const stringOrEmpty = (value: unknown): string => (typeof value === 'string' ? value : '');

function compileCall(name: string, args: readonly Evaluator[], text: string): Evaluator {
  const [first, second, third] = args as [Evaluator, Evaluator, Evaluator];
  switch (name) {
    case '!':
      return (scope) => {
        const value = first(scope, false);
        return value instanceof Failure ? true : !truthy(value);
      };
    case '&&':
      return (scope) => {
        for (const arg of args) {
          const value = arg(scope, false);
          if (value instanceof Failure || !truthy(value)) return false;
        }
        return true;
      };
    case '||':
      return (scope) => {
        for (const arg of args) {
          const value = arg(scope, false);
          if (!(value instanceof Failure) && truthy(value)) return true;
        }
        return false;
      };
    case '>':
    case '<':
    case '>=':
    case '<=':
      return compileOrder(name, COMPARE[name] as (left: number | string | Date, right: number | string | Date) => boolean, args);
    case '==':
    case '!=':
      return (scope) => {
        // The right side is not evaluated once the left one failed (it could throw).
        const left = first(scope, false);
        if (left instanceof Failure) return false;
        const right = second(scope, false);
        if (right instanceof Failure) return false;
        return equals(left, right) === (name === '==');
      };
    case 'exists':
      return (scope) => {
        const value = first(scope, false);
        return !(value instanceof Failure) && value != null;
      };
    case 'empty':
      return (scope) => {
        const value = first(scope, false);
        if (value instanceof Failure) return false;
        if (value == null) return true;
        if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
        return typeof value === 'object' ? Object.keys(value).length === 0 : false;
      };
    case 'if':
      return (scope, substitute) => {
        const condition = first(scope, false);
        return !(condition instanceof Failure) && truthy(condition) ? second(scope, substitute) : third(scope, substitute);
      };
    case 'count':
      return withArgs(args, ([value]) => {
        if (typeof value === 'string' || Array.isArray(value)) return value.length;
        if (value === null) return new Failure(`Cannot convert undefined or null to object (${text})`);
        return typeof value === 'object' ? Object.keys(value as object).length : new Failure(`${text} must be a string, list, map or object.`);
      });
    case 'replace':
      // Each argument a string or undefined (null is an error), checked as it is evaluated.
      return withArgs(
        args,
        (values) => {
          const [source, search, replacement] = values.map(stringOrEmpty) as [string, string, string];
          if (!search.length) return new Failure(`${text}: the text to replace is empty`);
          return source.split(search).join(replacement);
        },
        (value) => typeof value === 'string' || value === undefined,
      );
    case 'string':
      // Without a locale the library takes the process's; numbers are formatted as en-US's (docs/cards.md).
      return withArgs(args, ([value, locale]) => toText(value, typeof locale === 'string' ? locale : undefined));
    case 'concat':
      return withArgs(args, (values) => values.slice(1).reduce(concatPair, values[0]));
    default:
      throw new Error(`card template expression ${text}: ${name} is not supported`);
  }
}

/** One closure for one expression tree; `print` gives a subtree's text for error messages. */
export function compileExpression(node: ExprNode, print: (node: ExprNode) => string): Evaluator {
  const compile = (child: ExprNode): Evaluator => compileExpression(child, print);
  switch (node.kind) {
    case 'constant': {
      const value = node.value;
      return () => value;
    }
    case 'path':
      return compilePath(node.parts);
    case 'element':
      return compileElement(compile(node.instance), compile(node.index), print(node));
    case 'escaped': {
      const text = compileCall('string', [compile(node.value)], print(node));
      return (scope, substitute) => {
        const value = text(scope, substitute);
        return value instanceof Failure ? value : escapeMarkdown(value as string);
      };
    }
    case 'call': {
      const locale = node.name === 'string' ? node.args[1] : undefined;
      // A locale is a literal we know the number format of: a data-chosen one could differ.
      if (locale && !(locale.kind === 'constant' && typeof locale.value === 'string' && LOCALES.has(locale.value))) {
        throw new Error(`card template expression ${print(node)}: string() takes 'en-US' or 'ja-JP'`);
      }
      return compileCall(node.name, node.args.map(compile), print(node));
    }
  }
}
