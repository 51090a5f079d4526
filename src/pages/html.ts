import { escapeHidden } from '../compile/hidden-chars.js';

/**
 * HTML text and attribute values. Every piece of plan or input text goes through `esc`: names
 * may hold `<script>`, quotes or `&` (a plan is data, and the pages must show it, not run it).
 * Characters that hide themselves (bidi controls, zero-width spaces) are shown as `\uXXXX`, so
 * a name cannot read as another (Trojan Source).
 */
export function esc(s: string): string {
  return escapeHidden(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A link target that can only be a web address or a relative path: never `javascript:`. */
export function safeHref(url: string): string | undefined {
  if (/^https?:\/\//i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  return url;
}

/**
 * The policy every page carries: nothing loads from elsewhere, nothing inline runs. `'self'`
 * covers the site's own script and style sheet, also from file:// (tested in Chromium).
 */
export const SITE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/** One page of the docs site: its own title, the shared style sheet and script, `root` the way back to the site's top. */
export function sitePage(o: { title: string; root: string; body: string; script?: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(SITE_CSP)}">
<meta name="referrer" content="no-referrer">
<title>${esc(o.title)}</title>
<link rel="stylesheet" href="${o.root}assets/site.css">
${o.script ? `<script src="${o.root}assets/site.js" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${o.body}
</body>
</html>
`;
}

/** `1 event`, `2 events`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
