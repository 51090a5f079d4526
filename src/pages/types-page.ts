import { slugFor } from '../compile/slug.js';
import type { Origin, Plan } from '../model/plan.js';
import { esc } from './html.js';
import { type Location, locationHtml, typeHtml } from './message-page.js';
import { allowedWords } from './shape-words.js';

/** The page of a plan's named types: a section each (`#type-<slug>`), linked from every use. */
export function typesPageBody(i: { plan: Plan; root: string; where: (o: Origin) => Location }): string {
  const types = [...i.plan.types.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const link = { typesHref: '' };
  const sections = types.map((t) => {
    const s = t.shape;
    const rows = (s.properties ?? []).map((f) => `<tr><th scope="row"><code>${esc(f.name)}</code></th><td>${typeHtml(link, f.shape)}</td><td>${f.required ? 'required' : 'optional'}</td><td>${esc(allowedWords(f.shape).join('; '))}</td><td>${esc(f.shape.description ?? '')}</td></tr>`);
    const table = rows.length > 0 ? `<table><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Allowed</th><th scope="col">Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '';
    const allowed = allowedWords(s);
    return `<section aria-labelledby="type-${slugFor(t.name)}"><h2 id="type-${slugFor(t.name)}">${esc(t.name)}</h2>${s.description !== undefined ? `<p>${esc(s.description)}</p>` : ''}<dl class="facts"><dt>Type</dt><dd>${typeHtml(link, s)}</dd>${allowed.length > 0 ? `<dt>Allowed</dt><dd>${esc(allowed.join('; '))}</dd>` : ''}<dt>Defined at</dt><dd>${locationHtml(i.where(t.origin))}</dd></dl>${table}</section>`;
  });
  return `<header><nav class="crumbs" aria-label="Breadcrumb"><a href="${i.root}index.html">${esc(i.plan.name ?? 'Tracking plan')}</a> › types</nav><h1>Named types</h1></header>
<main id="main">
${sections.length > 0 ? sections.join('\n') : '<p class="muted">This plan names no types.</p>'}
</main>`;
}
