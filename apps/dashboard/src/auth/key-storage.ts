/**
 * The access key lives in sessionStorage (gone when the tab closes) and in memory — never in
 * localStorage, a cookie or a URL.
 */
const STORAGE_KEY = "caliper.accessKey";

export function loadKey(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveKey(key: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    // Storage disabled: the key stays in memory for this page only.
  }
}

export function clearKey(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}
