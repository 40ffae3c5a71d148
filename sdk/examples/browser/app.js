// Lists the latest sweeps of a site and shows one as an overlay image with its bounds.
// Open index.html?api=http://localhost:4000/graphql&site=KLOT (served over http, e.g. from sdk/).
import { createRadomeClient, imageOverlay } from '@radome/sdk';

const params = new URLSearchParams(location.search);
const api = params.get('api') ?? 'http://localhost:4000/graphql';
const site = (params.get('site') ?? 'KLOT').toUpperCase();
const client = createRadomeClient({ url: api });

const $ = (id) => document.getElementById(id);
$('site').textContent = site;

function show(sweep, button) {
  for (const b of document.querySelectorAll('#sweeps button')) b.setAttribute('aria-pressed', String(b === button));
  const overlay = imageOverlay(sweep);
  $('overlay').src = overlay.url;
  $('caption').textContent = `${sweep.id}: ${sweep.moment} at ${sweep.elevationAngle.toFixed(1)}°, ${sweep.startTime}`;
  const [west, south, east, north] = overlay.bbox;
  // What a map needs, no geometry code: MapLibre image source coordinates, Leaflet bounds.
  $('bounds').textContent = [
    `west ${west.toFixed(3)}  south ${south.toFixed(3)}  east ${east.toFixed(3)}  north ${north.toFixed(3)}`,
    `MapLibre coordinates: ${JSON.stringify(overlay.coordinates.map((c) => c.map((v) => +v.toFixed(3))))}`,
    `Leaflet bounds: ${JSON.stringify(overlay.bounds.map((c) => c.map((v) => +v.toFixed(3))))}`,
  ].join('\n');
}

const result = await client.sweeps({ filter: { site }, first: 12 });
if (result.error) {
  $('status').dataset.state = 'error';
  $('status').textContent = `${result.error.kind} error: ${result.error.message}`;
} else {
  const sweeps = result.data.sweeps.edges.map((e) => e.node);
  for (const sweep of sweeps) {
    const button = document.createElement('button');
    button.textContent = `${sweep.startTime.slice(11, 19)}Z  ${sweep.elevationAngle.toFixed(1)}°  ${sweep.moment}`;
    button.onclick = () => show(sweep, button);
    $('sweeps').appendChild(document.createElement('li')).appendChild(button);
  }
  if (sweeps.length) show(sweeps[0], $('sweeps').querySelector('button'));
  $('status').dataset.state = 'ready';
  $('status').textContent = `${result.data.sweeps.totalCount} sweeps`;
}
