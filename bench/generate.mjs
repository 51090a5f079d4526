// `trackplan generate` on a 500-event plan, the size of each event in a minified bundle, and
// the cost of one validation, against ajv on the same schemas.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { build } from 'esbuild';
import { compilePlan, loadPlan } from '../dist/index.js';
import { generateClient } from '../dist/codegen/generate.js';
import { loadValidators, validatorModule } from '../dist/compile/validator/module.js';
import { loadTemplates } from '../dist/cli/templates-dir.js';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const EVENTS = 500;
const TYPEWRITER_SECONDS = 10; // Typewriter on a 500-event plan, as measured in issue #3
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = fileURLToPath(new URL('./out/generate/', import.meta.url));
const bin = `${root}dist/cli/bin.js`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}plan.yaml`, syntheticPlan(EVENTS));

const wall = (args, cwd) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};

// 1. Generate, as a user runs it (a fresh folder each time, so every file is written).
const gens = [];
for (let i = 0; i < 5; i++) gens.push(wall([bin, 'generate', 'plan.yaml', '--out', `client-${i}`, '--client', 'analytics-next'], dir));
const genWall = median(gens);
const { plan } = await loadPlan(`${dir}plan.yaml`);
const templates = await loadTemplates();
const inProc = [];
let files;
for (let i = 0; i < 5; i++) {
  const t = process.hrtime.bigint();
  files = await generateClient(plan, { client: 'analytics-next', validate: 'dev', templates, planFile: 'plan.yaml', command: 'bench' });
  inProc.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const validatorsBytes = files.find((f) => f.path === 'validators.ts').contents.length;

// 2. ajv standalone on the same plan's compiled schemas, the approach we did not take.
const addFormats = addFormatsModule.default;
const schemas = compilePlan(plan).filter((f) => f.path !== 'index.json').map((f, i) => ({ ...JSON.parse(f.contents), $id: `https://bench.invalid/s${i}.json` }));
let t = process.hrtime.bigint();
const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: true, allowUnionTypes: true, strict: false });
addFormats(ajv);
for (const s of schemas) ajv.addSchema(s);
const standalone = standaloneCode.default(ajv, Object.fromEntries(schemas.map((s, i) => [`v${i}`, s.$id])));
const ajvMs = Number(process.hrtime.bigint() - t) / 1e6;

// 3. Bytes per event in a minified browser bundle: one event imported, minus none.
const client = `${dir}client-0`;
const bundleOf = async (code, env) => {
  const r = await build({ stdin: { contents: code, resolveDir: client, loader: 'ts' }, bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', external: ['@segment/analytics-next'], define: { 'process.env.NODE_ENV': JSON.stringify(env) }, logLevel: 'silent', absWorkingDir: root, nodePaths: [`${root}node_modules`] });
  return r.outputFiles[0].contents;
};
const { functionName } = await import('../dist/model/names.js');
const uses = (events) => `import { ${events.map((e, i) => `${functionName(e)} as f${i}`).join(', ')} } from './index.js'; console.log(${events.map((_e, i) => `f${i}`).join(', ')});`;
const base = await bundleOf("import { setAnalytics } from './index.js'; setAnalytics({});", 'development');
const first = [];
const further = [];
const furtherGz = [];
for (let i = 0; i < 20; i++) {
  // The first event brings the runtime and the validator helpers; each further one, only itself.
  const one = await bundleOf(uses([plan.events[i]]), 'development');
  const two = await bundleOf(uses([plan.events[i], plan.events[i + 100]]), 'development');
  first.push(one.length);
  further.push(two.length - one.length);
  furtherGz.push(gzipSync(two).length - gzipSync(one).length);
}
const allEvents = await bundleOf("export * from './index.js';", 'development');

// 4. One validation: ours against ajv's, on a valid Order-like payload of the first event.
const mod = validatorModule(plan, { typed: false });
const ours = (await loadValidators(mod)).get(plan.events[0]);
const ajvRun = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
addFormats(ajvRun);
const full = JSON.parse(compilePlan(plan).find((f) => f.path.startsWith('track/') && JSON.parse(f.contents).title === plan.events[0].name).contents);
// The same job for both: the properties object, with the named types it refers to.
const theirs = ajvRun.compile({ ...full.properties.properties, definitions: full.definitions });
const payload = { id_0: 'x', currency: 'EUR', revenue: 10, source: 'web', count: 3, label: null, kind: 'b', items: [{ item_id: 'i1', price: 3, quantity: 1, tags: ['a'] }], placed_at: '2026-11-26T10:00:00Z', meta: { ref: 'r', flag: true } };
if (ours(payload).length !== 0 || !theirs(payload)) throw new Error(`bench payload is not valid: ${JSON.stringify(ours(payload))}`);
const timeIt = (fn) => {
  for (let i = 0; i < 20000; i++) fn(payload);
  const n = 200000;
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(payload);
  return Number(process.hrtime.bigint() - s) / n / 1000;
};
const oursUs = timeIt(ours);
const ajvUs = timeIt(theirs);

report(`generate on a synthetic ${EVENTS}-event plan`, [
  ['`trackplan generate` wall (median of 5)', `${genWall.toFixed(0)} ms  (target < 1000 ms: ${genWall < 1000 ? 'met' : 'MISSED'}; Typewriter ~${TYPEWRITER_SECONDS} s: ${(TYPEWRITER_SECONDS * 1000 / genWall).toFixed(0)}x faster)`],
  ['generateClient in-process (median)', `${median(inProc).toFixed(0)} ms`],
  ['validators.ts for all events', `${(validatorsBytes / 1024).toFixed(0)} KiB of TypeScript`],
  ['ajv standalone for the same schemas', `${ajvMs.toFixed(0)} ms, ${(standalone.length / 1048576).toFixed(1)} MiB (not used)`],
  ['bundle: setAnalytics alone (min)', `${base.length} B`],
  ['bundle: first event, with runtime (min)', `median ${median(first)} B`],
  ['bundle: each further event (min, 20 samples)', `median ${median(further)} B, max ${Math.max(...further)} B; gzip median ${median(furtherGz)} B`],
  ['bundle: all 500 events (min)', `${(allEvents.length / 1024).toFixed(0)} KiB`],
  ['one validation (valid payload)', `${oursUs.toFixed(2)} µs ours, ${ajvUs.toFixed(2)} µs ajv (${(ajvUs / oursUs).toFixed(1)}x)`],
]);
