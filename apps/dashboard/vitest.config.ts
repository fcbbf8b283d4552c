import react from "@vitejs/plugin-react";
import { defaultClientConditions } from "vite";
import { defineConfig } from "vitest/config";

/**
 * Two projects, one run, one report (`vitest run` in the package's `test` script):
 *   components  Testing Library under jsdom, fetch mocked (test/)
 *   e2e         headless Chromium against a demo server (e2e/, see vitest.e2e.config.ts);
 *               runs after the components project.
 * `vitest run --project components` runs the component tests alone.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          setupFiles: ["./test/setup.ts"],
          include: ["test/**/*.test.{ts,tsx}"],
          css: false,
          testTimeout: 20_000,
        },
      },
      "./vitest.e2e.config.ts",
    ],
  },
});
