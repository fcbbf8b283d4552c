import type { Scorecard } from "./types.ts";

/**
 * The default QA scorecard (DESIGN.md §6). The five weighted categories add up to 100.
 *
 * The schema requires every weight to be positive, so the two critical categories carry a
 * weight of 10 each (the review's weighted mean is then over 120 when everything is rated).
 * That lets a critical category count in the score like any other — a perfect privacy rating
 * raises the score, a rating of 2 or 3 lowers it — while a rating below 2 still makes the
 * whole review score 0 (a critical fail), which is what "critical" means.
 */
export const DEFAULT_SCORECARD: Scorecard = {
  categories: [
    {
      id: "accuracy",
      label: "Accuracy & policy adherence",
      weight: 30,
      critical: false,
      description: "Answers match the store's policy: timelines, return window, shipping, fees, currency.",
    },
    {
      id: "resolution",
      label: "Resolution & ownership",
      weight: 25,
      critical: false,
      description: "The problem is solved or actively followed up to a conclusive result.",
    },
    {
      id: "tone",
      label: "Tone & empathy",
      weight: 20,
      critical: false,
      description: "Polite, patient and respectful; no perfunctory, cold or dismissive replies.",
    },
    {
      id: "process",
      label: "Process & official channels",
      weight: 15,
      critical: false,
      description: "Follows the standard process and keeps the customer on the store's official channels.",
    },
    {
      id: "timeliness",
      label: "Timeliness",
      weight: 10,
      critical: false,
      description: "Replies and follow-ups within the store's response times.",
    },
    {
      id: "misleading_promise",
      label: "Misleading information or unauthorised promise",
      weight: 10,
      critical: true,
      description: "No false information and no promise beyond the store's policy.",
    },
    {
      id: "privacy",
      label: "Privacy",
      weight: 10,
      critical: true,
      description: "Never asks for or repeats card numbers, CVV or passwords; protects personal data.",
    },
  ],
  passScore: 80,
};
