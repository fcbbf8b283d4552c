import { useCallback, useMemo } from "react";
import { useLocation, useSearchParams } from "react-router-dom";
import { applyPatch, type Filters, filtersToPatch, type ParamPatch, readFilters } from "./url-state.ts";

/**
 * The URL's query string as filter state: read it, and change it (a history entry per change;
 * `replace` for corrections such as filling in the default brand, which keep the page's state).
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const { state } = useLocation();
  const filters = useMemo(() => readFilters(params), [params]);
  const setParamsPatch = useCallback(
    (patch: ParamPatch, options: { replace?: boolean } = {}) => {
      const replace = options.replace ?? false;
      setParams((prev) => applyPatch(prev, patch), replace ? { replace, state } : { replace });
    },
    [setParams, state],
  );
  const setFilters = useCallback(
    (next: Partial<Filters>, options: { replace?: boolean } = {}) => setParamsPatch(filtersToPatch(next), options),
    [setParamsPatch],
  );
  return { params, filters, setFilters, setParams: setParamsPatch };
}
