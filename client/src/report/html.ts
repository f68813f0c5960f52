/**
 * The report page. Strict CSP: nothing loads from anywhere, styles and the one script carry the
 * nonce. Colours come from the theme's CSS variables. Rows arrive as data and are written with
 * textContent, so advisory text can never become markup, and without bidirectional controls.
 */
/** VS Code's chart colours (theme variables), one per project series. */
const CHART_COLOURS = ['red', 'blue', 'yellow', 'green', 'purple', 'orange', 'foreground', 'lines'];

export function reportHtml(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Chainsight Report</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px; }
  header { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
  input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 4px 6px; min-width: 260px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); vertical-align: top; }
  th { cursor: pointer; user-select: none; position: sticky; top: 0; background: var(--vscode-editor-background); }
  th[aria-sort="ascending"]::after { content: " ▲"; }
  th[aria-sort="descending"]::after { content: " ▼"; }
  tr.row:hover { background: var(--vscode-list-hoverBackground); }
  a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  .sev { font-weight: 600; text-transform: uppercase; font-size: 90%; }
  .sev-critical, .sev-high { color: var(--vscode-errorForeground); }
  .sev-moderate { color: var(--vscode-editorWarning-foreground); }
  .sev-low, .sev-unknown { color: var(--vscode-editorInfo-foreground); }
  .muted { opacity: .75; }
  nav { display: flex; gap: 4px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); margin-bottom: 8px; }
  nav button { background: none; color: var(--vscode-foreground); border: none; border-bottom: 2px solid transparent; padding: 6px 10px; cursor: pointer; font: inherit; }
  nav button[aria-selected="true"] { border-bottom-color: var(--vscode-focusBorder); font-weight: 600; }
  .ok { color: var(--vscode-testing-iconPassed, inherit); }
  .bad { color: var(--vscode-errorForeground); font-weight: 600; }
  svg.chart { display: block; margin: 8px 0 16px; max-width: 100%; }
  svg.chart .axis { stroke: var(--vscode-panel-border, rgba(128,128,128,.5)); }
  svg.chart text { fill: var(--vscode-foreground); font-size: 11px; }
  svg.chart polyline { fill: none; stroke-width: 2; }
  ${[...Array(8).keys()].map((i) => `svg.chart .series-${i} polyline { stroke: var(--vscode-charts-${CHART_COLOURS[i]}); } svg.chart .series-${i} circle, svg.chart .series-${i} rect { fill: var(--vscode-charts-${CHART_COLOURS[i]}); }`).join('\n  ')}
</style>
</head>
<body>
<nav role="tablist">
  <button role="tab" id="tab-vulnerabilities" data-tab="vulnerabilities" aria-selected="true">Vulnerabilities</button>
  <button role="tab" id="tab-provenance" data-tab="provenance" aria-selected="false">Signatures &amp; provenance</button>
  <button role="tab" id="tab-store" data-tab="store" aria-selected="false">Store</button>
</nav>
<header>
  <input id="filter" type="search" placeholder="Filter…" aria-label="Filter">
  <span id="summary" class="muted"></span>
</header>
<section id="panel-vulnerabilities">
<table id="report" aria-label="Vulnerable dependencies">
  <thead><tr>
    <th data-key="name">Package</th><th data-key="version">Version</th><th data-key="advisory">Advisory</th>
    <th data-key="severity">Severity</th><th data-key="fixed">Fixed in</th><th data-key="status">Status</th><th data-key="policy">Policy</th>
    <th data-key="path">Path</th><th data-key="file">File</th>
  </tr></thead>
  <tbody id="rows"></tbody>
</table>
<p id="empty" class="muted" hidden>No known vulnerabilities.</p>
</section>
<section id="panel-provenance" hidden>
<ul id="provenance-coverage" aria-label="Provenance coverage per project" class="muted"></ul>
<table id="provenance" aria-label="Signatures and provenance">
  <thead><tr>
    <th data-key="ecosystem">Ecosystem</th><th data-key="name">Package</th><th data-key="version">Version</th><th data-key="signature">Signature</th>
    <th data-key="provenance">Provenance</th><th data-key="source">Built from</th><th data-key="reason">Details</th>
  </tr></thead>
  <tbody id="provenance-rows"></tbody>
</table>
<p id="provenance-empty" class="muted" hidden>Not checked yet: run "Chainsight: Verify Signatures &amp; Provenance".</p>
</section>
<section id="panel-store" hidden>
<div id="store-chart" aria-label="Open findings per project across recorded commits"></div>
<p id="store-note" class="muted" hidden></p>
<table id="store" aria-label="Projects in the store">
  <thead><tr>
    <th data-key="name">Project</th><th data-key="commit">Latest commit</th><th data-key="at">Recorded</th>
    <th data-key="open">Open findings</th><th data-key="packages">Packages</th><th data-key="snapshots">Snapshots</th>
  </tr></thead>
  <tbody id="store-rows"></tbody>
</table>
<p id="store-empty" class="muted" hidden>No project is recorded in the store yet.</p>
</section>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const rank = { critical: 0, high: 1, moderate: 2, low: 3, unknown: 4, invalid: 0, missing: 1, none: 2, unavailable: 3, verified: 4 };
  const state = {
    vulnerabilities: { rows: [], key: 'severity', ascending: true, body: 'rows', empty: 'empty', table: 'report' },
    provenance: { rows: [], key: 'signature', ascending: true, body: 'provenance-rows', empty: 'provenance-empty', table: 'provenance' },
    store: { rows: [], key: 'open', ascending: false, body: 'store-rows', empty: 'store-empty', table: 'store' },
  };
  const rowOf = { vulnerabilities: vulnerabilityRow, provenance: provenanceRow, store: storeRow };
  const noun = { vulnerabilities: ' findings', provenance: ' packages', store: ' projects' };
  let tab = 'vulnerabilities';
  const filter = document.getElementById('filter');
  const summary = document.getElementById('summary');

  // Bidirectional controls reorder what the eye reads (Trojan Source); rows never need them.
  function plain(text) {
    return String(text ?? '').replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  }
  function cell(tr, text, className) {
    const td = document.createElement('td');
    td.textContent = plain(text);
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }
  function comparer(s) {
    return function (a, b) {
      let x = a[s.key], y = b[s.key];
      if (s.key === 'policy') { x = x ? x.name : null; y = y ? y.name : null; }
      if (s.key === 'severity' || s.key === 'signature' || s.key === 'provenance') { x = rank[x] ?? 9; y = rank[y] ?? 9; }
      if (x === y) return String(a.name).localeCompare(String(b.name));
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return s.ascending ? c : -c;
    };
  }
  function vulnerabilityRow(r) {
    const tr = document.createElement('tr');
    tr.className = 'row';
    tr.dataset.advisory = r.advisory;
    cell(tr, r.name);
    cell(tr, r.version);
    const adv = cell(tr, r.advisory);
    adv.title = plain(r.summary + (r.aliases.length ? ' (' + r.aliases.join(', ') + ')' : ''));
    cell(tr, r.severity + (r.score !== null ? ' ' + r.score.toFixed(1) : ''), 'sev sev-' + r.severity);
    cell(tr, r.fixed || '—');
    // Suppressed findings stay listed, marked, with the statement that suppresses them.
    const status = cell(tr, r.status.replace(/_/g, ' ') + (r.suppressed ? ' (suppressed)' : '') + (r.knownExploited ? ' · known exploited' : ''), r.suppressed ? 'muted' : '');
    status.title = plain([r.vex, r.knownExploited ? 'CISA KEV, added ' + r.knownExploited : ''].filter(Boolean).join('\\n'));
    // The Policy column names the rule of the policy file that decided; built-in rules only give the level.
    const policy = cell(tr, r.policy ? (r.policy.fromFile ? r.policy.name + ' (' + r.policy.action + ')' : r.policy.action) : '—');
    if (r.policy) policy.title = plain(r.policy.rule);
    cell(tr, r.path);
    const file = cell(tr, '');
    const link = document.createElement('a');
    link.textContent = plain(r.file + ':' + r.line);
    link.addEventListener('click', () => vscode.postMessage({ type: 'open', uri: r.uri, line: r.line }));
    file.appendChild(link);
    return tr;
  }
  function provenanceRow(r) {
    const tr = document.createElement('tr');
    tr.className = 'row';
    cell(tr, r.ecosystem || 'npm');
    cell(tr, r.name);
    cell(tr, r.version);
    cell(tr, r.signature, r.signature === 'verified' ? 'ok' : r.signature === 'invalid' ? 'bad' : '');
    cell(tr, r.provenance, r.provenance === 'verified' ? 'ok' : r.provenance === 'invalid' ? 'bad' : '');
    cell(tr, r.source || '—');
    cell(tr, r.reason, 'muted');
    return tr;
  }
  function storeRow(r) {
    const tr = document.createElement('tr');
    tr.className = 'row';
    cell(tr, r.name);
    cell(tr, r.commit || '—');
    cell(tr, r.at);
    cell(tr, r.open, r.open ? 'bad' : 'ok');
    cell(tr, r.packages);
    cell(tr, r.snapshots);
    return tr;
  }
  // The chart arrives as SVG markup the extension built with every text escaped; it is parsed as
  // SVG (an XML document), so nothing in it can become HTML or script.
  function showChart(svg, note) {
    const holder = document.getElementById('store-chart');
    holder.replaceChildren();
    if (svg) {
      const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
      if (!parsed.querySelector('parsererror')) holder.appendChild(document.importNode(parsed.documentElement, true));
    }
    const p = document.getElementById('store-note');
    p.textContent = plain(note || '');
    p.hidden = !note;
  }
  function render() {
    const s = state[tab];
    const q = filter.value.trim().toLowerCase();
    const shown = s.rows.filter((r) => !q || JSON.stringify(Object.values(r)).toLowerCase().includes(q)).sort(comparer(s));
    const body = document.getElementById(s.body);
    body.replaceChildren(...shown.map(rowOf[tab]));
    document.getElementById(s.empty).hidden = s.rows.length !== 0;
    summary.textContent = shown.length + ' of ' + s.rows.length + noun[tab];
    for (const th of document.querySelectorAll('#' + s.table + ' th')) th.setAttribute('aria-sort', th.dataset.key === s.key ? (s.ascending ? 'ascending' : 'descending') : 'none');
  }
  function select(next) {
    tab = next;
    for (const b of document.querySelectorAll('nav button')) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
    for (const name of Object.keys(state)) document.getElementById('panel-' + name).hidden = tab !== name;
    render();
  }
  for (const name of Object.keys(state)) {
    for (const th of document.querySelectorAll('#' + state[name].table + ' th')) {
      th.addEventListener('click', () => {
        const s = state[name];
        if (s.key === th.dataset.key) s.ascending = !s.ascending; else { s.key = th.dataset.key; s.ascending = true; }
        render();
      });
    }
  }
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => select(b.dataset.tab));
  filter.addEventListener('input', render);
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'report') {
      state.vulnerabilities.rows = Array.isArray(m.report.rows) ? m.report.rows : [];
      state.provenance.rows = Array.isArray(m.report.provenance) ? m.report.provenance : [];
      // One line per project and ecosystem: the share of packages with verified provenance.
      const coverage = Array.isArray(m.report.provenanceCoverage) ? m.report.provenanceCoverage : [];
      document.getElementById('provenance-coverage').replaceChildren(...coverage.map((c) => {
        const li = document.createElement('li');
        const share = c.packages ? Math.round((100 * c.verified) / c.packages) : 0;
        li.textContent = plain(c.project + ' (' + c.ecosystem + '): provenance verified for ' + c.verified + ' of ' + c.packages + ' packages (' + share + '%)');
        return li;
      }));
      select(m.tab in state ? m.tab : tab);
    } else if (m && m.type === 'store') {
      state.store.rows = Array.isArray(m.rows) ? m.rows : [];
      showChart(m.svg, m.note);
      select(m.tab in state ? m.tab : tab);
    } else if (m && m.type === 'error') {
      summary.textContent = 'Could not load the report: ' + plain(m.message);
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
