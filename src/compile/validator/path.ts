/**
 * A violation path being built at code-generation time: static text known now, plus
 * run-time parts (array indexes, unplanned keys). It renders to a JavaScript expression that
 * generated code evaluates only when it reports a violation, so valid data pays nothing.
 */
export class PathExpr {
  private constructor(private readonly parts: readonly ({ text: string } | { expr: string })[]) {}

  static root(text: string): PathExpr {
    return new PathExpr(text ? [{ text }] : []);
  }

  /** `a.b`, or `a["odd key"]` for keys that are not identifiers. */
  key(name: string): PathExpr {
    const bare = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
    const seg = bare ? (this.parts.length === 0 ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    return new PathExpr([...this.parts, { text: seg }]);
  }

  /** `a[i]` with `i` a run-time expression. */
  index(expr: string): PathExpr {
    return new PathExpr([...this.parts, { text: '[' }, { expr }, { text: ']' }]);
  }

  /** A run-time key (an unplanned property name), formatted by the `seg` helper. */
  dynamicKey(expr: string): PathExpr {
    return new PathExpr([...this.parts, { expr: `seg(${expr}, ${this.parts.length === 0})` }]);
  }

  /** The path of the checked value itself (`""`): a key under it is not preceded by a dot. */
  isRoot(): boolean {
    return this.parts.length === 0;
  }

  /** Known in full at code-generation time (no array index or run-time key in it). */
  isStatic(): boolean {
    return this.parts.every((p) => 'text' in p);
  }

  /** The JavaScript expression that computes this path. */
  render(): string {
    const out: string[] = [];
    let text = '';
    for (const p of this.parts) {
      if ('text' in p) text += p.text;
      else {
        if (text) out.push(JSON.stringify(text));
        text = '';
        out.push(p.expr);
      }
    }
    if (text || out.length === 0) out.push(JSON.stringify(text));
    return out.join(' + ');
  }
}

