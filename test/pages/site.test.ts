import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/compile/compile-plan.js';
import { loadValidators, validatorModule } from '../../src/compile/validator/module.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { allMessages, type Plan } from '../../src/model/plan.js';
import { sitePagePaths } from '../../src/pages/site-paths.js';
import { buildSite, SITE_MANIFEST, SITE_OWNED, type SitePlan } from '../../src/pages/site.js';

// The docs site as data (buildSite is pure): its structure, its escaping, its examples.
async function site(...files: string[]): Promise<{ files: GeneratedFile[]; plans: Plan[] }> {
  const plans: SitePlan[] = [];
  for (const f of files) {
    const loaded = await loadPlan(f);
    expect(loaded.plan, f).toBeDefined();
    plans.push({ plan: loaded.plan!, locate: loaded.locate });
  }
  return { files: await buildSite(plans, { displayPath: (f) => f, repoUrl: 'https://example.com/acme/plans/blob/main' }), plans: plans.map((p) => p.plan) };
}

const text = (files: GeneratedFile[], path: string) => files.find((f) => f.path === path)?.contents ?? '';
/** The hrefs of a page, resolved against its own path (`../types.html` from `track/x.html`). */
function links(files: GeneratedFile[], path: string): string[] {
  const base = new URL(path, 'file:///site/');
  return [...text(files, path).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((h) => !/^https?:/.test(h)).map((h) => new URL(h, base).pathname.replace(/^\/site\//, ''));
}
const exampleOf = (html: string) => {
  const m = /<h2 id="example">Example payload<\/h2><p>[^<]*<\/p><pre><code>([\s\S]*?)<\/code><\/pre>/.exec(html);
  return m ? (JSON.parse(m[1]!.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')) as unknown) : undefined;
};

describe('trackplan docs: the site of plans/ecommerce.yaml', () => {
  it('has a page and a schema per message, each linked from the index, and stays under 500 KB', async () => {
    const { files, plans } = await site('plans/ecommerce.yaml');
    const messages = allMessages(plans[0]!);
    const pages = files.filter((f) => f.path.endsWith('.html') && f.path !== 'index.html' && f.path !== 'types.html');
    expect(pages).toHaveLength(messages.length);
    expect(files.filter((f) => f.path.endsWith('.schema.json'))).toHaveLength(messages.length);
    const fromIndex = new Set(links(files, 'index.html'));
    for (const p of pages) expect(fromIndex, p.path).toContain(p.path);
    // Every link of every page leads to a file of the site (anchors aside).
    const paths = new Set(files.map((f) => f.path));
    for (const f of files.filter((x) => x.path.endsWith('.html'))) for (const l of links(files, f.path)) expect(paths, `${f.path} → ${l}`).toContain(l);
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.contents), 0);
    expect(bytes).toBeLessThan(500 * 1024);
    // Every file is one the manifest may own (so a later run may replace it), and it lists them all.
    for (const f of files) if (f.path !== SITE_MANIFEST) expect(f.path).toMatch(SITE_OWNED);
    expect((JSON.parse(text(files, SITE_MANIFEST)) as { files: string[] }).files).toEqual(files.filter((f) => f.path !== SITE_MANIFEST).map((f) => f.path));
  });

  it("shows an example payload on every page that the plan's own validator and the page's JSON Schema accept", async () => {
    const { files, plans } = await site('plans/ecommerce.yaml');
    const plan = plans[0]!;
    const validators = await loadValidators(validatorModule(plan, { typed: false }));
    const pages = sitePagePaths(plan);
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const checked = allMessages(plan).map((m) => {
      const page = files.find((f) => f.path === pages.get(`${m.kind}\u0000${m.kind === 'identify' || m.kind === 'group' ? '' : m.name}`))!;
      const payload = exampleOf(page.contents);
      expect(payload, page.path).toBeDefined();
      expect(validators.get(m)!(payload), page.path).toEqual([]);
      const schema = JSON.parse(text(files, page.path.replace(/\.html$/, '.schema.json'))) as { properties: Record<string, object>; definitions?: object };
      const key = m.kind === 'identify' || m.kind === 'group' ? 'traits' : 'properties';
      // The payload's part of the message schema, with the definitions its $refs point at.
      const part = { ...schema.properties[key], ...(schema.definitions ? { definitions: schema.definitions } : {}) };
      expect(ajv.validate(part, payload), `${page.path}: ${ajv.errorsText()}`).toBe(true);
      return m.name;
    });
    expect(checked).toHaveLength(39);
  });

  it('says what is allowed in words, links named types and nested objects, and names the client call and the definition', async () => {
    const { files } = await site('plans/ecommerce.yaml');
    const order = files.find((f) => /^track\/order-completed-[0-9a-f]{8}\.html$/.test(f.path))!.contents;
    expect(order).toContain('<td>three capital letters</td>');
    expect(order).toMatch(/<a href="\.\.\/types\.html#type-money-[0-9a-f]{8}">Money<\/a><\/td><td>optional<\/td><td>at least 0<\/td>/);
    expect(order).toContain('orderCompleted({');
    expect(order).toMatch(/<a href="https:\/\/example\.com\/acme\/plans\/blob\/main\/plans\/ecommerce\.yaml#L\d+"><code>plans\/ecommerce\.yaml:\d+:\d+<\/code><\/a>/);
    expect(order).toMatch(/<a href="order-completed-[0-9a-f]{8}\.schema\.json" download>/);
    const filtered = files.find((f) => /^track\/product-list-filtered-[0-9a-f]{8}\.html$/.test(f.path))!.contents;
    expect(filtered).toMatch(/href="#f-filters-[0-9a-f]{8}">its keys<\/a>/);
    expect(filtered).toMatch(/<h3 id="f-filters-[0-9a-f]{8}"><code>filters<\/code><\/h3>/);
    const identify = text(files, 'identify.html');
    expect(identify).toContain('identify(&#39;user-123&#39;, {');
    expect(identify).toContain('an email address');
    const types = text(files, 'types.html');
    expect(types).toMatch(/<h2 id="type-sort-[0-9a-f]{8}">Sort<\/h2>/);
    expect(types).toContain('one of asc, desc');
  });

  it('is byte-identical when built twice', async () => {
    const a = await site('plans/ecommerce.yaml');
    const b = await site('plans/ecommerce.yaml');
    expect(b.files).toEqual(a.files);
  });
});

describe('trackplan docs: a plan with hostile names', () => {
  it('escapes every name and text, runs no script of the plan, and names files safely', async () => {
    const { files } = await site('test/fixtures/pages/hostile.yaml', 'test/fixtures/plans/edge-cases.yaml');
    for (const f of files) {
      expect(f.path).toMatch(/^[a-z0-9][a-z0-9./-]*$/);
      expect(f.path).not.toContain('..');
      if (!f.path.endsWith('.html')) continue;
      // The site's own script tag on the index is the only one, and no attribute of the plan's making.
      expect(f.contents.match(/<script/g) ?? [], f.path).toHaveLength(f.path === 'index.html' ? 1 : 0);
      // No tag of the plan's making, and no event-handler attribute in any tag (escaped text may say `onerror=`).
      expect(f.contents, f.path).not.toMatch(/<img|<b>|<i>|href="javascript:/i);
      // (Attribute values are quoted and their quotes escaped, so what is inside one stays inside.)
      for (const tag of f.contents.match(/<[a-z][^>]*>/g) ?? []) expect(tag.replace(/"[^"]*"/g, '""'), f.path).not.toMatch(/\son\w+=/i);
    }
    const index = text(files, 'index.html');
    expect(index).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(index).toContain('Home&#39; onmouseover=&#39;window.__pwned=1');
    expect(index).toContain('data-owner="&lt;i&gt;owner&lt;/i&gt;"');
    expect(index).toContain('Bestellung abgeschlossen ✓ 注文完了');
    // Bidi controls are shown, not obeyed.
    expect(index).toContain('Trojan \\u202Edetneve\\u202C Source');
    expect(files.some((f) => /[\u202a-\u202e\u2066-\u2069]/.test(f.contents))).toBe(false);
  });

  it.each(['test/fixtures/plans/edge-cases.yaml', 'test/fixtures/plans/fragments.yaml', 'plans/saas.yaml', 'plans/segment/ecommerce.yaml', 'plans/segment/video.yaml'])(
    "builds for every message of %s an example its validator accepts (formats, patterns, nesting, unions, raw fragments)",
    async (plan) => {
      const { files } = await site(plan);
      const pages = files.filter((f) => /^(?:(?:track|page|screen)\/[a-z0-9-]+|identify|group)\.html$/.test(f.path));
      expect(pages.length).toBeGreaterThan(0);
      for (const p of pages) {
        expect(p.contents, p.path).not.toContain('No example could be built');
        expect(exampleOf(p.contents), p.path).toBeDefined();
      }
    },
  );
});
