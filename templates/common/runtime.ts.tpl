{{header}}
/** One way a value departs from the plan. */
export interface Violation {
  /** Where, as a JSON path inside the message: `properties.products[2].price`. */
  path: string;
  /** A stable id: `type-mismatch`, `null-not-allowed`, `missing-required`, `unplanned-property`, `not-in-enum`, `const-mismatch`, `pattern-mismatch`, `format-mismatch`, `out-of-range`, `length-out-of-range` or `not-unique`. */
  rule: string;
  message: string;
  /** The offending value (undefined for a missing property). */
  value: unknown;
}

/** What a violation handler receives. */
export interface ViolationReport {
  /** The call: track, identify, group, page or screen. */
  type: 'track' | 'identify' | 'group' | 'page' | 'screen';
  /** The event, page or screen name; empty for identify and group. */
  name: string;
  violations: readonly Violation[];
  /** The properties or traits as they were passed. */
  payload: unknown;
}

/** Receives every call that departs from the plan. Violations never block sending unless it throws. */
export type ViolationHandler = (report: ViolationReport) => void;

/** The plan this client was generated from; every call carries it as `context.trackplan`. */
export const trackplanContext = { plan: {{planName}}, version: {{planVersion}} } as const;

// Declared here so the generated code compiles without DOM or Node.js type libraries.
declare const process: { env: { NODE_ENV?: string } };
declare const console: { warn(...data: unknown[]): void };

function nodeEnv(): string | undefined {
  try {
    // Written out in full so bundlers replace it with a constant and drop dev-only checks.
    return process.env.NODE_ENV;
  } catch {
    return undefined; // a browser without a bundler: no `process`
  }
}

/** Warns on the console; under NODE_ENV=test it throws instead, so test suites fail loudly. */
export function defaultViolationHandler(report: ViolationReport): void {
  const what = report.type === 'track' ? `Event ${JSON.stringify(report.name)}` : report.name ? `${report.type} ${JSON.stringify(report.name)}` : `${report.type} call`;
  const lines = report.violations.map((v) => `  - ${v.path}: ${v.message} [${v.rule}]`);
  const text = `trackplan: ${what} does not match the tracking plan (${trackplanContext.plan} ${trackplanContext.version}):\n${lines.join('\n')}`;
  if (nodeEnv() === 'test') throw new Error(text);
  console.warn(text);
}

let handler: ViolationHandler = defaultViolationHandler;

/** Replace the violation handler; returns the one it replaces. */
export function onViolation(next: ViolationHandler): ViolationHandler {
  const previous = handler;
  handler = next;
  return previous;
}

// Set by setValidation; undefined leaves the choice to the generate-time mode.
let validation: boolean | undefined;

/**
 * Turn checking on or off at run time, whatever `NODE_ENV` says: `true` in a minified staging
 * build (bundlers set `NODE_ENV` to "production" when they minify), `false` to silence it,
 * `undefined` to go back to the mode it was generated with ({{validateMode}}). Returns the
 * previous setting. A client generated with `--validate never` has no validators to run.
 */
export function setValidation(on: boolean | undefined): boolean | undefined {
  const previous = validation;
  validation = on;
  if (on === true && !{{hasValidators}}) console.warn('trackplan: setValidation(true) has no effect: this client was generated with --validate never and has no validators.');
  return previous;
}

/** Whether calls are checked now: as `setValidation` says, else {{validateMode}}. */
export function isValidating(): boolean {
  return {{hasValidators}} && (validation ?? {{validateCondition}});
}

/** Check a payload and report violations to the handler. Internal to the generated client. */
export function checkPayload(type: ViolationReport['type'], name: string, payload: unknown, validate: (value: unknown) => Violation[]): void {
  if (!isValidating()) return;
  const violations = validate(payload);
  if (violations.length > 0) handler({ type, name, violations, payload });
}
