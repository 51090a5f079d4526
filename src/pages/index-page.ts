import type { MessageDef, Plan } from '../model/plan.js';
import { esc } from './html.js';
import { KIND_WORDS, messageTitle } from './message-page.js';

/** One row of the index's table of messages. */
export interface IndexRow {
  message: MessageDef;
  plan: Plan;
  href: string;
  changed: boolean;
  /** Several plans: a column names each row's plan. */
  multi: boolean;
  /** Lower-case text the search box matches. */
  search: string;
}

/**
 * The index: each plan's section, then one table of every message. The search form is hidden
 * until the script shows it; without the script the table is the whole, readable list.
 * Filters are data attributes the script compares; their text is escaped like any other.
 */
export function indexPageBody(sections: readonly string[], rows: readonly IndexRow[]): string {
  const owners = [...new Set(rows.map((r) => r.message.owner).filter((o): o is string => o !== undefined))].sort();
  const labels = [...new Set(rows.flatMap((r) => labelKeys(r.message)))].sort();
  const kinds = [...new Set(rows.map((r) => r.message.kind))];
  const multi = rows.some((r) => r.multi);
  const option = (v: string, text = v) => `<option value="${esc(v)}">${esc(text)}</option>`;
  const form = `<form id="search" class="search" role="search" hidden aria-label="Search messages">
<label>Search <input type="search" id="q" placeholder="name, description, owner, property" autocomplete="off"></label>
<label>Kind <select id="kind"><option value="">all</option>${kinds.map((k) => option(k, KIND_WORDS[k as MessageDef['kind']])).join('')}</select></label>
<label>Owner <select id="owner"><option value="">all</option>${owners.map((o) => option(o)).join('')}</select></label>
<label>Label <select id="label"><option value="">all</option>${labels.map((l) => option(l)).join('')}</select></label>
<label>Status <select id="deprecation"><option value="">all</option>${option('no', 'current')}${option('yes', 'deprecated')}</select></label>
<output id="shown" aria-live="polite"></output>
</form>`;
  const body = rows.map((r) => {
    const m = r.message;
    const status = [m.deprecated !== undefined ? '<span class="deprecated">deprecated</span>' : '', r.changed ? '<span class="changed">changed</span>' : ''].filter(Boolean).join(' ');
    const labelText = Object.entries(m.labels).map(([k, v]) => `<span class="tag">${esc(`${k}: ${String(v)}`)}</span>`).join('');
    return `<tr data-search="${esc(r.search)}" data-owner="${esc(m.owner ?? '')}" data-labels="${esc(labelKeys(m).join('\n'))}" data-deprecated="${m.deprecated !== undefined ? 'yes' : 'no'}" data-kind="${m.kind}"><th scope="row"><a href="${esc(r.href)}">${esc(messageTitle(m))}</a></th><td>${esc(KIND_WORDS[m.kind])}</td>${multi ? `<td>${esc(r.plan.name ?? r.plan.file)}</td>` : ''}<td>${esc(m.owner ?? '')}</td><td>${labelText}</td><td>${esc(m.description ?? '')}</td><td>${status}</td></tr>`;
  });
  return `<header><h1>${multi ? 'Tracking plans' : esc(rows[0]?.plan.name ?? 'Tracking plan')}</h1></header>
<main id="main">
${sections.join('\n')}
<section aria-labelledby="all"><h2 id="all">Messages</h2>
${form}
<table id="messages"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th>${multi ? '<th scope="col">Plan</th>' : ''}<th scope="col">Owner</th><th scope="col">Labels</th><th scope="col">Description</th><th scope="col">Status</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></section>
</main>
<footer class="muted"><p>Written by <code>trackplan docs</code> from the plan; do not edit.</p></footer>`;
}

/** A message's labels as the filter offers them: `key: value`. */
function labelKeys(m: MessageDef): string[] {
  return Object.entries(m.labels).map(([k, v]) => `${k}: ${String(v)}`);
}
