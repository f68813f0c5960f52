/**
 * The report page. Strict CSP: nothing loads from anywhere, styles and the one script carry the
 * nonce. Colours come from the theme's CSS variables. Rows arrive as data and are written with
 * textContent, so advisory text can never become markup.
 */
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
</style>
</head>
<body>
<header>
  <strong>Chainsight</strong>
  <input id="filter" type="search" placeholder="Filter by package, advisory, severity, path…" aria-label="Filter">
  <span id="summary" class="muted"></span>
</header>
<table id="report" aria-label="Vulnerable dependencies">
  <thead><tr>
    <th data-key="name">Package</th><th data-key="version">Version</th><th data-key="advisory">Advisory</th>
    <th data-key="severity">Severity</th><th data-key="fixed">Fixed in</th><th data-key="path">Path</th><th data-key="file">File</th>
  </tr></thead>
  <tbody id="rows"></tbody>
</table>
<p id="empty" class="muted" hidden>No known vulnerabilities.</p>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const rank = { critical: 0, high: 1, moderate: 2, low: 3, unknown: 4 };
  let rows = [];
  let sortKey = 'severity';
  let ascending = true;
  const tbody = document.getElementById('rows');
  const filter = document.getElementById('filter');
  const summary = document.getElementById('summary');
  const empty = document.getElementById('empty');

  function cell(tr, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }
  function compare(a, b) {
    let x = a[sortKey], y = b[sortKey];
    if (sortKey === 'severity') { x = rank[x] ?? 9; y = rank[y] ?? 9; }
    if (x === y) return a.name.localeCompare(b.name);
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return ascending ? c : -c;
  }
  function render() {
    const q = filter.value.trim().toLowerCase();
    const shown = rows.filter((r) => !q || [r.name, r.version, r.advisory, r.aliases.join(' '), r.severity, r.fixed || '', r.path, r.file, r.summary].join(' ').toLowerCase().includes(q)).sort(compare);
    tbody.replaceChildren();
    for (const r of shown) {
      const tr = document.createElement('tr');
      tr.className = 'row';
      tr.dataset.advisory = r.advisory;
      cell(tr, r.name);
      cell(tr, r.version);
      const adv = cell(tr, r.advisory);
      adv.title = r.summary + (r.aliases.length ? ' (' + r.aliases.join(', ') + ')' : '');
      cell(tr, r.severity + (r.score !== null ? ' ' + r.score.toFixed(1) : ''), 'sev sev-' + r.severity);
      cell(tr, r.fixed || '—');
      cell(tr, r.path);
      const file = cell(tr, '');
      const link = document.createElement('a');
      link.textContent = r.file + ':' + r.line;
      link.addEventListener('click', () => vscode.postMessage({ type: 'open', uri: r.uri, line: r.line }));
      file.appendChild(link);
      tbody.appendChild(tr);
    }
    empty.hidden = rows.length !== 0;
    summary.textContent = shown.length + ' of ' + rows.length + ' findings';
    for (const th of document.querySelectorAll('th')) th.setAttribute('aria-sort', th.dataset.key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
  }
  for (const th of document.querySelectorAll('th')) {
    th.addEventListener('click', () => {
      if (sortKey === th.dataset.key) ascending = !ascending; else { sortKey = th.dataset.key; ascending = true; }
      render();
    });
  }
  filter.addEventListener('input', render);
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'report') {
      rows = Array.isArray(m.report.rows) ? m.report.rows : [];
      const data = m.report.status || {};
      summary.dataset.source = String(data.description || '');
      render();
    } else if (m && m.type === 'error') {
      summary.textContent = 'Could not load the report: ' + String(m.message);
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
