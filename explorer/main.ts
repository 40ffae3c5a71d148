// The radome explorer: a map of the catalog's radar and GNSS data, built on @radome/sdk only.
// Wires the modules: page config → map and basemap → catalog → pickers → frames → slider,
// readout, charts; the view lives in the URL (url-state.ts).
import * as maplibregl from 'maplibre-gl';
import { addVectorBasemap, baseStyle } from './basemap.js';
import { layerOptions, loadOverview, type CatalogOverview, type LayerOption, type RadarSiteInfo } from './catalog.js';
import { loadFrames, type Frame } from './frames.js';
import { showGnssPanel } from './gnss-panel.js';
import { showLegend } from './legend.js';
import { addMarkers } from './markers.js';
import { readPageConfig } from './page-config.js';
import { showPointSeries } from './point-series.js';
import { RadarFrames } from './radar-layer.js';
import { attachReadout } from './readout.js';
import { createRadomeClient, createRadomeSubscriptions, type RadarMoment } from './sdk.js';
import { clearStatus, showStatus } from './status.js';
import { TimeSlider } from './time-slider.js';
import { formatLayer, formatViewState, parseLayer, readViewState, type LayerSpec, type ViewState } from './url-state.js';

const config = readPageConfig();
const client = createRadomeClient({ url: config.graphqlUrl });
const view: ViewState = readViewState(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const sitePicker = $<HTMLSelectElement>('site-picker');
const layerPicker = $<HTMLSelectElement>('layer-picker');

/** The zoom a chosen site is shown at: its 230 km ring fills a laptop's map. */
const SITE_ZOOM = 6.5;
const map = new maplibregl.Map({
  container: 'map',
  style: baseStyle(config),
  center: [view.lon ?? -96, view.lat ?? 38.5],
  zoom: view.z ?? 3.6,
  fadeDuration: 0,
  attributionControl: { compact: true },
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
const radar = new RadarFrames(map);
let overview: CatalogOverview | null = null;
let options: LayerOption[] = [];
/**
 * Settles once the first view is drawn or known to have no radar (a GNSS view, an empty catalog, an
 * error): the basemap's heavy layers wait for it, so they never compete with the first radar frame.
 */
let settleFirstView!: () => void;
const firstViewSettled = new Promise<void>((resolve) => {
  settleFirstView = resolve;
  // Tiles that never load (a server gone mid-way) must not keep the basemap away.
  setTimeout(resolve, 10_000);
});
/** Bumped on each layer change, so answers for an earlier choice are dropped. */
let generation = 0;
let liveStop: AbortController | null = null;

function writeUrl(): void {
  const c = map.getCenter();
  Object.assign(view, { z: map.getZoom(), lon: c.lng, lat: c.lat, time: radar.currentFrame?.time ?? (view.layer?.kind === 'gnss' ? null : view.time) });
  history.replaceState(null, '', formatViewState(view));
}

/**
 * Settles once a step's frame is on screen: the map's next 'idle' (the render that drew it, every
 * tile in) and then the next animation frame, which Chromium begins only after committing that
 * render's pixels (with software compositing the commit reads the WebGL canvas back, so it waits
 * for SwiftShader to have drawn it). 'idle' alone fires when MapLibre has issued the draw calls,
 * before they are drawn.
 */
const stepDrawn = () => new Promise<void>((resolve) => map.once('idle', () => requestAnimationFrame(() => resolve())));

const slider = new TimeSlider({
  onFrame(index) {
    const started = performance.now();
    radar.show(index);
    void stepDrawn().then(() => performance.measure('radome:frame-step', { start: started, end: performance.now() }));
    writeUrl();
  },
  onLoopLength: () => void showLayer(),
});

const siteOf = (id: string | null): RadarSiteInfo | undefined => overview?.sites.find((s) => s.id === id);

function labelOf(layer: LayerSpec): string {
  return options.find((o) => formatLayer(o.layer) === formatLayer(layer))?.label ?? formatLayer(layer);
}

/**
 * Marks the first radar pixels: the frame after the shown frame's tiles are all in (performance
 * mark `radome:first-radar` and data-radar="ready", what the tests and bench wait for).
 */
function watchFirstPixels(frame: Frame, mine: number): void {
  const check = () => {
    if (mine !== generation) return map.off('sourcedata', check);
    if (radar.currentFrame !== frame || !radar.currentLoaded()) return;
    map.off('sourcedata', check);
    map.once('render', () => {
      if (mine !== generation) return;
      if (!performance.getEntriesByName('radome:first-radar').length) performance.mark('radome:first-radar');
      document.body.dataset.radar = 'ready';
      settleFirstView();
    });
    map.triggerRepaint();
  };
  map.on('sourcedata', check);
}

/** The frames of a layer around the URL's time (else the newest), up to the loop length. */
async function framesFor(site: RadarSiteInfo, layer: LayerSpec): Promise<Frame[] | null> {
  const latest = site.latestVolume ? Date.parse(site.latestVolume.scanStart) : Date.now();
  const wanted = view.time ? Date.parse(view.time) : latest;
  const frames = await loadFrames(client, site.id, layer, Math.max(latest, wanted), slider.loopLength);
  if (frames?.length && wanted < Date.parse(frames[0]!.time)) return loadFrames(client, site.id, layer, wanted, slider.loopLength);
  return frames;
}

/** Shows the chosen layer; `early` are its frames when they were asked for already (a permalink's layer). */
async function showLayer(early?: Promise<Frame[] | null>): Promise<void> {
  const mine = ++generation;
  liveStop?.abort();
  slider.pause();
  const layer = view.layer;
  const site = siteOf(view.site);
  document.body.dataset.radar = 'loading';
  $('readout').hidden = true;
  if (!layer || layer.kind === 'gnss') {
    settleFirstView();
    radar.clear();
    slider.setTimes([], 0);
    void showLegend(null, '');
    if (layer?.kind === 'gnss') {
      const station = overview?.stations.find((s) => s.id === layer.station);
      if (station) {
        if (view.lon === null) map.jumpTo({ center: [station.lon, station.lat], zoom: 7 });
        await showGnssPanel(client, station);
      } else showStatus('error', `GNSS station ${layer.station} is not in the catalog.`);
    }
    writeUrl();
    return;
  }
  if (!site) return settleFirstView();
  const frames = await (early ?? framesFor(site, layer));
  if (mine !== generation) return;
  if (!frames) return settleFirstView();
  if (!performance.getEntriesByName('radome:frames').length) performance.mark('radome:frames');
  if (!frames.length) {
    settleFirstView();
    radar.clear();
    slider.setTimes([], 0);
    showStatus('empty', `No ${labelOf(layer)} frames at ${site.id} in the catalog.`);
    return;
  }
  clearStatus();
  // The frame nearest the URL's time, else the newest.
  let index = frames.length - 1;
  if (view.time) {
    const t = Date.parse(view.time);
    index = frames.reduce((best, f, i) => (Math.abs(Date.parse(f.time) - t) < Math.abs(Date.parse(frames[best]!.time) - t) ? i : best), index);
  }
  radar.setFrames(frames, index);
  slider.setTimes(
    frames.map((f) => f.time),
    index,
  );
  watchFirstPixels(frames[index]!, mine);
  void showLegend(frames[index]!.tileJsonUrl, labelOf(layer));
  writeUrl();
  followLive(site.id, layer, mine);
}

/** The times of new frames of a layer as they are ingested: sweeps of its moment and elevation, or products of its mnemonic. */
async function* newFrameTimes(site: string, layer: LayerSpec, signal: AbortSignal): AsyncGenerator<number> {
  const subscriptions = createRadomeSubscriptions({ url: config.graphqlUrl, retryAttempts: 3 });
  try {
    if (layer.kind === 'level3') {
      for await (const event of subscriptions.productAdded({ site }, { signal })) {
        if (event.data?.productAdded.mnemonic === layer.mnemonic) yield Date.parse(event.data.productAdded.scanTime);
      }
    } else if (layer.kind === 'level2' || layer.kind === 'mosaic') {
      const moment = (layer.kind === 'level2' ? layer.moment : 'REF') as RadarMoment;
      const elevation = layer.kind === 'level2' ? layer.elevation : 0.5;
      for await (const event of subscriptions.sweepAdded({ site, moment }, { signal })) {
        if (event.data && Math.abs(event.data.sweepAdded.elevationAngle - elevation) <= 0.3) yield Date.parse(event.data.sweepAdded.startTime);
      }
    }
  } finally {
    void subscriptions.dispose();
  }
}

/** New sweeps or products of the shown layer extend the loop (and are shown when the newest frame was). */
function followLive(site: string, layer: LayerSpec, mine: number): void {
  if (layer.kind === 'gnss') return;
  liveStop = new AbortController();
  const signal = liveStop.signal;
  void (async () => {
    for await (const time of newFrameTimes(site, layer, signal)) {
      if (mine !== generation) break;
      const atNewest = radar.currentIndex === radar.frameList.length - 1;
      const frames = await loadFrames(client, site, layer, time + 60_000, slider.loopLength);
      if (!frames?.length || mine !== generation) continue;
      const index = atNewest
        ? frames.length - 1
        : Math.max(
            0,
            frames.findIndex((f) => f.tileJsonUrl === radar.currentFrame?.tileJsonUrl),
          );
      radar.setFrames(frames, index);
      slider.setTimes(
        frames.map((f) => f.time),
        index,
      );
    }
  })();
}

/** The site's layer options, and the frames of the URL's layer, asked for together. */
function askSite(site: RadarSiteInfo): { asked: LayerSpec | null; early: Promise<Frame[] | null> | undefined; found: Promise<LayerOption[] | null> } {
  const asked = view.layer;
  return { asked, early: asked && asked.kind !== 'gnss' ? framesFor(site, asked) : undefined, found: layerOptions(client, site) };
}

/** Shows a site; `pending` are its queries when they were sent already (at start, before the map loaded). */
async function chooseSite(id: string, pending?: ReturnType<typeof askSite>): Promise<void> {
  const site = siteOf(id);
  if (!site) return;
  view.site = id;
  sitePicker.value = id;
  const { asked, early, found: foundPromise } = pending ?? askSite(site);
  if (view.lon === null && asked?.kind !== 'gnss') map.jumpTo({ center: [site.lon, site.lat], zoom: SITE_ZOOM });
  // The URL's layer is drawn as soon as its frames are in, not after the pickers' queries (a third
  // of the way to the first radar pixels); its frames being there show the site holds it.
  const shown = early?.then((frames) => (frames?.length ? showLayer(early).then(() => true) : false));
  const found = await foundPromise;
  if (!found) return;
  options = [...found, ...(overview?.stations ?? []).map((s) => ({ layer: { kind: 'gnss', station: s.id } as LayerSpec, label: `GNSS ${s.id} SNR` }))];
  layerPicker.replaceChildren(...options.map((o) => new Option(o.label, formatLayer(o.layer))));
  const keep = view.layer && options.some((o) => formatLayer(o.layer) === formatLayer(view.layer!));
  if (!keep) view.layer = (options.find((o) => o.layer.kind === 'level2' && o.layer.moment === 'REF') ?? options[0])?.layer ?? null;
  if (view.layer) layerPicker.value = formatLayer(view.layer);
  if (view.lon === null && view.layer?.kind !== 'gnss') map.jumpTo({ center: [site.lon, site.lat], zoom: SITE_ZOOM });
  if (view.layer === asked && (await shown)) {
    // Drawn already: only the legend's label waited for the layer options.
    if (radar.currentFrame) void showLegend(radar.currentFrame.tileJsonUrl, labelOf(asked!));
    return;
  }
  await showLayer(view.layer === asked ? early : undefined);
}

// The catalog is asked for at once, while MapLibre starts.
const overviewLoaded = loadOverview(client);
const mapLoaded = new Promise<void>((resolve) =>
  map.once('load', () => {
    performance.mark('radome:map-load');
    resolve();
  }),
);

async function start(): Promise<void> {
  overview = await overviewLoaded;
  performance.mark('radome:catalog');
  // The first site's queries go out now, while MapLibre may still be loading.
  const first = overview && (siteOf(view.site) ?? overview.sites.find((s) => s.latestVolume) ?? overview.sites[0]);
  const pending = first ? askSite(first) : undefined;
  // Straight to the site (before the map loads, when it can), so no frame is drawn for the view left at once.
  if (first && view.lon === null && view.layer?.kind !== 'gnss') map.jumpTo({ center: [first.lon, first.lat], zoom: SITE_ZOOM });
  await mapLoaded;
  if (!overview || (!overview.sites.length && !overview.stations.length)) settleFirstView();
  if (!overview) return;
  if (!overview.sites.length && !overview.stations.length) {
    showStatus(
      'empty',
      'The catalog is empty: nothing has been ingested yet. Ingest the sample data with `radome ingest files <folder of NEXRAD or RINEX files>` (or run `radome start` to follow the KLOT radar), then reload.',
    );
    return;
  }
  // Markers once the first view is drawn, like the basemap: their sources are tiled by the worker
  // and each answer repaints the map, and every repaint before the first radar frame delays it
  // (on SwiftShader the page waits for each frame's pixels to be read back).
  const markersFor = overview;
  void firstViewSettled.then(() =>
    addMarkers(map, markersFor, {
      onSite: (id) => void chooseSite(id),
      onStation(id) {
        view.layer = { kind: 'gnss', station: id };
        layerPicker.value = formatLayer(view.layer);
        void showLayer();
      },
    }),
  );
  sitePicker.replaceChildren(...overview.sites.map((s) => new Option(s.id, s.id)));
  sitePicker.onchange = () => {
    view.time = null;
    void chooseSite(sitePicker.value);
  };
  layerPicker.onchange = () => {
    view.layer = parseLayer(layerPicker.value);
    view.time = null;
    void showLayer();
  };
  $<HTMLInputElement>('opacity').oninput = (e) => radar.setOpacity(Number((e.target as HTMLInputElement).value));
  if (first) await chooseSite(first.id, pending);
  else if (overview.stations.length) {
    options = overview.stations.map((s) => ({ layer: { kind: 'gnss', station: s.id } as LayerSpec, label: `GNSS ${s.id} SNR` }));
    layerPicker.replaceChildren(...options.map((o) => new Option(o.label, formatLayer(o.layer))));
    view.layer = view.layer?.kind === 'gnss' ? view.layer : options[0]!.layer;
    layerPicker.value = formatLayer(view.layer);
    await showLayer();
  }
}

attachReadout(map, client, { layer: () => view.layer, frame: () => radar.currentFrame, site: () => siteOf(view.site) ?? null });
map.on('click', (e) => {
  const layer = view.layer;
  const frames = radar.frameList;
  if (!view.site || !frames.length || !layer || (layer.kind !== 'level2' && layer.kind !== 'mosaic')) return;
  if (map.getLayer('sites') && map.queryRenderedFeatures(e.point, { layers: ['sites', 'stations'] }).length) return;
  const moment = layer.kind === 'level2' ? layer.moment : 'REF';
  const to = new Date(Date.parse(frames[frames.length - 1]!.time) + 600_000).toISOString();
  void showPointSeries(client, view.site, moment, e.lngLat.lng, e.lngLat.lat, frames[0]!.time, to);
});
map.on('moveend', writeUrl);
map.on('error', (e) => console.warn('map:', e.error?.message ?? e));
map.once('load', () => addVectorBasemap(map, config, firstViewSettled));
void start();

/** For scripting and the browser tests: the map and the frame controls. */
Object.assign(window, {
  radomeExplorer: {
    map,
    frames: () => radar.frameList,
    currentIndex: () => radar.currentIndex,
    showFrame(index: number) {
      slider.show(index);
      const started = performance.now();
      radar.show(index);
      writeUrl();
      return stepDrawn().then(() => performance.now() - started);
    },
  },
});
