/** `KLOT20220317_000842`: site + volume start, as the archive names the file. Stable across re-ingest. */
export function level2VolumeId(site: string, volumeStart: number): string {
  const iso = new Date(volumeStart).toISOString();
  return `${site}${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** `KLOT20220317_000842/e01-REF`: one sweep of one moment. */
export function level2SweepId(volumeId: string, elevationNumber: number, moment: string): string {
  return `${volumeId}/e${String(elevationNumber).padStart(2, '0')}-${moment}`;
}

/** `radar/level2/KLOT/2022/03/17/KLOT20220317_000842/e01-REF` (add `.png` / `.json`). */
export function level2ObjectStem(site: string, volumeStart: number, sweepId: string): string {
  const iso = new Date(volumeStart).toISOString();
  return `radar/level2/${site}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${sweepId}`;
}

/** `radar/level2/KLOT/2022/03/17/KLOT20220317_000842.zarr`: the volume's sweep store, beside its overlays. */
export function level2ZarrPrefix(site: string, volumeStart: number, volumeId: string): string {
  return `${level2ObjectStem(site, volumeStart, volumeId)}.zarr`;
}
