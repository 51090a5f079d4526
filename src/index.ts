/**
 * trackplan's library API. Every function returns data and diagnostics; none prints,
 * exits or reads the environment. The CLI in `src/cli/` is one client of this API.
 */
export type { Diagnostic, PlanPath, Position, Severity, SourceRange } from './diagnostics/diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { type LoadOptions, type LoadResult, loadPlan, FORMAT_VERSION } from './load/load-plan.js';
export { type FileHost, nodeHost } from './load/host.js';
export { planFormatSchema } from './load/format-schema.js';
export type { Field, Format, MessageDef, MessageKind, NamedType, Origin, Plan, Primitive, Shape, TypeRef } from './model/plan.js';
export { allMessages, FORMATS, PRIMITIVES } from './model/plan.js';
export { type CompileOptions, compilePlan, type GeneratedFile, type Manifest, type ManifestEntry, MANIFEST_FILE } from './compile/compile-plan.js';
export { messageSchema } from './compile/message-schema.js';
export type { Draft, JsonSchema } from './compile/shape-schema.js';
export { slugFor } from './compile/slug.js';
export { formatDiagnostics, type FormatDiagnosticsOptions } from './report/diagnostics-text.js';
export { diagnosticsJson } from './report/diagnostics-json.js';
export { buildSite, type SiteOptions, type SitePlan } from './pages/site.js';
export { inferInputs } from './infer/infer.js';
export { type InferSummary, mergeInferSummaries } from './infer/summary.js';
export { type GuessOptions, guessProperty, type PropertyGuess } from './infer/guess.js';
export { writePlan, type WritePlanOptions } from './infer/write-plan.js';
export { type DriftChange, type DriftResult, planDrift } from './infer/drift.js';
export { type FileCalls, findCalls, type FoundCall } from './status/find-calls.js';
export { generatedFunctions, planStatus, type StatusResult } from './status/status.js';
export { unifiedDiff } from './report/unified-diff.js';
