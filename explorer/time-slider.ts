// The time control: a slider over the frames, play/pause, speed and loop length, the frame time
// in UTC and local time. Keyboard: arrows and Home/End on the slider, space plays or pauses.
export interface TimeSliderEvents {
  /** The user (or playback) chose frame `index`. */
  onFrame(index: number): void;
  /** The loop length (frames) changed. */
  onLoopLength(count: number): void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function formatTimes(iso: string): string {
  const t = new Date(iso);
  const utc = `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const local = t.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return `${utc} · ${local}`;
}

export class TimeSlider {
  private readonly panel = $<HTMLElement>('time');
  private readonly range = $<HTMLInputElement>('frame');
  private readonly play = $<HTMLButtonElement>('play');
  private readonly speed = $<HTMLSelectElement>('speed');
  private readonly loop = $<HTMLSelectElement>('loop');
  private readonly label = $<HTMLOutputElement>('frame-time');
  private times: string[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly events: TimeSliderEvents) {
    this.range.addEventListener('input', () => this.choose(Number(this.range.value)));
    this.play.addEventListener('click', () => (this.playing ? this.pause() : this.start()));
    this.speed.addEventListener('change', () => this.playing && (this.pause(), this.start()));
    this.loop.addEventListener('change', () => events.onLoopLength(this.loopLength));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === ' ' && e.target !== this.play) {
        e.preventDefault();
        this.play.click();
      }
    });
  }

  get loopLength(): number {
    return Number(this.loop.value);
  }

  get playing(): boolean {
    return this.timer !== null;
  }

  /** New frame times (oldest first), showing `index`. */
  setTimes(times: string[], index: number): void {
    this.times = times;
    this.panel.hidden = times.length === 0;
    this.range.max = String(Math.max(0, times.length - 1));
    this.show(index);
  }

  /** Moves the thumb and the label (the caller shows the frame). */
  show(index: number): void {
    this.range.value = String(index);
    const time = this.times[index];
    this.label.value = time ? formatTimes(time) : '';
    this.label.dataset.time = time ?? '';
    this.range.setAttribute('aria-valuetext', this.label.value);
  }

  private choose(index: number): void {
    this.show(index);
    this.events.onFrame(index);
  }

  start(): void {
    if (this.times.length < 2) return;
    this.play.textContent = '⏸';
    this.play.setAttribute('aria-label', 'Pause');
    const tick = () => {
      const next = (Number(this.range.value) + 1) % this.times.length;
      this.choose(next);
      // Dwell on the newest frame, as radar loops do.
      this.timer = setTimeout(tick, next === this.times.length - 1 ? Number(this.speed.value) * 3 : Number(this.speed.value));
    };
    this.timer = setTimeout(tick, Number(this.speed.value));
  }

  pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.play.textContent = '▶';
    this.play.setAttribute('aria-label', 'Play');
  }
}
