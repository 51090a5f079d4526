import { allMessages, type MessageDef, type Plan } from '../../model/plan.js';
import { type EmitOptions, ValidatorEmitter } from './emit.js';
import { fragmentsSource } from './fragments.js';

/** A whole module of validators for a plan, and which function validates which message. */
export interface ValidatorModule {
  code: string;
  /** Typed output only: the compiled raw `schema:` fragments, a module of their own (`fragments.ts`). */
  fragments?: string;
  functions: { message: MessageDef; name: string }[];
  /** Helpers defined at the module's top level (`isDateTime`, …), for code appended to it. */
  helpers: ReadonlySet<string>;
}

/**
 * Validators for every message of a plan, as one ES module. `name` chooses each function's
 * name (generated clients use readable ones; the audit uses positional ones).
 */
export function validatorModule(plan: Plan, options: EmitOptions & { name?: (m: MessageDef, index: number) => string }): ValidatorModule {
  const emitter = new ValidatorEmitter(plan, options);
  const name = options.name ?? ((_m: MessageDef, i: number) => `validate${i}`);
  const functions = allMessages(plan).map((message, i) => ({ message, name: name(message, i) }));
  const bodies = functions.map((f) => emitter.message(f.message, f.name)).map((b) => emitter.finishMessage(b));
  const types = emitter.namedTypes();
  const frags = fragmentsSource(emitter.fragments, options.regexFactory === true);
  const names = [...emitter.fragments.values()];
  const head = options.typed ? ["import type { Violation } from './runtime.js';", ...(names.length > 0 ? [`import { ${names.join(', ')} } from './fragments.js';`] : [])].join('\n') : frags;
  const code = [head, emitter.prelude(), types, ...bodies].filter(Boolean).join('\n\n') + '\n';
  if (options.typed && frags) {
    // ajv's code is plain JavaScript; TypeScript takes it as it is.
    return { code, functions, helpers: emitter.helperNames, fragments: `// @ts-nocheck\n${frags}\n\nexport { ${names.join(', ')} };\n` };
  }
  return { code, functions, helpers: emitter.helperNames };
}

/** Load a JavaScript validator module in this process (for the audit and tests). */
export async function loadValidators(mod: ValidatorModule): Promise<Map<MessageDef, (d: unknown) => { path: string; rule: string; message: string; value: unknown }[]>> {
  const url = `data:text/javascript;base64,${Buffer.from(mod.code).toString('base64')}`;
  const ns = (await import(url)) as Record<string, (d: unknown) => never[]>;
  return new Map(mod.functions.map((f) => [f.message, ns[f.name]!]));
}
