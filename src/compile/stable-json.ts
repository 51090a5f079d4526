import { escapeHidden } from './hidden-chars.js';

/**
 * JSON with object keys sorted at every level and a final newline: byte-identical for equal
 * data. Characters that hide themselves (bidi controls, C1 controls, U+2028) can only stand in
 * strings here, where `\uXXXX` means the same: written so, a reviewer sees them.
 */
export function stableJson(value: unknown, indent = 2): string {
  return escapeHidden(JSON.stringify(sortKeys(value), null, indent)) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    // defineProperty, so that a plan key named `__proto__` stays an ordinary key.
    Object.defineProperty(out, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
