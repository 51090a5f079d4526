import type { Shape } from '../model/plan.js';
import { escapeHiddenInLine } from '../compile/hidden-chars.js';

/**
 * A JSDoc block from lines. Plan text cannot end the comment early (`*\/`), and controls,
 * bidirectional controls and separators show as `\uXXXX` rather than hide in the hover.
 */
export function docComment(lines: readonly string[], indent = ''): string {
  const clean = lines.flatMap((l) => l.split(/\r\n|\r|\n/)).map((l) => escapeHiddenInLine(l.replace(/\*\//g, '*\\/').trimEnd()));
  while (clean.length > 0 && clean[clean.length - 1] === '') clean.pop();
  if (clean.length === 0) return '';
  if (clean.length === 1) return `${indent}/** ${clean[0]} */\n`;
  return `${indent}/**\n${clean.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** What a reader needs on hover: the description, then the rules a value must follow. */
export function shapeDocLines(shape: Shape): string[] {
  const lines: string[] = [];
  if (shape.description) lines.push(shape.description);
  const rules: string[] = [];
  if (shape.types.some((t) => t.kind === 'primitive' && t.name === 'integer')) rules.push('@integer a whole number');
  if (shape.format) rules.push(`@format ${shape.format}`);
  if (shape.pattern !== undefined) rules.push(`@pattern \`${shape.pattern}\``);
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (shape[k] !== undefined) rules.push(`@${k} ${shape[k]}`);
  }
  if (shape.uniqueItems) rules.push('@uniqueItems');
  if (shape.examples?.length) rules.push(`@example ${shape.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  if (shape.deprecated !== undefined) rules.push(`@deprecated${typeof shape.deprecated === 'string' ? ` ${shape.deprecated}` : ''}`);
  if (lines.length > 0 && rules.length > 0) lines.push('');
  return [...lines, ...rules];
}
