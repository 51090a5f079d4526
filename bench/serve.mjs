// `trackplan serve` under load, on 127.0.0.1: batches of 100 messages (about 1 KB each, 5% wrong)
// sent over keep-alive connections for BENCH_SECONDS (default 60), then single-message requests;
// throughput, latency, the server's RSS along the way (flat memory), and its CPU time per message
// against `trackplan audit` on the same messages. The load generator is this process (Node's
// http with a keep-alive agent), on the same 2 cores as the server: the figures are a floor.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../dist/index.js';
import { writeCorpus } from './audit-corpus.mjs';
import { report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SINGLE_SECONDS = Number(process.env.BENCH_SERVE_SINGLE_SECONDS ?? Math.min(SECONDS, 20));
const BATCH = 100;
const CONNECTIONS = Number(process.env.BENCH_SERVE_CONNECTIONS ?? 8);
const BASE = 20_000;
const dir = fileURLToPath(new URL('./out/serve/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
mkdirSync(dir, { recursive: true });
const planFile = `${dir}plan.yaml`;
writeFileSync(planFile, syntheticPlan(50));
const { plan } = await loadPlan(planFile);
await writeCorpus(`${dir}base.ndjson`, BASE, plan.events.map((e) => e.name));
const lines = readFileSync(`${dir}base.ndjson`, 'utf8').trimEnd().split('\n');
const batches = [];
for (let i = 0; i < lines.length; i += BATCH) batches.push(Buffer.from(`{"batch":[${lines.slice(i, i + BATCH).join(',')}]}`));

// The server, as a user starts it (not watching: the bench measures the traffic alone).
// BENCH_SERVE_NODE_ARGS='--cpu-prof --cpu-prof-dir=bench/out/serve' profiles the server.
const nodeArgs = process.env.BENCH_SERVE_NODE_ARGS ? process.env.BENCH_SERVE_NODE_ARGS.split(' ') : [];
// BENCH_SERVE_ARGS adds flags of serve's own (`--max-messages 1000`: how much the store's size costs).
const serveArgs = process.env.BENCH_SERVE_ARGS ? process.env.BENCH_SERVE_ARGS.split(' ') : [];
const server = spawn(process.execPath, [...nodeArgs, bin, 'serve', planFile, '--port', '0', '--no-watch', ...serveArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = new URL(await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve)));
const proc = (field) => readFileSync(`/proc/${server.pid}/${field}`, 'utf8');
/** The server's CPU time (user + system) so far, in seconds. */
const cpu = () => {
  const f = proc('stat').slice(proc('stat').lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(proc('status'))[1]) / 1024;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function send(path, body) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t) / 1e6) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `connections` clients, each sending the next body as soon as the last is answered, for `seconds`. */
async function load(seconds, connections, path, bodies, perRequest, onSecond = () => undefined) {
  const latencies = [];
  let next = 0;
  let requests = 0;
  const end = Date.now() + seconds * 1000;
  const tick = setInterval(onSecond, 1000);
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < end) {
      latencies.push(await send(path, bodies[next++ % bodies.length]));
      requests++;
    }
  }));
  clearInterval(tick);
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests, messages: requests * perRequest, p50: q(0.5), p99: q(0.99), seconds };
}

// Warm up (the JIT, the store's first growth), then measure.
await load(2, CONNECTIONS, '/v1/batch', batches, BATCH);
const rss = [['start', rssMb()]];
const cpu0 = cpu();
let second = 0;
const batched = await load(SECONDS, CONNECTIONS, '/v1/batch', batches, BATCH, () => {
  if (++second === Math.round(SECONDS / 2)) rss.push(['middle', rssMb()]);
});
const cpuBatched = cpu() - cpu0;
rss.push(['end', rssMb()]);
const singles = lines.map((l) => Buffer.from(l));
const single = SINGLE_SECONDS <= 0 ? undefined : await load(SINGLE_SECONDS, CONNECTIONS * 2, '/v1/track', singles, 1);
const status = await (await fetch(`${url.origin}/trackplan/status`)).json();
server.kill('SIGTERM');
await new Promise((resolve) => server.on('close', resolve));

// `trackplan audit` on the same messages, as many as the batched run checked: its CPU time (all
// threads, spawn to exit) from the shell's `times`.
const corpus = `${dir}same.ndjson`;
const copies = Math.ceil(batched.messages / lines.length);
writeFileSync(corpus, '');
for (let i = 0; i < copies; i++) writeFileSync(corpus, `${lines.join('\n')}\n`, { flag: 'a' });
const timed = spawnSync('bash', ['-c', `"$0" "$1" audit "$2" "$3" --format json > /dev/null; times`, process.execPath, bin, planFile, corpus], { encoding: 'utf8' });
const [, user, sys] = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(timed.stdout) ? (() => {
  const m = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(timed.stdout);
  return [null, Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])];
})() : [null, NaN, NaN];
const auditPerMsg = (user + sys) / (copies * lines.length);
const servePerMsg = cpuBatched / batched.messages;

const n = (x) => Math.round(x).toLocaleString('en-US');
const met = (ok) => (ok ? 'met' : 'MISSED');
const growth = rss.at(-1)[1] - rss[0][1];
report(`serve: ${BATCH}-message batches over ${CONNECTIONS} keep-alive connections for ${SECONDS} s, then single messages over ${CONNECTIONS * 2} for ${SINGLE_SECONDS} s, ${availableParallelism()} cores`, [
  ['batched: messages/s', `${n(batched.messages / SECONDS)} (target ≥ 20,000: ${met(batched.messages / SECONDS >= 20_000)})`],
  ['batched: latency p50 / p99', `${batched.p50.toFixed(1)} ms / ${batched.p99.toFixed(1)} ms (target p99 < 50 ms: ${met(batched.p99 < 50)})`],
  ['server RSS start / middle / end', `${rss.map(([, v]) => `${v.toFixed(0)} MB`).join(' / ')} (store: ${n(status.messages.stored)} messages held of ${n(status.messages.received)})`],
  ['single messages: requests/s', single ? `${n(single.requests / SINGLE_SECONDS)} (target ≥ 5,000: ${met(single.requests / SINGLE_SECONDS >= 5000)}), p50 ${single.p50.toFixed(1)} ms, p99 ${single.p99.toFixed(1)} ms` : 'not run'],
  ['CPU per message: serve (batched)', `${(servePerMsg * 1e6).toFixed(1)} µs`],
  ['CPU per message: trackplan audit, same messages', `${(auditPerMsg * 1e6).toFixed(1)} µs (${n(copies * lines.length)} messages, whole process)`],
  ['ratio serve / audit', `${(servePerMsg / auditPerMsg).toFixed(2)}x (target ≤ 2x: ${met(servePerMsg / auditPerMsg <= 2)})`],
]);
if (growth > 0) console.log(`  (RSS grew ${growth.toFixed(0)} MB over the run; the store fills to --max-messages, 100,000 by default, then holds)`);
