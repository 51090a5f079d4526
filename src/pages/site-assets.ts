/**
 * The docs site's style sheet and its one script. Light and dark follow the reader's system;
 * print drops the search form and shows where links lead. The script only filters the index
 * table: every page reads the same without it.
 */
export const SITE_CSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0550ae;--soft:#f6f8fa;--bad:#a40e26;--warn:#7d4e00;--ok:#116329}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--accent:#4493f8;--soft:#161b22;--bad:#ff7b72;--warn:#d29922;--ok:#3fb950}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem 3rem;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--accent)}
a:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.25rem .5rem}
header{border-bottom:1px solid var(--line);margin-bottom:1rem}
nav.crumbs{font-size:.9rem;color:var(--muted)}
h1{font-size:1.8rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid var(--line)}h3{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.35rem .5rem}
th{background:var(--soft)}
code,pre{font:.9em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--soft);border:1px solid var(--line);padding:.75rem;overflow:auto}
.muted{color:var(--muted)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:0 .5rem;font-size:.8rem;margin:0 .25rem .25rem 0}
.deprecated{color:var(--warn);font-weight:600}
.breaking{color:var(--bad);font-weight:600}.addition{color:var(--ok);font-weight:600}.docs{color:var(--muted);font-weight:600}
.changed{font-size:.8rem;border:1px solid var(--warn);color:var(--warn);border-radius:1rem;padding:0 .4rem}
form.search{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:1rem 0}
form.search label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select{font:inherit;padding:.3rem .4rem;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:4px}
input[type=search]{min-width:18rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
@media print{form.search,.skip,.download{display:none!important}body{max-width:none;padding:0;font-size:11pt}a{color:inherit}main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em}pre{white-space:pre-wrap}h2{break-after:avoid}tr{break-inside:avoid}}
`;

export const SITE_JS = `// The index's search and filters: rows are shown or hidden, nothing is fetched.
(function () {
  var form = document.getElementById('search');
  var table = document.getElementById('messages');
  if (!form || !table) return;
  form.hidden = false;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var q = document.getElementById('q');
  var owner = document.getElementById('owner');
  var label = document.getElementById('label');
  var dep = document.getElementById('deprecation');
  var kind = document.getElementById('kind');
  var status = document.getElementById('shown');
  function apply() {
    var words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = words.every(function (w) { return d.search.indexOf(w) !== -1; });
      if (ok && owner.value) ok = d.owner === owner.value;
      if (ok && label.value) ok = ('\\n' + d.labels + '\\n').indexOf('\\n' + label.value + '\\n') !== -1;
      if (ok && dep.value) ok = d.deprecated === dep.value;
      if (ok && kind.value) ok = d.kind === kind.value;
      row.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = shown + ' of ' + rows.length + ' shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  apply();
})();
`;
