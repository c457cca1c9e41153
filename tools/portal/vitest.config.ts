import { defineProject } from '../ci/vitest.shared.ts';

export default defineProject();
