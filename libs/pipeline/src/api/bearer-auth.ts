import { createHash, timingSafeEqual } from 'node:crypto';

import { ApiError } from './api-error.ts';

/**
 * Checks `Authorization: Bearer <token>` against the configured token in constant time (both
 * sides are hashed first, so neither length nor content leaks through timing).
 */
export function requireBearer(header: string | undefined, token: string): void {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    throw new ApiError(
      'missing_token',
      'Writes need an `Authorization: Bearer <token>` header; send the API token.',
      {},
      { 'www-authenticate': 'Bearer' },
    );
  }
  const given = createHash('sha256').update(match[1]!).digest();
  const expected = createHash('sha256').update(token).digest();
  if (token.length === 0 || !timingSafeEqual(given, expected)) {
    throw new ApiError(
      'bad_token',
      'The bearer token is not valid; use the token the server printed or `MATRIZ_API_TOKEN`.',
      {},
      {
        'www-authenticate': 'Bearer error="invalid_token"',
      },
    );
  }
}
