/**
 * The expressions of our card templates (`${…}` in cards/*.json), parsed once when a template is
 * compiled. Only the subset of the Adaptive Expressions language the templates use is accepted; the
 * tree has the shape adaptive-expressions builds (its precedence, its left-nested binary operators),
 * because the templating library shows that shape to users: a binding that fails inside a longer
 * text is replaced by `${<the expression as the library prints it>}` (see `printExpression`).
 * Anything outside the subset fails at compile time, so a template cannot silently render
 * differently from the library it replaced.
 */

export type ConstantValue = string | number | boolean | null | undefined;

export type ExprNode =
  | { readonly kind: 'constant'; readonly value: ConstantValue }
  /** A memory path: `a.b.c`, `$root.t.x`; the library resolves it as one path string. */
  | { readonly kind: 'path'; readonly parts: readonly string[] }
  /** `instance[index]` */
  | { readonly kind: 'element'; readonly instance: ExprNode; readonly index: ExprNode }
  /** A function or an operator, named as adaptive-expressions names it (`exists`, `!`, `&&`, `==` …). */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ExprNode[] }
  /** Compiler-made: the Markdown-escaped `string()` of a value put into a UI string (never parsed). */
  | { readonly kind: 'escaped'; readonly value: ExprNode };

/** Functions the templates may call, with their arity (min, max) as the library validates it. */
const FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  if: [3, 3],
  exists: [1, 1],
  empty: [1, 1],
  count: [1, 1],
  replace: [3, 3],
  string: [1, 2],
  concat: [1, Infinity],
};

/** Binary operators, loosest first (adaptive-expressions' grammar: `==` binds tighter than `<`). */
const BINARY_LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['<', '<=', '>', '>='], ['==', '!=']];
/** The heads a path may start with besides a data field; the library's memory knows others we never use. */
const ROOTS: ReadonlySet<string> = new Set(['$root', '$data', '$index']);

type Token = { readonly type: 'op' | 'id' | 'num' | 'str'; readonly text: string; readonly value?: string | number };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_]*/;
const NUMBER = /^[0-9]+(?:\.[0-9]+)?/;
const OPERATOR = /^(?:&&|\|\||==|!=|<=|>=|[<>!().,[\]])/;
/** What adaptive-expressions skips between tokens. */
const BLANK = /^[ \t\ufeff\u00a0]+/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let rest = source;
  while (rest.length) {
    const blank = BLANK.exec(rest);
    if (blank) {
      rest = rest.slice(blank[0].length);
      continue;
    }
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      const end = rest.indexOf(quote, 1);
      const text = end === -1 ? '' : rest.slice(1, end);
      // Escapes in literals are read differently by the library's lexer and parser: none in ours.
      if (end === -1 || text.includes('\\')) throw new Error(`unsupported string literal in \${${source}}`);
      tokens.push({ type: 'str', text: rest.slice(0, end + 1), value: text });
      rest = rest.slice(end + 1);
      continue;
    }
    const match = OPERATOR.exec(rest) ?? NUMBER.exec(rest) ?? IDENTIFIER.exec(rest);
    if (!match) throw new Error(`unsupported syntax in \${${source}} at "${rest}"`);
    const text = match[0];
    const type = /^[0-9]/.test(text) ? 'num' : /^[A-Za-z_$]/.test(text) ? 'id' : 'op';
    tokens.push(type === 'num' ? { type, text, value: parseFloat(text) } : { type, text });
    rest = rest.slice(text.length);
  }
  return tokens;
}

/** Parses the text between `${` and `}`. Throws on anything the compiler does not reproduce. */
export function parseExpression(source: string): ExprNode {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const fail = (why: string): never => {
    throw new Error(`card template expression \${${source}}: ${why}`);
  };
  const expect = (text: string): void => {
    if (peek()?.text !== text) fail(`expected "${text}"`);
    position++;
  };

  const binary = (level: number): ExprNode => {
    const operators = BINARY_LEVELS[level];
    if (!operators) return unary();
    let left = binary(level + 1);
    for (let token = peek(); token?.type === 'op' && operators.includes(token.text); token = peek()) {
      position++;
      left = { kind: 'call', name: token.text, args: [left, binary(level + 1)] };
    }
    return left;
  };
  const unary = (): ExprNode => {
    if (peek()?.text !== '!') return postfix(primary());
    position++;
    return { kind: 'call', name: '!', args: [unary()] };
  };
  const primary = (): ExprNode => {
    const token = peek() ?? fail('unexpected end');
    position++;
    if (token.type === 'str' || token.type === 'num') return { kind: 'constant', value: token.value };
    if (token.text === '(') {
      const inner = binary(0);
      expect(')');
      return inner;
    }
    if (token.type !== 'id') return fail(`unexpected "${token.text}"`);
    if (peek()?.text === '(') return call(token.text);
    const constants: Readonly<Record<string, ConstantValue>> = { true: true, false: false, null: null };
    if (token.text in constants) return { kind: 'constant', value: constants[token.text] };
    if (token.text.startsWith('$') && !ROOTS.has(token.text)) fail(`unknown root ${token.text}`);
    return { kind: 'path', parts: [token.text] };
  };
  const call = (name: string): ExprNode => {
    const arity = FUNCTIONS[name] ?? fail(`function ${name} is not supported by the card compiler`);
    expect('(');
    const args: ExprNode[] = [];
    if (peek()?.text !== ')') {
      args.push(binary(0));
      while (peek()?.text === ',') {
        position++;
        args.push(binary(0));
      }
    }
    expect(')');
    if (args.length < arity[0] || args.length > arity[1]) fail(`${name} takes ${arity[0]}–${arity[1]} arguments`);
    return { kind: 'call', name, args };
  };
  const postfix = (start: ExprNode): ExprNode => {
    let node = start;
    for (;;) {
      const token = peek();
      if (token?.text === '.') {
        position++;
        const member = peek();
        if (member?.type !== 'id') return fail('expected a member name');
        position++;
        // The library folds `x[y].z` into one path string with its own quoting rules: not reproduced.
        if (node.kind !== 'path') return fail('member access after an index or a call');
        node = { kind: 'path', parts: [...node.parts, member.text] };
      } else if (token?.text === '[') {
        position++;
        const index = binary(0);
        expect(']');
        node = { kind: 'element', instance: node, index };
      } else if (token?.text === '(') {
        return fail('call of a computed function');
      } else return node;
    }
  };

  const tree = binary(0);
  if (position !== tokens.length) fail(`unexpected "${peek()?.text ?? ''}"`);
  return tree;
}

/** A string constant as adaptive-expressions prints it: quoted, a quote not already escaped gets a backslash. */
function printString(value: string): string {
  const reversed = (text: string): string => [...text].reverse().join('');
  const escaped = reversed(reversed(value.replace(/\\/g, '\\\\')).replace(/'(?!\\)/g, "'\\"));
  return `'${escaped}'`;
}

/** `Expression.toString()` of adaptive-expressions for the same tree. `marks` prints compiler-made escapes. */
export function printExpression(node: ExprNode, marks: { readonly open: string; readonly close: string }): string {
  const print = (child: ExprNode): string => printExpression(child, marks);
  switch (node.kind) {
    case 'constant': {
      const value = node.value;
      if (value === undefined) return 'undefined';
      if (value === null) return 'null';
      return typeof value === 'string' ? printString(value) : String(value);
    }
    case 'path':
      return node.parts.join('.');
    case 'element':
      return `${print(node.instance)}[${print(node.index)}]`;
    case 'escaped':
      // The escaping it replaces was `concat('<open>', string(value), '<close>')`.
      return `concat(${printString(marks.open)}, string(${print(node.value)}), ${printString(marks.close)})`;
    case 'call': {
      const infix = !/[a-z]/i.test(node.name[0] ?? '') && node.args.length >= 2;
      return infix ? `(${node.args.map(print).join(` ${node.name} `)})` : `${node.name}(${node.args.map(print).join(', ')})`;
    }
  }
}
