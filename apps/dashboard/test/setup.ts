import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// jsdom has no layout: charts (recharts) need a ResizeObserver, downloads need object URLs.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
URL.createObjectURL ??= () => "blob:caliper-test";
URL.revokeObjectURL ??= () => {};

// recharts warns that charts have no size under jsdom (there is no layout): expected, not news.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith("The width(0) and height(0) of chart")) return;
  warn(...args);
};

// Lazy pages are transformed on first import: give findBy* queries time for that.
configure({ asyncUtilTimeout: 8_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
