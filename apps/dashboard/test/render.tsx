import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, useLocation } from "react-router-dom";
import { App } from "../src/app/App.tsx";

const STORAGE_KEY = "caliper.accessKey";

/** Copies the router's current path and query into `into.current` (what the address bar shows). */
function LocationProbe({ into }: { into: { current: string } }) {
  const l = useLocation();
  into.current = `${l.pathname}${l.search}`;
  return null;
}

/** Renders the whole app at `path`, signed in with `key` (as after a reload of the tab) when given. */
export function renderApp(path: string, options: { key?: string } = {}) {
  if (options.key) window.sessionStorage.setItem(STORAGE_KEY, options.key);
  const location = { current: "" };
  const user = userEvent.setup();
  const utils = render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <App />
      <LocationProbe into={location} />
    </MemoryRouter>,
  );
  return { ...utils, user, location };
}

/** Collects what the app downloads (through Blob + object URL). */
export function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let lastBlob: Blob | null = null;
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    lastBlob = obj as Blob;
    return "blob:caliper-test";
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (lastBlob) files.push({ name: this.download, blob: lastBlob });
    lastBlob = null;
  };
  return {
    files,
    text: (i = files.length - 1) => readBlob(files[i]?.blob),
    restore() {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

function readBlob(blob: Blob | undefined): Promise<string> {
  if (!blob) return Promise.reject(new Error("nothing was downloaded"));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
