import { defineProject } from '../../vitest.shared.ts';

export default defineProject({ globalSetup: ['test/pubsub-global-setup.ts'] });
