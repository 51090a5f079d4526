import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { DiffFinding } from '../diff/diff.js';
import { functionName } from '../model/names.js';
import { type Field, type MessageDef, type Plan, resolveNamed, type Shape } from '../model/plan.js';
import { effectiveFields } from '../model/segment-spec.js';
import { slugFor } from '../compile/slug.js';
import { esc } from './html.js';
import { allowedWords, typeWords } from './shape-words.js';

/** What a message page needs besides the plan: links, the example and its check, the changes. */
export interface MessagePageInput {
  plan: Plan;
  message: MessageDef;
  /** Path from this page to the site's top (`../`), and to the plan's types page. */
  root: string;
  typesHref: string;
  schemaHref: string;
  /** The example payload, when the plan's validator accepted it; else why not. */
  example: { payload: Record<string, unknown> } | { rejected: string };
  where: Location;
  changes: readonly DiffFinding[];
}

/** A place in a plan file, shown as file:line and linked when `--repo-url` was given. */
export interface Location {
  file: string;
  range?: SourceRange;
  href?: string;
}

/** Title of a message as its page names it. */
export function messageTitle(m: MessageDef): string {
  return m.kind === 'identify' ? 'Identify traits' : m.kind === 'group' ? 'Group traits' : m.name;
}

/** The kind in words. */
export const KIND_WORDS: Record<MessageDef['kind'], string> = { track: 'event', page: 'page', screen: 'screen', identify: 'identify', group: 'group' };

export function locationHtml(w: Location): string {
  const text = `${w.file}${w.range ? `:${w.range.start.line}:${w.range.start.col}` : ''}`;
  return w.href ? `<a href="${esc(w.href)}"><code>${esc(text)}</code></a>` : `<code>${esc(text)}</code>`;
}

/** The body of a message's page. */
export function messagePageBody(i: MessagePageInput): string {
  const m = i.message;
  const title = messageTitle(m);
  const facts: [string, string][] = [['Kind', esc(KIND_WORDS[m.kind])]];
  if (m.owner !== undefined) facts.push(['Owner', esc(m.owner)]);
  const labels = Object.entries(m.labels);
  if (labels.length > 0) facts.push(['Labels', labels.map(([k, v]) => `<span class="tag">${esc(`${k}: ${String(v)}`)}</span>`).join('')]);
  if (m.deprecated !== undefined) facts.push(['Deprecated', `<span class="deprecated">${esc(m.deprecated === true ? 'yes' : `yes: ${m.deprecated}`)}</span>`]);
  facts.push(['Keys not in the plan', m.strict ? 'a violation (strict)' : 'allowed']);
  facts.push(['Defined at', locationHtml(i.where)]);
  const sections: string[] = [];
  sections.push(`<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);
  if (i.changes.length > 0) {
    sections.push(`<section aria-labelledby="changes"><h2 id="changes">What changed</h2><ul>${i.changes.map((c) => `<li><span class="${c.impact}">${esc(c.impact)}</span> <code>${esc(c.code)}</code>: ${esc(c.message)}</li>`).join('')}</ul></section>`);
  }
  const nested: string[] = [];
  sections.push(`<section aria-labelledby="props"><h2 id="props">${m.kind === 'identify' || m.kind === 'group' ? 'Traits' : 'Properties'}</h2>${fieldsTable(i, effectiveFields(m), '', nested)}${nested.join('')}</section>`);
  sections.push(`<section aria-labelledby="example"><h2 id="example">Example payload</h2>${exampleHtml(i)}</section>`);
  sections.push(`<section aria-labelledby="call"><h2 id="call">In code</h2><p>With the client <code>trackplan generate</code> writes:</p><pre><code>${esc(clientCall(m, 'payload' in i.example ? i.example.payload : {}))}</code></pre></section>`);
  sections.push(`<section aria-labelledby="schema" class="download"><h2 id="schema">JSON Schema</h2><p><a href="${esc(i.schemaHref)}" download>Download the JSON Schema</a> (draft-07, as <code>trackplan compile</code> writes it).</p></section>`);
  return `<header><nav class="crumbs" aria-label="Breadcrumb"><a href="${i.root}index.html">${esc(i.plan.name ?? 'Tracking plan')}</a> › ${esc(KIND_WORDS[m.kind])}</nav>
<h1>${esc(title)}${m.deprecated !== undefined ? ' <span class="deprecated">(deprecated)</span>' : ''}</h1>
${m.description !== undefined ? `<p>${esc(m.description)}</p>` : '<p class="muted">No description.</p>'}</header>
<main id="main">
${sections.join('\n')}
</main>`;
}

function exampleHtml(i: MessagePageInput): string {
  if ('rejected' in i.example) return `<p class="muted">No example could be built from the plan that its validator accepts (${esc(i.example.rejected)}).</p>`;
  return `<p>Built from the plan's examples and rules; the plan's own validator accepts it.</p><pre><code>${esc(JSON.stringify(i.example.payload, null, 2))}</code></pre>`;
}

/** The call a developer writes with the generated client. */
export function clientCall(m: MessageDef, payload: Record<string, unknown>): string {
  const fn = functionName(m);
  const body = JSON.stringify(payload, null, 2);
  const args = m.kind === 'identify' ? `'user-123', ${body}` : m.kind === 'group' ? `'group-123', ${body}` : body;
  return `import { ${fn} } from './analytics';\n\n${fn}(${args});`;
}

/**
 * A table of fields; object-valued fields get a section of their own below (collected in
 * `nested`), linked from the type column.
 */
function fieldsTable(i: MessagePageInput, fields: readonly Field[], prefix: string, nested: string[]): string {
  if (fields.length === 0) return '<p class="muted">None.</p>';
  const rows = fields.map((f) => {
    const path = `${prefix}${f.name}`;
    const inner = objectFields(f.shape);
    let type = typeHtml(i, f.shape);
    if (inner) {
      const id = `f-${slugFor(path)}`;
      type += ` (<a href="#${id}">its keys</a>)`;
      nested.push(`<section aria-labelledby="${id}"><h3 id="${id}"><code>${esc(path)}</code></h3>${inner.shape.description !== undefined && inner.shape !== f.shape ? `<p>${esc(inner.shape.description)}</p>` : ''}${fieldsTable(i, inner.fields, `${path}${inner.list ? '[]' : ''}.`, nested)}</section>`);
    }
    // A named type's rules are said here too ("at least 0" for Money), not only on its own page.
    const resolved = resolveNamed(i.plan, f.shape);
    const allowed = [...allowedWords(f.shape), ...(resolved !== f.shape ? allowedWords(resolved) : [])];
    const dep = f.shape.deprecated !== undefined ? ` <span class="deprecated">deprecated${f.shape.deprecated === true ? '' : `: ${esc(f.shape.deprecated)}`}</span>` : '';
    const examples = (f.shape.examples ?? []).map((e) => `<code>${esc(JSON.stringify(e))}</code>`).join(', ');
    return `<tr><th scope="row"><code>${esc(f.name)}</code>${dep}</th><td>${type}</td><td>${f.required ? 'required' : 'optional'}</td><td>${esc(allowed.join('; '))}</td><td>${esc(f.shape.description ?? '')}</td><td>${examples}</td></tr>`;
  });
  return `<table><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Allowed</th><th scope="col">Description</th><th scope="col">Examples</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The declared keys of an object, or of a list's object items (not through named types: those have their own section). */
function objectFields(shape: Shape): { fields: readonly Field[]; list: boolean; shape: Shape } | undefined {
  if (shape.properties && shape.properties.length > 0) return { fields: shape.properties, list: false, shape };
  if (shape.items?.properties && shape.items.properties.length > 0) return { fields: shape.items.properties, list: true, shape: shape.items };
  return undefined;
}

export function typeHtml(i: { typesHref: string }, shape: Shape): string {
  return typeWords(shape)
    .map((w) => ('named' in w ? `<a href="${esc(i.typesHref)}#type-${slugFor(w.named)}">${esc(w.named)}</a>` : 'listOf' in w ? `list of ${typeHtml(i, w.listOf)}` : esc(w.text)))
    .join(' or ');
}
