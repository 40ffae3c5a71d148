/** `radar/level2/KLOT/2022/03/17/KLOT20220317_000842/e01-REF` (add `.png` / `.json`). */
export function level2ObjectStem(site: string, volumeStart: number, sweepId: string): string {
  const iso = new Date(volumeStart).toISOString();
  return `radar/level2/${site}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${sweepId}`;
}

/** `radar/level2/KLOT/2022/03/17/KLOT20220317_000842.zarr`: the volume's sweep store, beside its overlays. */
export function level2ZarrPrefix(site: string, volumeStart: number, volumeId: string): string {
  return `${level2ObjectStem(site, volumeStart, volumeId)}.zarr`;
}
