import { z } from "zod";

/**
 * Validation messages in the API's own words ("is required", "must be a number, not text"),
 * for the issues whose schema gives no message of its own. A schema's own message always wins
 * (zod asks this map only when the schema has none); anything not covered here keeps zod's.
 */

const KIND: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  null: "null",
};

/** What a JSON value is, in the words of {@link KIND}. */
const kindOf = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number" && Number.isNaN(value)) return "not a number";
  return KIND[typeof value] ?? typeof value;
};

const oneOf = (values: readonly unknown[]): string => values.map((v) => String(v)).join(", ");

const units = (origin: string, n: number | bigint): string =>
  origin === "string" ? `${n} characters` : origin === "array" ? `${n} items` : String(n);

export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      const expected = KIND[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return "is required";
      return `must be ${expected}, not ${kindOf(issue.input)}`;
    }
    case "invalid_value":
      if (issue.input === undefined) return `is required: one of ${oneOf(issue.values)}`;
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of: ${oneOf(issue.values)}`;
    case "too_big":
      if (issue.origin === "date") return undefined;
      return issue.exact
        ? `must be exactly ${units(issue.origin, issue.maximum)}`
        : issue.inclusive === false
          ? `must be less than ${units(issue.origin, issue.maximum)}`
          : `must be at most ${units(issue.origin, issue.maximum)}`;
    case "too_small":
      if (issue.origin === "date") return undefined;
      if (issue.origin === "string" && issue.minimum === 1) return "must not be empty";
      if (issue.origin === "array" && issue.minimum === 1) return "must hold at least one item";
      return issue.exact
        ? `must be exactly ${units(issue.origin, issue.minimum)}`
        : issue.inclusive === false
          ? `must be more than ${units(issue.origin, issue.minimum)}`
          : `must be at least ${units(issue.origin, issue.minimum)}`;
    default:
      return undefined;
  }
}

z.config({ customError: issueMessage });
