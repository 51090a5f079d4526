// The analytics calls in one TypeScript or JavaScript file, found in its syntax tree (Babel's
// parser: TypeScript, JSX and plain JavaScript; see README "status" for why this parser).
// Pure: text in, calls out.
import { parse, type ParserPlugin } from '@babel/parser';
import type { Position } from '../diagnostics/diagnostic.js';

/** Methods of Segment's SDKs (analytics.js, analytics-node, mobile) that send a message. */
export const SDK_METHODS = ['track', 'page', 'screen', 'identify', 'group'] as const;
export type SdkMethod = (typeof SDK_METHODS)[number];

/** One call found. */
export type FoundCall =
  /** A call of a function the generated client exports (`orderCompleted(…)`, `tp.pageHome(…)`). */
  | { kind: 'generated'; fn: string; at: Position; end: Position }
  /** A call of an SDK method (`analytics.track('Name', …)`); `name` when the call names its message with a literal. */
  | { kind: 'raw'; method: SdkMethod; name?: string; at: Position; end: Position };

/** What parsing a file gave: its calls, or where it could not be parsed. */
export type FileCalls = { calls: FoundCall[] } | { error: { message: string; at: Position } };

interface Node {
  type: string;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
  [key: string]: unknown;
}

/** The parser's plugins for a file, by its extension. */
function pluginsFor(file: string): ParserPlugin[] {
  if (/\.(?:ts|mts|cts)$/i.test(file)) return ['typescript'];
  if (/\.tsx$/i.test(file)) return ['typescript', 'jsx'];
  return ['jsx'];
}

/**
 * The calls of `functions` (the generated client's exports) and of the SDK's methods in a
 * file. A generated function counts when called by a name imported or required into the file
 * (`import { orderCompleted as done }` too) or as a member of anything (`tracking.orderCompleted`);
 * `identify` and `group` are the client's only when imported by name or called on a namespace
 * imported from a module, else they are the SDK's.
 */
export function findCalls(file: string, text: string, functions: ReadonlySet<string>): FileCalls {
  let ast: { program: Node; errors?: { message: string; loc?: { line: number; column: number } }[] };
  try {
    ast = parse(text, { sourceType: 'unambiguous', plugins: pluginsFor(file), errorRecovery: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true }) as never;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    return { error: { message: cleanMessage((e as Error).message), at: { line: loc?.line ?? 1, col: (loc?.column ?? 0) + 1 } } };
  }
  const first = ast.errors?.[0];
  if (first) return { error: { message: cleanMessage(first.message), at: { line: first.loc?.line ?? 1, col: (first.loc?.column ?? 0) + 1 } } };

  // Names bound to the generated client's functions (local → exported), and module namespaces.
  const bound = new Map<string, string>();
  const namespaces = new Set<string>();
  const calls: FoundCall[] = [];
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'ImportDeclaration':
        for (const s of node['specifiers'] as Node[]) {
          const local = (s['local'] as Node)['name'] as string;
          if (s.type === 'ImportNamespaceSpecifier' && isLocalModule((node['source'] as Node)['value'] as string)) namespaces.add(local);
          else if (s.type === 'ImportSpecifier') {
            const imported = s['imported'] as Node;
            const name = imported.type === 'StringLiteral' ? (imported['value'] as string) : (imported['name'] as string);
            if (functions.has(name)) bound.set(local, name);
          }
        }
        break;
      case 'VariableDeclarator': {
        // const { orderCompleted } = require('./analytics'); const tp = require('./analytics')
        const init = node['init'] as Node | null;
        const from = init ? requiredModule(init) : undefined;
        if (from !== undefined) {
          const id = node['id'] as Node;
          if (id.type === 'Identifier' && isLocalModule(from)) namespaces.add(id['name'] as string);
          else if (id.type === 'ObjectPattern') {
            for (const p of id['properties'] as Node[]) {
              if (p.type !== 'ObjectProperty') continue;
              const key = p['key'] as Node;
              const value = p['value'] as Node;
              const name = key.type === 'Identifier' ? (key['name'] as string) : key.type === 'StringLiteral' ? (key['value'] as string) : undefined;
              if (name !== undefined && functions.has(name) && value.type === 'Identifier') bound.set(value['name'] as string, name);
            }
          }
        }
        break;
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
        pending.push(node);
        break;
      default:
        break;
    }
    for (const key in node) {
      if (key === 'loc' || key === 'type' || key === 'start' || key === 'end' || key === 'extra' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      const v = node[key];
      if (Array.isArray(v)) {
        for (const x of v) if (x !== null && typeof x === 'object' && typeof (x as Node).type === 'string') visit(x as Node);
      } else if (v !== null && typeof v === 'object' && typeof (v as Node).type === 'string') visit(v as Node);
    }
  };
  // Calls are read once every import is known (an import may follow its use in the text).
  const pending: Node[] = [];
  visit(ast.program);
  for (const call of pending) {
    const found = readCall(call, functions, bound, namespaces);
    if (found) calls.push(found);
  }
  return { calls };
}

function readCall(call: Node, functions: ReadonlySet<string>, bound: ReadonlyMap<string, string>, namespaces: ReadonlySet<string>): FoundCall | undefined {
  const callee = unwrap(call['callee'] as Node);
  const at = { line: call.loc!.start.line, col: call.loc!.start.column + 1 };
  // The end of the callee (`analytics.track`): a range an editor or annotation underlines.
  const calleeEnd = (call['callee'] as Node).loc!.end;
  const end = { line: calleeEnd.line, col: calleeEnd.column + 1 };
  if (callee.type === 'Identifier') {
    const fn = bound.get(callee['name'] as string);
    return fn !== undefined ? { kind: 'generated', fn, at, end } : undefined;
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return undefined;
  const prop = callee['property'] as Node;
  const method = !callee['computed'] && prop.type === 'Identifier' ? (prop['name'] as string) : prop.type === 'StringLiteral' ? (prop['value'] as string) : undefined;
  if (method === undefined) return undefined;
  const object = unwrap(callee['object'] as Node);
  const onNamespace = object.type === 'Identifier' && namespaces.has(object['name'] as string);
  if (functions.has(method) && (onNamespace || !(SDK_METHODS as readonly string[]).includes(method))) return { kind: 'generated', fn: method, at, end };
  if (!(SDK_METHODS as readonly string[]).includes(method)) return undefined;
  const args = call['arguments'] as Node[];
  const name = literal(args[0]);
  switch (method as SdkMethod) {
    case 'track':
    case 'screen':
      return name !== undefined ? { kind: 'raw', method: method as SdkMethod, name, at, end } : undefined;
    case 'page': {
      // page(name) or page(category, name): the name is the last literal of the first two.
      const second = literal(args[1]);
      const pageName = second !== undefined && name !== undefined ? second : name;
      return pageName !== undefined ? { kind: 'raw', method: 'page', name: pageName, at, end } : undefined;
    }
    default:
      // identify and group carry no name; only an SDK object's are counted (`analytics`, `window.analytics`).
      return receiverName(object) === 'analytics' ? { kind: 'raw', method: method as SdkMethod, at, end } : undefined;
  }
}

/** `(x as T)`, `x!`, `(x)`: the expression inside. */
function unwrap(n: Node): Node {
  while (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'ParenthesizedExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion') n = n['expression'] as Node;
  return n;
}

/** The last name of a receiver: `analytics`, `window.analytics`, `this.analytics` all give `analytics`. */
function receiverName(n: Node): string | undefined {
  if (n.type === 'Identifier') return n['name'] as string;
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n['computed']) return ((n['property'] as Node)['name'] as string | undefined);
  return undefined;
}

/** A string written literally: 'Name', "Name", or `Name` without substitutions. */
function literal(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'StringLiteral') return n['value'] as string;
  if (n.type === 'TemplateLiteral' && (n['expressions'] as unknown[]).length === 0) {
    const q = (n['quasis'] as Node[])[0];
    return ((q?.['value'] as { cooked?: string } | undefined)?.cooked) ?? undefined;
  }
  return undefined;
}

/** The module of `require('…')`, or undefined when `n` is not such a call. */
function requiredModule(n: Node): string | undefined {
  const c = unwrap(n);
  if (c.type !== 'CallExpression' || (c['callee'] as Node).type !== 'Identifier' || (c['callee'] as Node)['name'] !== 'require') return undefined;
  return literal((c['arguments'] as Node[])[0]);
}

/**
 * A module of the project (a generated client is one: `./analytics`, `@/analytics`, `~/…`),
 * not a package: `import * as analytics from '@segment/analytics-next'` is the SDK's.
 */
function isLocalModule(source: string): boolean {
  return /^(?:\.{1,2}(?:\/|$)|\/|[@~#]\/)/.test(source);
}

/** Babel's message without the position it appends (the report says where). */
function cleanMessage(m: string): string {
  return m.replace(/\s*\(\d+:\d+\)\s*$/, '');
}
