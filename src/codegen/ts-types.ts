import { type Field, type MessageDef, type Plan, type Shape } from '../model/plan.js';
import { payloadTypeName } from '../model/names.js';
import { effectiveFields } from '../model/segment-spec.js';
import { docComment, shapeDocLines } from './doc-comment.js';
import { propertyKey } from '../model/names.js';
import type { FragmentTypes } from './fragment-types.js';
import { INHERITED } from './inherited-members.js';

/** TypeScript for a shape; nested objects become inline object types. */
export function typeExpression(shape: Shape, strict: boolean, indent: string, fragments?: FragmentTypes): string {
  const own = ownTypeExpression(shape, strict, indent, fragments);
  return shape.schema && fragments ? fragments.combine(shape, own) : own;
}

/** TypeScript for the plan's own keys of a shape (a raw `schema:` beside them is not read here). */
function ownTypeExpression(shape: Shape, strict: boolean, indent: string, fragments: FragmentTypes | undefined): string {
  let members: string[];
  if (shape.const) members = [JSON.stringify(shape.const.value)];
  else if (shape.enum) members = shape.enum.map((v) => (v !== null && typeof v === 'object' ? 'unknown' : JSON.stringify(v)));
  else members = shape.types.length === 0 ? ['unknown'] : shape.types.map((t) => (t.kind === 'named' ? t.name : primitiveType(t.name, shape, strict, indent, fragments)));
  if (shape.nullable && !members.includes('null') && !members.includes('unknown')) members.push('null');
  if (members.includes('unknown')) return 'unknown';
  return [...new Set(members)].join(' | ');
}

function primitiveType(name: string, shape: Shape, strict: boolean, indent: string, fragments: FragmentTypes | undefined): string {
  switch (name) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = shape.items ? typeExpression(shape.items, strict, indent, fragments) : 'unknown';
      return `readonly ${topLevelUnion(item) || item.startsWith('readonly ') ? `(${item})` : item}[]`;
    }
    case 'object':
      return objectType(shape.properties, strict, indent, shape.additionalProperties, fragments);
    default:
      return 'unknown';
  }
}

/** An object type: declared keys, and an index signature only where the plan allows other keys. */
export function objectType(fields: readonly Field[] | undefined, strict: boolean, indent: string, extra?: boolean | Shape, fragments?: FragmentTypes): string {
  if (!fields) {
    // No declared keys: any keys, of the type `additionalProperties` gives.
    if (extra === false) return 'Record<string, never>';
    const value = typeof extra === 'object' ? typeExpression(extra, strict, indent, fragments) : 'unknown';
    return `Record<string, ${value}>`;
  }
  const inner = indent + '  ';
  const lines = fields.map((f) => {
    let type = typeExpression(f.shape, strict, inner, fragments);
    // Every object literal inherits `constructor`, `toString`, …: as an optional key of
    // another type, TypeScript would reject `{}` itself. Admit the inherited member's type too;
    // the validator still checks the value.
    if (!f.required && INHERITED[f.name] !== undefined && type !== 'unknown') type = `${type} | ${INHERITED[f.name]}`;
    return `${docComment(shapeDocLines(f.shape), inner)}${inner}${propertyKey(f.name)}${f.required ? '' : '?'}: ${type};`;
  });
  const open = extra === true || typeof extra === 'object' || (extra === undefined && !strict);
  // A typed `additionalProperties` is enforced by the validator; TypeScript needs `unknown`
  // here because an index signature must also admit the declared keys' types.
  if (open) lines.push(`${inner}[key: string]: unknown;`);
  if (lines.length === 0) return 'Record<string, never>';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `types.ts`: one declaration per named type and per message payload, then the types of raw fragments. */
export function typesModule(plan: Plan, messages: readonly MessageDef[], fragments?: FragmentTypes): string {
  const out: string[] = [];
  for (const t of [...plan.types.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const doc = docComment(shapeDocLines(t.shape));
    const isObject = t.shape.types.length === 1 && t.shape.types[0]!.name === 'object' && t.shape.properties && !t.shape.nullable && !t.shape.enum && !t.shape.const && !(t.shape.schema && fragments);
    if (isObject) out.push(`${doc}export interface ${t.name} ${objectType(t.shape.properties, plan.strict, '', t.shape.additionalProperties, fragments)}`);
    else out.push(`${doc}export type ${t.name} = ${typeExpression(t.shape, plan.strict, '', fragments)};`);
  }
  for (const m of messages) {
    const lines: string[] = [];
    const what = m.kind === 'track' ? `event "${m.name}"` : m.kind === 'identify' || m.kind === 'group' ? `${m.kind} calls` : `${m.kind} "${m.name}"`;
    lines.push(`${m.kind === 'identify' || m.kind === 'group' ? 'Traits' : 'Properties'} of ${what}.`);
    if (m.description) lines.push('', m.description);
    if (m.deprecated !== undefined) lines.push('', `@deprecated${typeof m.deprecated === 'string' ? ` ${m.deprecated}` : ''}`);
    const body = objectType(effectiveFields(m), m.strict, '', undefined, fragments);
    // An empty interface would accept anything; an event with no properties takes none.
    if (body.startsWith('Record<')) out.push(`${docComment(lines)}export type ${payloadTypeName(m)} = ${body};`);
    else out.push(`${docComment(lines)}export interface ${payloadTypeName(m)} ${body}`);
  }
  if (fragments?.declarations) out.push(fragments.declarations.trimEnd());
  return out.join('\n\n') + '\n';
}

/** Whether a type expression is a union (or intersection) outside any braces, needing parentheses before `[]`. */
function topLevelUnion(t: string): boolean {
  let depth = 0;
  for (const ch of t) {
    if (ch === '{' || ch === '(' || ch === '[' || ch === '<') depth++;
    else if (ch === '}' || ch === ')' || ch === ']' || ch === '>') depth--;
    else if ((ch === '|' || ch === '&') && depth === 0) return true;
  }
  return false;
}
