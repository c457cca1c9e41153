import { defineProject } from '../tools/ci/vitest.shared.ts';

export default defineProject();
