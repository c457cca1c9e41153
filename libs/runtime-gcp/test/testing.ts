/**
 * Test servers for other projects' suites (`@matriz/runtime-gcp/testing`): the loopback GCS JSON
 * API fake, the BigQuery request recorder, and an auth client with a fixed token so no Google
 * client ever asks a metadata server or a token endpoint.
 */
import { OAuth2Client } from 'google-auth-library';

export { startFakeGcs, type FakeGcsServer, type FakeObject } from './fake-gcs-server.ts';
export {
  startFakeBigQuery,
  type FakeBigQuery,
  type RecordedRequest,
} from './fake-bigquery-server.ts';

/** An OAuth2 client holding a fixed access token that does not expire within the test. */
export function fixedTokenAuth(): OAuth2Client {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'test-token', expiry_date: Date.now() + 3_600_000 });
  return auth;
}
