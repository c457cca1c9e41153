import { defineProject } from '../../tools/ci/vitest.shared.ts';

export default defineProject({ globalSetup: ['test/pubsub-global-setup.ts'] });
