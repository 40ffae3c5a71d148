// GraphQL over HTTP conformance: graphql-http's ctx.server audits against radome's /graphql. Every
// MUST audit has to pass ("error" results fail); SHOULD/MAY results ("warn", "notice": Apollo
// answers 400 to invalid documents, and CSRF prevention blocks simple GETs) are reported.
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useFixtureServer } from '../support/radar-fixture.js';

const ctx = useFixtureServer();

describe('graphql-http ctx.server audits', () => {
  const audits = serverAudits({ url: () => ctx.server.graphqlUrl, fetchFn: fetch });

  it('has MUST audits to run', () => {
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (result.status !== 'ok' && result.status !== 'error') console.info(`${audit.id} ${result.status}: ${result.reason}`);
      expect(result.status, 'reason' in result ? result.reason : '').not.toBe('error');
    });
  }
});
