import type { Diagnostic, PlanPath, Severity } from '../diagnostics/diagnostic.js';
import type { Field, NamedType, Origin } from './plan.js';

/** A raw entry of `types:` or `properties:` before it is built, with where it was written. */
export interface RawEntry {
  raw: unknown;
  origin: Origin;
}

/** What the model builder needs while it turns raw plan data into checked shapes. */
export interface BuildContext {
  /** Every visible `types:` entry, raw, by name (filled before any shape is built). */
  rawTypes: ReadonlyMap<string, RawEntry>;
  /** Every visible `properties:` entry, raw, by name. */
  rawShared: ReadonlyMap<string, RawEntry>;
  /** Built named types, filled as they are built. */
  types: Map<string, NamedType>;
  shared: Map<string, Field>;
  /** Shared properties being expanded right now, to catch one that contains itself. */
  expanding: string[];
  report(origin: Origin, code: string, message: string, options?: ReportOptions): void;
}

export interface ReportOptions {
  severity?: Severity;
  at?: 'key' | 'value';
  related?: Diagnostic['related'];
  /** The problem is a name no loaded file defines: an import that failed to load may define it. */
  undefinedName?: boolean;
}

/** Extend an origin's path. */
export function child(origin: Origin, ...keys: PlanPath): Origin {
  return { file: origin.file, path: [...origin.path, ...keys] };
}

/** A null-prototype map or undefined: raw data is untrusted until the format check passed. */
export function asMap(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The own value of a key, safe for keys such as `__proto__` on any object. */
export function own(map: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}
