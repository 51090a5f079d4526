import { yamlLib } from '../load/yaml-lib.js';

/** What a new plan starts from: nothing, or the text of a bundled spec plan. */
export interface StarterOptions {
  /** The new plan's `name:`. */
  name: string;
  /** The format schema as the new file should name it (relative to the file), for editors. */
  schemaPath: string;
  /** The spec it starts from: its name (`segment/ecommerce`) and the text of its plan. */
  from?: { spec: string; text: string };
}

/** The YAML of a new plan. Pure: the same options give the same text. */
export function starterPlan(o: StarterOptions): string {
  return o.from ? fromSpec(o, o.from) : blank(o);
}

function blank(o: StarterOptions): string {
  return `# yaml-language-server: $schema=${o.schemaPath}
#
# The tracking plan of ${o.name}: every event, page and identify call the product sends.
# \`npx trackplan check\` checks it; \`npx trackplan generate\` makes a typed client of it.
trackplan: 1
name: ${JSON.stringify(o.name)}
version: "0.1.0"
description: ${JSON.stringify(`Tracking plan of ${o.name}.`)}
strict: true

# Properties several events share, defined once and used by name.
properties: {}

events:
  Signed Up:
    description: A visitor created an account.
    properties:
      method:
        type: string
        description: How the account was created.
        examples: [email]
`;
}

/**
 * The spec's plan as the team's own: the spec's events, properties, comments and layout kept
 * byte for byte, its own name, a first version and a header saying where it came from and how
 * to list what the team changes.
 */
function fromSpec(o: StarterOptions, from: { spec: string; text: string }): string {
  const { parseDocument, isMap, isScalar } = yamlLib();
  const doc = parseDocument(from.text);
  const edits: { start: number; end: number; text: string }[] = [];
  const set: Record<string, string> = { name: o.name, version: '0.1.0', description: `Tracking plan of ${o.name}, started from ${from.spec}.` };
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as { range?: [number, number, number] } | null;
      if (set[key] !== undefined && value?.range) edits.push({ start: value.range[0], end: value.range[1], text: JSON.stringify(set[key]) });
    }
  }
  let text = from.text;
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  const header = [
    `# yaml-language-server: $schema=${o.schemaPath}`,
    '#',
    `# The tracking plan of ${o.name}, started from trackplan's ${from.spec}: Segment's spec as it`,
    '# is published, nothing required, other keys allowed (strict: false). Make it yours: remove',
    '# what you do not send, add your own events, and tighten what you want enforced (a property',
    '# required, a list of values, strict: true), writing why beside each change.',
    `# \`npx trackplan diff ${from.spec} <this file>\` lists every place it refuses what the spec allows.`,
    '# The comments below are the spec plan\'s: where the page contradicts itself, the reading taken.',
  ].join('\n');
  // The spec plan's own header (what the page is, how it was read) gives way to this one.
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  return `${header}\n${lines.slice(Math.max(first, 0)).join('\n')}`;
}
