import { describe, expect, it } from 'vitest';
import { bearerTokenMatches, bearerTokenOf } from './bearer-token.js';

describe('bearerTokenMatches', () => {
  it('accepts exactly the token, in any case of "Bearer"', () => {
    expect(bearerTokenMatches('Bearer s3cret', 's3cret')).toBe(true);
    expect(bearerTokenMatches('bearer   s3cret ', 's3cret')).toBe(true);
    expect(bearerTokenOf(['Bearer a', 'Bearer b'])).toBe('a');
  });

  it('refuses other tokens of any length or alphabet without throwing', () => {
    for (const given of ['Bearer s3cre', 'Bearer s3cret!', 'Bearer s3cré', 'Bearer 密码密码密码', 'Basic czNjcmV0', 's3cret', '', undefined]) {
      expect(bearerTokenMatches(given, 's3cret'), String(given)).toBe(false);
    }
    expect(bearerTokenMatches('Bearer été', 'été')).toBe(true);
  });

  it('refuses everything when no token is configured', () => {
    expect(bearerTokenMatches('Bearer anything', undefined)).toBe(false);
  });
});
