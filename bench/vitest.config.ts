import { defineConfig } from "vitest/config";

// Only the bench's own tests: bench/results holds baseline trees with the whole repo's tests.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"] },
});
