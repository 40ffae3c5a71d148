// What the server and the build put into index.html: the GraphQL path, an optional raster basemap
// (RADOME_BASEMAP_URL) and the hashed names of the basemap's GeoJSON files.
export interface PageConfig {
  graphqlUrl: string;
  basemapUrl: string | null;
  basemap: { land: string; lines: string };
}

function jsonOf<T>(id: string): Partial<T> {
  const text = document.getElementById(id)?.textContent;
  return text ? (JSON.parse(text) as Partial<T>) : {};
}

export function readPageConfig(): PageConfig {
  const server = jsonOf<{ graphqlPath: string; basemapUrl: string | null }>('radome-explorer-config');
  const assets = jsonOf<{ basemap: PageConfig['basemap'] }>('radome-explorer-assets');
  return {
    graphqlUrl: new URL(server.graphqlPath ?? 'graphql', document.baseURI).href,
    basemapUrl: server.basemapUrl ?? null,
    basemap: assets.basemap ?? { land: '', lines: '' },
  };
}
