/**
 * Vitest globalSetup: starts the Pub/Sub emulator (gcloud, Java 17) on 127.0.0.1 for the suites
 * that need it, provides its host to them, and stops it after the run. When gcloud or the
 * emulator component is missing, the host is null and those suites skip with the reason.
 */
import type { TestProject } from 'vitest/node';

import { pubSubEmulatorUnavailable, startPubSubEmulator } from '@matriz/runtime-gcp';

declare module 'vitest' {
  export interface ProvidedContext {
    pubsubEmulatorHost: string | null;
    pubsubEmulatorSkipReason: string | null;
  }
}

export default async function setup(project: TestProject) {
  const reason = pubSubEmulatorUnavailable();
  if (reason) {
    console.warn(`Pub/Sub emulator suites skipped: ${reason}.`);
    project.provide('pubsubEmulatorHost', null);
    project.provide('pubsubEmulatorSkipReason', reason);
    return;
  }
  const emulator = await startPubSubEmulator();
  process.env['PUBSUB_EMULATOR_HOST'] = emulator.host;
  project.provide('pubsubEmulatorHost', emulator.host);
  project.provide('pubsubEmulatorSkipReason', null);
  return async () => {
    await emulator.stop();
  };
}
