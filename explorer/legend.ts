// The legend of the shown layer, from the colour table its TileJSON carries (units and entries).
interface LegendEntry {
  color: string;
  label: string;
}

interface TileJsonLegend {
  units?: string;
  legend?: { units: string; entries: LegendEntry[] };
}

const legends = new Map<string, Promise<TileJsonLegend | null>>();

/** The TileJSON of a layer (URL from the SDK); fetched once per URL. */
function tileJson(url: string): Promise<TileJsonLegend | null> {
  let pending = legends.get(url);
  if (!pending) {
    pending = fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<TileJsonLegend>) : null))
      .catch(() => null);
    legends.set(url, pending);
  }
  return pending;
}

export async function showLegend(tileJsonUrl: string | null, title: string): Promise<void> {
  const el = document.getElementById('legend')!;
  const doc = tileJsonUrl ? await tileJson(tileJsonUrl) : null;
  const entries = doc?.legend?.entries ?? [];
  el.hidden = entries.length === 0;
  el.replaceChildren();
  if (!entries.length) return;
  const heading = document.createElement('div');
  heading.className = 'legend-title';
  heading.textContent = `${title} (${doc?.legend?.units ?? doc?.units ?? ''})`;
  const list = document.createElement('ul');
  for (const entry of entries) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = entry.color;
    item.append(swatch, entry.label);
    list.append(item);
  }
  el.append(heading, list);
}
