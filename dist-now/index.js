export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { loadPlan, FORMAT_VERSION } from './load/load-plan.js';
export { nodeHost } from './load/host.js';
export { planFormatSchema } from './load/format-schema.js';
export { allMessages, FORMATS, PRIMITIVES } from './model/plan.js';
export { compilePlan, MANIFEST_FILE } from './compile/compile-plan.js';
export { messageSchema } from './compile/message-schema.js';
export { slugFor } from './compile/slug.js';
export { formatDiagnostics } from './report/diagnostics-text.js';
export { diagnosticsJson } from './report/diagnostics-json.js';
//# sourceMappingURL=index.js.map