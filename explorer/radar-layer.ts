// The frames of the chosen layer on the map: one raster source per frame (the SDK's rasterSource),
// only the current one opaque, so stepping or playing only changes opacities. The shown frame
// loads first; once its tiles are in, the others are added and preload behind it, so every
// frame's tiles are already in when it is shown. Tiles are 512 px (the @2x tiles): a quarter of the
// requests, image decodes, texture uploads and repaints of 256 px tiles for the same pixels, which
// measured a shorter path to the first radar pixels.
import type { Map as MaplibreMap } from 'maplibre-gl';
import { ANCHOR_RADAR_TOP } from './basemap.js';
import type { Frame } from './frames.js';
import { rasterSource } from './sdk.js';

const idOf = (frame: Frame) => `radar:${frame.tileJsonUrl}`;

/** The two fields of MapLibre's private render state that dropRepeatRender resets (maplibre-gl 6.17). */
interface MapRenderState {
  _styleDirty: boolean;
  _frameRequest: AbortController | null;
}

export class RadarFrames {
  private frames: Frame[] = [];
  private current = -1;
  private opacity = 0.85;

  /** The layer a step just made opaque, until the render that applies the step. */
  private stepped: string | null = null;

  constructor(private readonly map: MaplibreMap) {
    map.on('styledata', () => this.dropRepeatRender());
  }

  get frameList(): readonly Frame[] {
    return this.frames;
  }

  get currentIndex(): number {
    return this.current;
  }

  get currentFrame(): Frame | null {
    return this.frames[this.current] ?? null;
  }

  /** Replaces the frames, keeping the sources of frames still wanted (a live update adds one). */
  setFrames(frames: Frame[], show: number): void {
    // The shown frame is hidden first: a live update keeps its source, and it must not stay drawn under the next.
    const shown = this.currentFrame;
    if (shown && this.map.getLayer(idOf(shown))) this.map.setPaintProperty(idOf(shown), 'raster-opacity', 0);
    const keep = new Set(frames.map(idOf));
    for (const old of this.frames) {
      const id = idOf(old);
      if (keep.has(id)) continue;
      if (this.map.getLayer(id)) this.map.removeLayer(id);
      if (this.map.getSource(id)) this.map.removeSource(id);
    }
    this.frames = frames;
    this.current = -1;
    this.show(show);
    if (!this.currentFrame) return;
    const preload = () => {
      if (this.frames !== frames) return this.map.off('sourcedata', preload);
      if (!this.currentLoaded()) return;
      this.map.off('sourcedata', preload);
      for (const frame of frames) this.add(frame);
    };
    this.map.on('sourcedata', preload);
  }

  private add(frame: Frame): void {
    const id = idOf(frame);
    if (this.map.getSource(id)) return;
    this.map.addSource(id, rasterSource(frame.tileJsonUrl, { tileSize: 512 }));
    this.map.addLayer(
      { id, type: 'raster', source: id, paint: { 'raster-opacity': 0, 'raster-opacity-transition': { duration: 0, delay: 0 }, 'raster-fade-duration': 0, 'raster-resampling': 'nearest' } },
      ANCHOR_RADAR_TOP,
    );
  }

  show(index: number): void {
    if (index < 0 || index >= this.frames.length) return;
    const previous = this.frames[this.current];
    if (previous && this.map.getLayer(idOf(previous))) this.map.setPaintProperty(idOf(previous), 'raster-opacity', 0);
    this.current = index;
    this.add(this.frames[index]!);
    this.map.setPaintProperty(idOf(this.frames[index]!), 'raster-opacity', this.opacity);
    this.stepped = idOf(this.frames[index]!);
  }

  /**
   * Makes a step one repaint, not two. MapLibre applies a style change in its next render and fires
   * the style's 'data' event from inside that render, and the map answers that event by asking for
   * another render of the same picture (mapbox/mapbox-gl-js#5762). On SwiftShader every render is a
   * full software repaint, so that second one was half of each step's CPU (measured: two renders and
   * ~400 ms of Chromium CPU a step, one render ~200 ms) and, being drawn before the next step's,
   * half of a step's time in playback. MapLibre has no public way to skip it, so the request is
   * dropped here, and only from inside the render that applied the step (the shown layer's evaluated
   * opacity is the new one); a transition or a source still loading asks again at the end of that
   * render as usual. The browser test counts one render per step, so an upgrade that changes this fails it.
   */
  private dropRepeatRender(): void {
    const layer = this.stepped ? this.map.getLayer(this.stepped) : undefined;
    if (!layer || (layer.paint as { get(name: string): unknown } | undefined)?.get('raster-opacity') !== this.opacity) return;
    this.stepped = null;
    const state = this.map as unknown as MapRenderState;
    state._styleDirty = false;
    state._frameRequest?.abort();
    state._frameRequest = null;
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    const frame = this.currentFrame;
    if (frame) this.map.setPaintProperty(idOf(frame), 'raster-opacity', opacity);
  }

  /** True once every tile of the shown frame in view is loaded. */
  currentLoaded(): boolean {
    const frame = this.currentFrame;
    return frame !== null && this.map.getSource(idOf(frame)) !== undefined && this.map.isSourceLoaded(idOf(frame));
  }

  /** True once every frame's tiles in view are loaded (playback then never waits). */
  allLoaded(): boolean {
    return this.frames.every((f) => this.map.getSource(idOf(f)) && this.map.isSourceLoaded(idOf(f)));
  }

  clear(): void {
    this.setFrames([], -1);
  }
}
