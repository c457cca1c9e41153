/**
 * Vitest globalSetup: the Pub/Sub emulator on 127.0.0.1, shared with runtime-gcp's suites (the
 * same setup, started and stopped by that module; suites skip with the reason when it is absent).
 */
export { default } from '@matriz/runtime-gcp/testing/pubsub-global-setup';
