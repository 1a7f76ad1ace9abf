// matrix.html's script: filters, the "disagree" switch, the claim view (#claim=ID), a platform's view (#platform=ID)
// and the comparison of two columns
// (#from=A&to=B). The page reads without it; everything it shows is already in the document, which it only rearranges.
(() => {
  const form = document.getElementById('filters');
  const table = document.getElementById('matrix');
  const rows = [...table.querySelectorAll('tbody tr')];
  const columns = [...table.querySelectorAll('thead th[data-platform]')];
  const claims = JSON.parse(document.getElementById('claims').textContent);
  const checked = name => [...form.querySelectorAll(`input[name=${name}]`)].filter(i => i.checked).map(i => i.value);
  // A row's cell of a column: cells are in the header's order, after the claim and its FAQ section.
  const FIRST = 2;
  const cellAt = (row, column) => row.cells[FIRST + columns.indexOf(column)];
  const kindOf = td => td.classList[1];
  // The verdict a cell's kind stands for (a documented difference is a difference the tables explain).
  const verdictOf = kind => kind === 'documented' ? 'differs' : kind;
  const noteOf = td => {
    const link = td.querySelector('details > p.why a');
    return link ? document.getElementById(link.hash.slice(1)) : null;
  };

  // The table's filters: FAQ section, verdicts (rows with any), columns, layers, families, and rows where the columns
  // that ran disagree (computed with the findings, data-disagree).
  function apply() {
    const section = document.getElementById('section').value;
    const verdicts = new Set(checked('verdict'));
    const platforms = new Set(checked('platform'));
    const families = new Set(checked('family'));
    const layers = new Set(checked('layer'));
    const disagree = document.getElementById('disagree').checked;
    const shownColumns = columns.map(c => platforms.has(c.dataset.platform) && layers.has(c.dataset.layer));
    columns.forEach((c, i) => c.hidden = !shownColumns[i]);
    let shown = 0;
    for (const row of rows) {
      const kinds = [];
      columns.forEach((c, i) => {
        const td = row.cells[FIRST + i];
        if (td.hidden === shownColumns[i]) td.hidden = !shownColumns[i];
        if (shownColumns[i]) kinds.push(kindOf(td));
      });
      const inSection = !section || row.dataset.sections.split(' ').includes(section);
      const inFamily = !row.dataset.family || families.has(row.dataset.family);
      row.hidden = !(inSection && inFamily && kinds.some(k => verdicts.has(k)) && (!disagree || row.dataset.disagree === 'true'));
      if (!row.hidden) shown++;
    }
    document.getElementById('shown').value = `${shown} of ${rows.length} rows`;
  }

  // A filter preset in the address: #section=2&verdict=documented,differs&platform=ID&disagree=1 (the overview's map
  // links into the table this way).
  function preset(params) {
    if (params.has('section')) document.getElementById('section').value = params.get('section');
    for (const name of ['verdict', 'platform', 'family', 'layer']) {
      if (!params.has(name)) continue;
      const wanted = new Set(params.get(name).split(','));
      form.querySelectorAll(`input[name=${name}]`).forEach(i => i.checked = wanted.has(i.value));
    }
    if (params.has('disagree')) document.getElementById('disagree').checked = params.get('disagree') === '1';
  }

  const text = (tag, content, cls) => {
    const el = document.createElement(tag);
    if (content !== undefined) el.textContent = content;
    if (cls) el.className = cls;
    return el;
  };

  // A claim's view: the FAQ's sentence and section, what the scenario does, and every column's observed values,
  // verdict, reason and reference (the cells' own contents), predicted cells marked as predictions.
  function showClaim(id) {
    const view = document.getElementById('claim-view');
    const info = claims[id];
    view.replaceChildren();
    if (!info) {
      view.hidden = true;
      return;
    }
    const heading = text('h2');
    heading.append(text('code', id), ` ${info.title}`);
    view.append(heading, text('p', `FAQ section ${info.faq}`, 'faq'));
    if (info.quote) {
      const quote = text('blockquote', info.quote);
      quote.setAttribute('aria-label', "the FAQ's words");
      view.append(quote);
    } else {
      view.append(text('p', `Beyond the FAQ: ${info.beyondFaq}`));
    }
    const scenario = text('p');
    scenario.append(text('b', 'Scenario: '), info.scenario);
    view.append(scenario);
    for (const row of rows.filter(r => r.dataset.id === id)) {
      view.append(text('h3', row.dataset.family === 'ipv6' ? 'Over IPv6' : row.dataset.family === 'ipv4' ? 'Over IPv4' : 'Every column'));
      const cells = text('table', undefined, 'claim-cells');
      const head = text('tr');
      for (const name of ['columns', 'verdict', 'observed', 'why, and the reference']) {
        const th = text('th', name);
        th.scope = 'col';
        head.append(th);
      }
      cells.append(text('thead'), text('tbody'));
      cells.tHead.append(head);
      // One row per distinct outcome (verdict, values, reason), with the columns that share it: a reason most columns
      // share is read once, not once per column.
      const outcomes = new Map();
      for (const column of columns) {
        const td = cellAt(row, column);
        const details = td.querySelector('details');
        const verdict = details ? details.querySelector('summary').title : 'not run';
        const observed = text('td');
        const why = text('td');
        if (details) {
          details.querySelectorAll(':scope > dl').forEach(dl => observed.append(dl.cloneNode(true)));
          const note = noteOf(td);
          if (note) note.querySelectorAll('p').forEach(p => why.append(p.cloneNode(true)));
          details.querySelectorAll(':scope > p:not(.why)').forEach(p => why.append(p.cloneNode(true)));
        }
        const key = [verdict, td.className, observed.innerHTML, why.innerHTML].join('\u0000');
        if (!outcomes.has(key)) outcomes.set(key, { labels: [], verdict, className: td.className, observed, why });
        outcomes.get(key).labels.push(column.dataset.label);
      }
      for (const outcome of outcomes.values()) {
        const tr = text('tr');
        const name = text('th', outcome.labels.join(', '));
        name.scope = 'row';
        tr.append(name, text('td', outcome.verdict, outcome.className), outcome.observed, outcome.why);
        cells.tBodies[0].append(tr);
      }
      view.append(cells);
    }
    view.hidden = false;
    view.focus();
  }

  // A platform's view: where it differs from the FAQ, by cause (the documented reason its cells share), each cause with
  // the claims it moves, and a link to compare the platform with any other column.
  function showPlatform(id) {
    const view = document.getElementById('platform-view');
    view.replaceChildren();
    const chosen = id ? columns.filter(c => c.dataset.base === id || c.dataset.platform === id) : [];
    if (chosen.length === 0) {
      view.hidden = true;
      return;
    }
    const base = chosen[0].dataset.base;
    view.append(text('h2', `${chosen[0].dataset.label}: where it differs from the FAQ, by cause`));
    const causes = new Map();
    for (const row of rows) {
      for (const column of chosen) {
        const td = cellAt(row, column);
        if (!['documented', 'differs'].includes(kindOf(td))) continue;
        const note = noteOf(td);
        const why = note ? (note.querySelector('p.why') || note).textContent : 'Not documented yet';
        if (!causes.has(why)) causes.set(why, new Set());
        causes.get(why).add(row.dataset.id);
      }
    }
    if (causes.size === 0) {
      view.append(text('p', 'Every cell that observed something is as the FAQ says.'));
    } else {
      const list = text('ul', undefined, 'causes');
      for (const [why, ids] of [...causes].sort((a, b) => b[1].size - a[1].size)) {
        const item = text('li');
        item.append(text('p', why));
        const moved = text('p');
        for (const claim of ids) {
          const link = text('a');
          link.href = `#claim=${encodeURIComponent(claim)}`;
          link.append(text('code', claim));
          moved.append(link, ' ');
        }
        item.append(moved);
        list.append(item);
      }
      view.append(list);
    }
    const compare = text('p');
    const label = text('label', 'Compare with ');
    const other = text('select');
    other.id = 'platform-compare-with';
    label.htmlFor = other.id;
    for (const b of new Set(columns.map(c => c.dataset.base).filter(b => b !== base))) {
      const option = text('option', columns.find(c => c.dataset.base === b).dataset.label);
      option.value = b;
      other.append(option);
    }
    const go = text('a', 'compare the two columns');
    const point = () => go.href = `#from=${encodeURIComponent(base)}&to=${encodeURIComponent(other.value)}`;
    other.addEventListener('change', point);
    point();
    compare.append(label, other, ' ', go);
    view.append(compare);
    view.hidden = false;
    view.focus();
  }

  // A cell as the comparison sees it: the verdict (holds, differs, ...) and the observed values; null where the column
  // has no result for the row.
  function cellOf(td) {
    if (!td || !td.querySelector('details')) return null;
    const observed = {};
    td.querySelectorAll('details > dl > dt').forEach(dt => observed[dt.textContent] = dt.nextElementSibling.firstChild.textContent); // the value; the FAQ's pattern, where it parts, follows in a <small>
    const note = noteOf(td);
    return { verdict: verdictOf(kindOf(td)), observed, why: note ? note.querySelector('p.why').textContent : '' };
  }

  // What `conformance diff A B` reads for a selection (harness/Matrix/MatrixColumns.cs): a platform id is all its
  // layers, each row keyed id@layer above the raw calls; a column id (ID@dotnet, ID@raw) is that layer alone, its rows
  // by their plain keys.
  function resultsOf(selection) {
    const whole = !selection.includes('@');
    const chosen = whole ? columns.filter(c => c.dataset.base === selection)
      : columns.filter(c => c.dataset.platform === (selection.endsWith('@raw') ? selection.slice(0, -4) : selection));
    const results = new Map();
    for (const row of rows) {
      for (const column of chosen) {
        const cell = cellOf(cellAt(row, column));
        const id = column.dataset.platform;
        const layer = id.includes('@') ? id.slice(id.indexOf('@')) : '';
        if (cell) results.set(whole ? row.dataset.claim + layer : row.dataset.claim, cell);
      }
    }
    return results;
  }

  // Comparison.Between (harness/Gate/Comparison.cs): a row differs when one side has no result, or the verdicts or any
  // observed value differ; each side is described by its verdict and the values of the keys that changed.
  function diff(from, to) {
    const before = resultsOf(from), after = resultsOf(to);
    const describe = (cell, keys) => {
      const values = keys.map(k => `${k}=${cell.observed[k] ?? '(none)'}`);
      return values.length === 0 ? cell.verdict : `${cell.verdict}: ${values.join(', ')}`;
    };
    const changes = [];
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(key), a = after.get(key);
      if (!b || !a) {
        changes.push({ claim: key, before: b ? describe(b, Object.keys(b.observed)) : 'absent', after: a ? describe(a, Object.keys(a.observed)) : 'absent', why: [b?.why, a?.why] });
        continue;
      }
      const keys = [...new Set([...Object.keys(b.observed), ...Object.keys(a.observed)])].filter(k => b.observed[k] !== a.observed[k]);
      if (b.verdict !== a.verdict || keys.length > 0) {
        changes.push({ claim: key, before: describe(b, keys), after: describe(a, keys), why: [b.why, a.why] });
      }
    }
    return changes;
  }

  function showDiff() {
    const from = document.getElementById('diff-from').value, to = document.getElementById('diff-to').value;
    const body = document.querySelector('#diff-result tbody');
    body.replaceChildren();
    const summary = document.getElementById('diff-summary');
    if (!from || !to) {
      summary.value = 'Pick two columns.';
      return;
    }
    const changes = diff(from, to);
    summary.value = changes.length === 0 ? `${from} and ${to} agree on every claim.` : `${changes.length} claim(s) differ between ${from} and ${to}.`;
    for (const change of changes) {
      const tr = text('tr');
      const claim = text('th');
      claim.scope = 'row';
      const link = text('a');
      link.href = `#claim=${encodeURIComponent(change.claim.split(/[/@]/)[0])}`;
      link.append(text('code', change.claim));
      claim.append(link);
      tr.append(claim, text('td', change.before), text('td', change.after), text('td', [...new Set(change.why.filter(Boolean))].join(' ')));
      body.append(tr);
    }
  }

  function route() {
    const params = new URLSearchParams(location.hash.slice(1));
    preset(params);
    apply();
    if (params.has('from') || params.has('to')) {
      document.getElementById('diff-from').value = params.get('from') || '';
      document.getElementById('diff-to').value = params.get('to') || '';
      showDiff();
    }
    showClaim(params.get('claim'));
    showPlatform(!params.has('claim') && !params.has('section') ? params.get('platform') : null);
    if (!params.has('claim') && params.has('section') && params.has('platform')) {
      document.getElementById('table-section').scrollIntoView();
    }
  }

  form.addEventListener('change', apply);
  document.getElementById('compare').addEventListener('change', () => {
    history.replaceState(null, '', `#from=${encodeURIComponent(document.getElementById('diff-from').value)}&to=${encodeURIComponent(document.getElementById('diff-to').value)}`);
    showDiff();
  });
  window.addEventListener('hashchange', route);
  window.conformance = { diff };
  route();
})();
