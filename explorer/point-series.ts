// Click on the radar: the gate under the point in every volume of the loop (radarPointSeries),
// drawn as a chart with its table and CSV.
import { downloadLink, drawChart, openChartPanel, tableElement, type SeriesTable } from './chart.js';
import type { RadarMoment, RadomeClient } from './sdk.js';
import { dataOrStatus } from './status.js';

export async function showPointSeries(client: RadomeClient, site: string, moment: string, lon: number, lat: number, from: string, to: string): Promise<void> {
  const result = dataOrStatus(await client.radarPointSeries({ lon, lat, moment: moment as RadarMoment, from, to, site }), `the time series at ${lat.toFixed(3)}, ${lon.toFixed(3)}`);
  if (!result) return;
  const points = result.radarPointSeries;
  const units = points[0]?.units ?? '';
  const table: SeriesTable = {
    columns: ['time', moment, 'rangeKm', 'beamHeightM'],
    rows: points.map((p) => [p.time, p.value, +p.rangeKm.toFixed(2), Math.round(p.beamHeightM)]),
  };
  const panel = openChartPanel('point-series', `${site} ${moment} at ${lat.toFixed(3)}°, ${lon.toFixed(3)}° (${points.length} volumes)`);
  const plot = document.createElement('div');
  const details = document.createElement('details');
  details.append(Object.assign(document.createElement('summary'), { textContent: 'Values' }), tableElement(table));
  panel.append(plot, downloadLink(table, `${site}-${moment}-${lat.toFixed(3)}_${lon.toFixed(3)}.csv`), details);
  if (points.length) drawChart(plot, table, [moment], units);
  else plot.textContent = 'The point is outside the coverage of these volumes.';
}
