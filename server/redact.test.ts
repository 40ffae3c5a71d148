import { describe, expect, it } from 'vitest';
import { folderAndName, redactServerPaths } from './redact.js';

describe('redactServerPaths', () => {
  it('cuts absolute paths and file: URLs to their last segment', () => {
    expect(redactServerPaths("could not read radar/a.png in file:/srv/radome/var/objects: EACCES: open '/srv/radome/var/objects/radar/a.png'")).toBe(
      "could not read radar/a.png in file:…/objects: EACCES: open '…/a.png'",
    );
    expect(redactServerPaths('/data/KLOT/KLOT20220317_000842_V06: truncated')).toBe('…/KLOT20220317_000842_V06: truncated');
    expect(redactServerPaths('at f (C:\\radome\\dist\\x.js:1:2)')).toBe('at f (…\\x.js:1:2)');
  });

  it('leaves URLs, object keys and single words alone', () => {
    for (const text of ['see http://127.0.0.1:4000/objects/radar/a.png', 'object key radar/level2/KLOT/a.png', 'on /graphql', 'after: not a cursor']) {
      expect(redactServerPaths(text)).toBe(text);
    }
  });
});

describe('folderAndName', () => {
  it('names a local file by its folder and its own name; keeps relative keys', () => {
    expect(folderAndName('/home/me/radar/KLOT/KLOT20220317_000842_V06')).toBe('KLOT/KLOT20220317_000842_V06');
    expect(folderAndName('2022/03/17/KLOT/KLOT20220317_000842_V06')).toBe('2022/03/17/KLOT/KLOT20220317_000842_V06');
  });
});
