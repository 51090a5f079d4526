import type { PlanPath, SourceRange } from '../diagnostics/diagnostic.js';

/** Where a node of a parsed document came from: the key's span (for map entries) and the value's. */
export interface NodeSpan {
  key?: SourceRange;
  value: SourceRange;
}

/** Maps document paths to source spans; lookups fall back to the closest existing parent. */
export class SourceMap {
  readonly #spans = new Map<string, NodeSpan>();

  set(path: PlanPath, span: NodeSpan): void {
    this.#spans.set(pathKey(path), span);
  }

  /** The span of exactly this path, if the document has it. */
  get(path: PlanPath): NodeSpan | undefined {
    return this.#spans.get(pathKey(path));
  }

  /**
   * The range to report for a finding at `path`: the key of a map entry when `at` is 'key'
   * (an unknown key), otherwise the value; a missing path reports its closest parent.
   */
  locate(path: PlanPath, at: 'key' | 'value' = 'value'): SourceRange | undefined {
    for (let n = path.length; n >= 0; n--) {
      const span = this.#spans.get(pathKey(path.slice(0, n)));
      if (span) return (at === 'key' || n < path.length ? span.key : undefined) ?? span.value;
    }
    return undefined;
  }
}

function pathKey(path: PlanPath): string {
  // A NUL byte cannot appear in YAML keys, so joining on it is unambiguous.
  return path.map(String).join('\u0000');
}
