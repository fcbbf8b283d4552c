import { defineProject } from "vitest/config";

/**
 * End-to-end tests: headless Chromium (Debian's, through playwright-core) against `caliper demo
 * --serve` started by e2e/global-setup.ts. A project of vitest.config.ts (so the package's
 * `test` script runs it after the component tests), or alone:
 *   npx vitest run -c vitest.e2e.config.ts
 */
export default defineProject({
  test: {
    name: "e2e",
    environment: "node",
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["./e2e/global-setup.ts"],
    // One browser at a time against one server: files run one after another, after the
    // component tests (group 1 > the default group 0).
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
