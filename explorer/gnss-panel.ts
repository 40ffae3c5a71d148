// A GNSS station's SNR chart from snrSeries: pickers for interval, band, constellation and
// satellite over the station's days covered, a table of the points and a CSV download.
import type { StationInfo } from './catalog.js';
import { downloadLink, drawChart, openChartPanel, tableElement, type SeriesTable } from './chart.js';
import type { RadomeClient } from './sdk.js';
import { dataOrStatus } from './status.js';

const DAY = 86_400_000;
const INTERVALS = [
  ['P1D', '1 day'],
  ['PT1H', '1 hour'],
  ['PT15M', '15 min'],
] as const;
const BANDS = [
  ['', 'all bands'],
  ['1', 'L1'],
  ['2', 'L2'],
  ['5', 'L5'],
  ['6', 'E6/B3'],
  ['7', 'E5b/B2'],
  ['8', 'E5a+b'],
] as const;
const CONSTELLATIONS = [
  ['', 'all'],
  ['G', 'GPS'],
  ['R', 'GLONASS'],
  ['E', 'Galileo'],
  ['C', 'BeiDou'],
  ['J', 'QZSS'],
  ['I', 'NavIC'],
  ['S', 'SBAS'],
] as const;

function select(label: string, options: readonly (readonly [string, string])[], value: string): HTMLSelectElement {
  const el = document.createElement('select');
  el.setAttribute('aria-label', label);
  for (const [v, text] of options) el.add(new Option(text, v, false, v === value));
  return el;
}

/** The station's covered range as [from, to) (GPS days). */
function coveredRange(station: StationInfo): { from: string; to: string } | null {
  if (!station.firstDay || !station.lastDay) return null;
  return { from: new Date(Date.parse(station.firstDay)).toISOString(), to: new Date(Date.parse(station.lastDay) + DAY).toISOString() };
}

export async function showGnssPanel(client: RadomeClient, station: StationInfo): Promise<void> {
  const panel = openChartPanel('gnss', `${station.id} ${station.name !== station.id ? station.name : ''} SNR`);
  panel.dataset.station = station.id;
  const range = coveredRange(station);
  const days = document.createElement('div');
  days.className = 'days';
  days.textContent = range ? `Days covered: ${station.dayCount} (${station.firstDay} to ${station.lastDay})` : 'No observations in the catalog for this station.';
  panel.append(days);
  if (!range) return;

  // A few days read best hourly; longer records daily.
  const interval = select('Interval', INTERVALS, station.dayCount <= 3 ? 'PT1H' : 'P1D');
  const band = select('Band', BANDS, '');
  const constellation = select('Constellation', CONSTELLATIONS, '');
  const satellite = select('Satellite', [['', 'all satellites']], '');
  const pickers = document.createElement('div');
  pickers.className = 'pickers';
  pickers.append(interval, band, constellation, satellite);
  const plot = document.createElement('div');
  const actions = document.createElement('div');
  const tableBox = document.createElement('div');
  panel.append(pickers, plot, actions, tableBox);

  // The satellites the station saw over its days, for the satellite picker.
  const sats = await client.snrSeries({ station: station.id, ...range, interval: `P${Math.max(1, Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY))}D`, groupBy: ['SATELLITE'] });
  for (const id of [...new Set((sats.data?.snrSeries.points ?? []).map((p) => p.satellite).filter((s): s is string => !!s))].sort()) satellite.add(new Option(id, id));

  async function draw(): Promise<void> {
    const result = dataOrStatus(
      await client.snrSeries({
        station: station.id,
        ...range!,
        interval: interval.value,
        bands: band.value ? [Number(band.value)] : undefined,
        constellations: constellation.value ? [constellation.value] : undefined,
        satellites: satellite.value ? [satellite.value] : undefined,
      }),
      `SNR of ${station.id}`,
    );
    if (!result) return;
    const table: SeriesTable = {
      columns: ['start', 'mean', 'min', 'max', 'stddev', 'count'],
      rows: result.snrSeries.points.map((p) => [p.start, p.mean, p.min, p.max, p.stddev, p.count]),
    };
    plot.replaceChildren();
    if (table.rows.length) drawChart(plot, table, ['mean', 'min', 'max'], 'dB-Hz');
    else plot.textContent = 'No SNR observations match these choices.';
    const filters = [interval.value, band.value && `band${band.value}`, constellation.value, satellite.value].filter(Boolean).join('-');
    actions.replaceChildren(downloadLink(table, `${station.id}-snr-${filters}.csv`));
    const table_ = tableElement(table);
    table_.id = 'snr-table';
    tableBox.replaceChildren(table_);
  }
  for (const el of [interval, band, constellation, satellite]) el.addEventListener('change', () => void draw());
  await draw();
}
