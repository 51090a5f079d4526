import { compilePlan, MANIFEST_FILE, type Manifest } from '../compile/compile-plan.js';
import { allMessages, type Plan } from '../model/plan.js';

/**
 * Where each message's page is in the docs site of this plan alone (`track/<slug>.html`), by
 * `type\0event` as audit reports name messages: the schema files' names, which `compile`
 * chooses (collisions included), with `.html`.
 */
export function sitePagePaths(plan: Plan): Map<string, string> {
  const compiled = compilePlan(plan);
  const manifest = JSON.parse(compiled.find((f) => f.path === MANIFEST_FILE)!.contents) as Manifest;
  const out = new Map<string, string>();
  allMessages(plan).forEach((m, i) => out.set(`${m.kind}\u0000${m.kind === 'identify' || m.kind === 'group' ? '' : m.name}`, manifest.messages[i]!.file.replace(/\.json$/, '.html')));
  return out;
}
