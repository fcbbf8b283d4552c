import type { Role } from "@caliper/domain";
import type { Services } from "./services.ts";

/** Who is calling: resolved from the bearer key. */
export interface Principal {
  keyId: string;
  role: Role;
  /** Brands the key may act on; null = every brand. */
  brands: readonly string[] | null;
  /** The agent an agent key is bound to. */
  agentId: string | null;
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    principal: Principal | null;
  };
}
