import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:8787";

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The server's CSP is `script-src 'self'`: never inline a script.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // @tremor/react ships side-effect-free ES modules behind one barrel file but does not say
        // so in its package.json; without this, every page importing a Badge would pull in the
        // charts (recharts) too.
        moduleSideEffects: [{ test: /[\\/]node_modules[\\/]@tremor[\\/]react[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      "/v1": api,
      "/healthz": api,
      "/openapi.json": api,
    },
  },
});
