import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { backoffDelay, withRetry } from '../../core/retry.js';
import { RadomeError } from '../../core/errors.js';
import { validateIngestFlag } from '../../core/ingest-flags.js';

const dir = mkdtempSync(join(tmpdir(), 'radome-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withFile(json: unknown, env: Record<string, string> = {}) {
  writeFileSync(join(dir, 'radome.config.json'), typeof json === 'string' ? json : JSON.stringify(json));
  return () => loadDaemonConfig(env, dir);
}

describe('radome.config.json', () => {
  it('defaults without a file: level2 only, KLOT every 300 s over 60 min', () => {
    const c = loadDaemonConfig({}, join(dir, 'nowhere'));
    expect(c.file).toBeNull();
    expect(c.level2).toMatchObject({ enabled: true, sites: ['KLOT'], intervalSeconds: 300, windowMinutes: 60 });
    expect(c.level2Chunks.enabled).toBe(false);
    expect(c.level2Chunks.bucket).toBe('unidata-nexrad-level2-chunks');
    expect(c.retention.olderThanMs).toBeNull();
  });

  it('reads schedules as ISO durations, and the environment wins over the file', () => {
    const load = withFile(
      { ingest: { workers: 3 }, retention: { olderThan: 'P7D' }, sources: { level2: { sites: ['kiwx'], every: 'PT30S', window: 'PT2H' }, level2Chunks: { enabled: true } } },
      { RADOME_LEVEL2_SITES: 'KLOT,KDVN', RADOME_INGEST_WORKERS: '1' },
    );
    const c = load();
    expect(c.file).toBe(join(dir, 'radome.config.json'));
    expect(c.workers).toBe(1);
    expect(c.level2).toMatchObject({ sites: ['KLOT', 'KDVN'], intervalSeconds: 30, windowMinutes: 120 });
    expect(c.level2Chunks.enabled).toBe(true);
    expect(c.retention.olderThanMs).toBe(7 * 86_400_000);
    expect(withFile({ sources: { level2Chunks: { enabled: true } } }, { RADOME_SOURCES: 'level3' })().level2Chunks.enabled).toBe(false);
  });

  it.each([
    [{ sources: { level2: { sites: ['KLOT', 'KL0T'] } } }, /sources\.level2\.sites\[1\] "KL0T" is not a 4-letter ICAO/],
    [{ sources: { level2: { every: '5 minutes' } } }, /sources\.level2\.every must be an ISO 8601 duration/],
    [{ ingest: { workers: 0 } }, /ingest\.workers must be a whole number from 1 to 64, not 0/],
    [{ sources: { level4: {} } }, /sources\.level4 is not a known setting/],
    [{ retention: { olderThan: 'P1M' } }, /retention\.olderThan must be an ISO 8601 duration/],
    ['{ not json', /not valid JSON/],
  ])('rejects %j with a CONFIG error naming the field', (json, message) => {
    const load = withFile(json);
    expect(load).toThrow(RadomeError);
    expect(load).toThrow(message);
    try {
      load();
    } catch (e) {
      expect((e as RadomeError).code).toBe('CONFIG');
    }
  });

  it('rejects a bad environment override naming the variable', () => {
    expect(() => loadDaemonConfig({ RADOME_INGEST_MAX_ATTEMPTS: 'many' }, join(dir, 'x'))).toThrow(/RADOME_INGEST_MAX_ATTEMPTS=many/);
    expect(() => loadDaemonConfig({ RADOME_CONFIG: 'missing.json' }, dir)).toThrow(/RADOME_CONFIG=missing.json: no such file/);
  });
});

describe('ingest flags', () => {
  it('normalises known flags and rejects unknown names and bad values', () => {
    expect(validateIngestFlag('level2.sites', ' klot, kiwx ')).toBe('KLOT,KIWX');
    expect(validateIngestFlag('retention.olderThan', 'p7d')).toBe('P7D');
    expect(() => validateIngestFlag('level2.products', 'N0H')).toThrow(/unknown flag level2\.products/);
    expect(() => validateIngestFlag('ingest.paused', 'yes')).toThrow(/true or false/);
  });
});

describe('retry', () => {
  it('backs off exponentially with jitter, capped', () => {
    const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(policy, 0, () => 0)).toBe(50);
    expect(backoffDelay(policy, 0, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(800);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
  });

  it('retries transient errors, not bad input', async () => {
    let calls = 0;
    const policy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
    const value = await withRetry(async () => {
      if (++calls < 3) throw new RadomeError('SOURCE_UNAVAILABLE', 'down');
      return 'ok';
    }, policy);
    expect([value, calls]).toEqual(['ok', 3]);
    calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new RadomeError('CORRUPT', 'bad');
      }, policy),
    ).rejects.toThrow('bad');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new RadomeError('SOURCE_UNAVAILABLE', 'still down');
      }, policy),
    ).rejects.toThrow('still down');
    expect(calls).toBe(4);
  });
});
