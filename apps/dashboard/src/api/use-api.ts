import type { CaliperClient } from "@caliper/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useClient } from "./ApiProvider.tsx";

export type AsyncState<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "success"; data: T };

export type ApiResult<T> = AsyncState<T> & { reload: () => void };

/**
 * Loads data with the API client whenever `key` changes (a string naming every input of
 * `load`; null skips loading). Answers to superseded requests are dropped.
 */
export function useApi<T>(key: string | null, load: (client: CaliperClient) => Promise<T>): ApiResult<T> {
  const client = useClient();
  const loadRef = useRef(load);
  loadRef.current = load;
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState({ status: "loading" });
    // The nonce is part of the request identity: reload() re-runs the same key.
    void nonce;
    loadRef.current(client).then(
      (data) => {
        if (current) setState({ status: "success", data });
      },
      (error: unknown) => {
        if (current) setState({ status: "error", error });
      },
    );
    return () => {
      current = false;
    };
  }, [key, client, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
