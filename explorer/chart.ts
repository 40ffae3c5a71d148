// A time-series chart (uPlot) with its numbers as a table beneath (readable without the chart,
// and what the CSV download holds).
import uPlot from 'uplot';

export interface SeriesTable {
  /** Column names: the first is the time (ISO 8601), the others numbers. */
  columns: string[];
  rows: (string | number | null)[][];
}

export function csvOf(table: SeriesTable): string {
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** Draws `table` (time column, then `plotted` numeric columns) into `container`, replacing what was there. */
export function drawChart(container: HTMLElement, table: SeriesTable, plotted: string[], units: string): uPlot {
  container.replaceChildren();
  const times = table.rows.map((r) => Date.parse(String(r[0])) / 1000);
  const data: uPlot.AlignedData = [times, ...plotted.map((name) => table.rows.map((r) => r[table.columns.indexOf(name)] as number | null))];
  const colours = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a'];
  const width = Math.max(260, Math.min(540, container.clientWidth || 540));
  return new uPlot(
    {
      width,
      height: 200,
      // One point (a one-day station at P1D) gets a day either side instead of uPlot's years.
      scales: { x: { time: true, range: (_u, min, max) => (min === max ? [min - 86_400, max + 86_400] : [min, max]) } },
      axes: [{}, { label: units, size: 50 }],
      series: [{ label: 'time (UTC)' }, ...plotted.map((name, i) => ({ label: name, stroke: colours[i % colours.length], width: 1.5, points: { show: table.rows.length < 60 } }))],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    },
    data,
    container,
  );
}

const shown = (v: string | number | null) => (v === null ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v));

/** The table as HTML (the first `limit` rows; fractions to 2 decimals, the CSV has them whole). */
export function tableElement(table: SeriesTable, limit = 400): HTMLTableElement {
  const el = document.createElement('table');
  const head = el.createTHead().insertRow();
  for (const c of table.columns) head.appendChild(document.createElement('th')).textContent = c;
  const body = el.createTBody();
  for (const row of table.rows.slice(0, limit)) {
    const tr = body.insertRow();
    for (const v of row) tr.insertCell().textContent = shown(v);
  }
  return el;
}

export function downloadLink(table: SeriesTable, filename: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.textContent = 'Download CSV';
  a.download = filename;
  a.href = URL.createObjectURL(new Blob([csvOf(table)], { type: 'text/csv' }));
  return a;
}

/** Opens the chart panel emptied, with a title and a close button; returns it. */
export function openChartPanel(kind: string, title: string): HTMLElement {
  const panel = document.getElementById('chart')!;
  panel.hidden = false;
  panel.dataset.kind = kind;
  panel.replaceChildren();
  const header = document.createElement('header');
  const heading = document.createElement('strong');
  heading.textContent = title;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close chart');
  close.onclick = () => (panel.hidden = true);
  header.append(heading, close);
  panel.append(header);
  return panel;
}
