import { createHash } from 'node:crypto';

// The live page at `GET /`: one self-contained document (no fetch of anything but this server's
// own API), so it works offline and behind any firewall. Everything a message brings is put on
// the page as text (textContent), never as markup; the Content-Security-Policy allows only this
// script and this style, so even a mistake there could not run what a message carries.

const STYLE = `
:root { color-scheme: light dark; --bad: #c62828; --ok: #2e7d32; --muted: #777; --line: #8884; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; }
header { padding: 10px 16px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; }
header h1 { font-size: 16px; margin: 0; }
.muted { color: var(--muted); }
main { display: grid; grid-template-columns: minmax(0, 1fr) 280px; }
section, aside { padding: 10px 16px; }
aside { border-left: 1px solid var(--line); }
aside h2, section h2 { font-size: 14px; margin: 8px 0; }
aside ul { list-style: none; padding: 0; margin: 0 0 12px; }
aside li { padding: 1px 0; }
.seen::before { content: "\\2713  "; color: var(--ok); }
.unseen::before { content: "\\2717  "; color: var(--muted); }
.filters { display: flex; gap: 12px; margin-bottom: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.when, td.seq { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.invalid td.verdict { color: var(--bad); font-weight: 600; }
tr.valid td.verdict { color: var(--ok); }
tr.invalid { background: #c6282814; }
.violation { font-family: ui-monospace, monospace; font-size: 12px; }
.violation .where { color: var(--bad); }
#state.down { color: var(--bad); }
`;

const SCRIPT = `
"use strict";
const MAX_ROWS = 1000;
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = String(text); return e; };
let generation = 0;
let events = new Set();
let refreshTimer = 0;
// A message can come both in the store read at (re)connection and on the stream: shown once.
const shownSeq = new Set();

function nameOf(m) {
  const b = m.message;
  if (b.type === 'track') return typeof b.event === 'string' ? b.event : '';
  if (b.type === 'page' || b.type === 'screen') return typeof b.name === 'string' ? b.name : '';
  return '';
}
function label(m) { const n = nameOf(m); return n === '' ? m.message.type : m.message.type + ' ' + n; }
function where(v) {
  if (!v.plan) return '';
  return v.plan.file + (v.plan.range ? ':' + v.plan.range.start.line : '');
}

function addRow(m) {
  if (m.generation !== generation || shownSeq.has(m.seq)) return;
  shownSeq.add(m.seq);
  const tr = el('tr', m.valid ? 'valid' : 'invalid');
  tr.dataset.event = label(m);
  tr.dataset.valid = String(m.valid);
  tr.dataset.seq = String(m.seq);
  tr.appendChild(el('td', 'seq', m.seq));
  tr.appendChild(el('td', 'when', m.receivedAt.slice(11, 23)));
  tr.appendChild(el('td', 'event', label(m)));
  tr.appendChild(el('td', 'verdict', m.valid ? 'valid' : 'invalid'));
  const found = el('td', 'violations');
  for (const v of m.violations) {
    const d = el('div', 'violation');
    d.appendChild(el('span', 'code', v.code + ' '));
    d.appendChild(el('span', 'path', v.path + ': '));
    d.appendChild(el('span', 'message', v.message + ' '));
    if (v.plan) d.appendChild(el('span', 'where', where(v)));
    found.appendChild(d);
  }
  tr.appendChild(found);
  const body = $('rows');
  body.insertBefore(tr, body.firstChild);
  while (body.childElementCount > MAX_ROWS) { shownSeq.delete(Number(body.lastChild.dataset.seq)); body.removeChild(body.lastChild); }
  if (!events.has(tr.dataset.event)) { events.add(tr.dataset.event); fillEvents(); }
  show(tr);
  $('shown').textContent = String(body.childElementCount);
}

function fillEvents() {
  const select = $('event');
  const chosen = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const name of [...events].sort()) { const o = el('option', '', name); o.value = name; select.appendChild(o); }
  select.value = events.has(chosen) ? chosen : '';
}

function show(tr) {
  const ev = $('event').value, verdict = $('verdict').value;
  tr.hidden = (ev !== '' && tr.dataset.event !== ev) || (verdict !== '' && tr.dataset.valid !== String(verdict === 'valid'));
}
function filter() { for (const tr of $('rows').children) show(tr); }

async function json(path) {
  const r = await fetch(path, { cache: 'no-store' });
  if (!r.ok) throw new Error(path + ': ' + r.status);
  return r.json();
}

async function reload() {
  const status = await json('/trackplan/status');
  generation = status.generation;
  $('rows').replaceChildren();
  shownSeq.clear();
  const list = await json('/trackplan/messages?limit=' + MAX_ROWS);
  for (const m of list) addRow(m);
  await refresh(status);
}

async function refresh(known) {
  const status = known || await json('/trackplan/status');
  if (status.generation !== generation) return reload();
  $('plan').textContent = status.plan.file + (status.plan.name ? ' (' + status.plan.name + (status.plan.version ? ' ' + status.plan.version : '') + ')' : '');
  $('revision').textContent = String(status.plan.revision);
  $('generation').textContent = String(status.generation);
  $('received').textContent = String(status.messages.generation);
  const report = await json('/trackplan/report?format=json');
  $('invalid').textContent = String(report.totals.invalid);
  const missing = new Set(report.coverage.missing);
  const seen = report.messages.filter((s) => s.type === 'track' && s.planned).map((s) => s.event).filter((n) => !missing.has(n)).sort();
  $('coverage').textContent = report.coverage.seen + ' of ' + report.coverage.planned + ' planned events seen';
  const list = (id, names, cls) => { const ul = $(id); ul.replaceChildren(...names.map((n) => el('li', cls, n))); };
  list('seen', seen, 'seen');
  list('missing', [...missing].sort(), 'unseen');
}

function later() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = 0; refresh().catch(down); }, 300);
}
function down(e) { $('state').textContent = 'disconnected (' + (e && e.message ? e.message : 'stream closed') + '), retrying'; $('state').className = 'down'; }

function connect() {
  const source = new EventSource('/trackplan/events');
  source.addEventListener('hello', () => {
    $('state').textContent = 'live'; $('state').className = '';
    // Messages may have arrived while the stream was down (or before it opened): read the store again.
    reload().catch(down);
  });
  source.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.generation > generation) { later(); return; }
    addRow(m);
    later();
  };
  source.onerror = () => down();
}

$('event').addEventListener('change', filter);
$('verdict').addEventListener('change', filter);
setInterval(() => refresh().catch(down), 2000);
connect();
`;

/** The live page's Content-Security-Policy: this page's own script and style only, and requests to this server only. */
export const LIVE_PAGE_CSP = `default-src 'none'; script-src '${hash(SCRIPT)}'; style-src '${hash(STYLE)}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The live page (HTML with its script and style inline). */
export const LIVE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>trackplan serve</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>trackplan serve</h1>
  <span>plan <b id="plan"></b> <span class="muted">revision <span id="revision"></span></span></span>
  <span>generation <b id="generation"></b></span>
  <span><b id="received">0</b> messages, <b id="invalid">0</b> invalid</span>
  <span id="state" class="muted">connecting</span>
  <span><a href="/trackplan/report?format=html">Report with charts</a> (<a href="/trackplan/report?format=html&amp;generation=all">all generations</a>)</span>
</header>
<main>
  <section>
    <div class="filters">
      <label>Event <select id="event"><option value="">all</option></select></label>
      <label>Verdict <select id="verdict"><option value="">all</option><option value="valid">valid</option><option value="invalid">invalid</option></select></label>
      <span class="muted"><span id="shown">0</span> shown (newest first, at most 1,000)</span>
    </div>
    <table>
      <thead><tr><th>#</th><th>received</th><th>message</th><th>verdict</th><th>violations (plan file:line)</th></tr></thead>
      <tbody id="rows"></tbody>
    </table>
  </section>
  <aside>
    <h2>Coverage</h2>
    <div id="coverage"></div>
    <h2>Seen</h2>
    <ul id="seen"></ul>
    <h2>Not seen</h2>
    <ul id="missing"></ul>
  </aside>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

function hash(text: string): string {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}
