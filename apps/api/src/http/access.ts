import type { Role } from "@caliper/domain";

/**
 * Who may call a route. Every route declares one; the router refuses to register a route
 * without it, and the authorisation matrix test is generated from these declarations.
 *
 * - public: no key (health, docs, customer feedback with its own signed token).
 * - key: a bearer key with one of `roles`. `brand` says where the route's brand comes from,
 *   so a key scoped to some brands is refused (403) for any other:
 *     "query" / "param": checked before the handler runs;
 *     "handler": the handler checks each brand it reads (every event of a batch, a loaded record);
 *     "none": the route is not about one brand (admin-only routes).
 *   `agent`: for agent keys, where the agent id is that must equal the key's own agent.
 */
export type Access =
  | { kind: "public" }
  /**
   * A bearer key as below when one is sent; otherwise the handler authenticates the request
   * itself (a helpdesk's signed webhook) and answers 401 when it cannot.
   */
  | { kind: "key-or-signature"; roles: readonly Role[]; brand: BrandSource }
  | {
      kind: "key";
      roles: readonly Role[];
      brand: BrandSource;
      agent?: AgentSource;
    };

export type BrandSource =
  | { from: "query"; name: string }
  | { from: "param"; name: string }
  | { from: "handler" }
  | { from: "none" };

export type AgentSource =
  | { from: "param"; name: string }
  | { from: "query"; name: string }
  /** The handler narrows results to the agent's own (a list: other agents' rows are left out). */
  | { from: "filter" }
  /** The handler refuses (403) a resource that belongs to another agent (e.g. a ticket). */
  | { from: "owner" };

export const PUBLIC: Access = { kind: "public" };
