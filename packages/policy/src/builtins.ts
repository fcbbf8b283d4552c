import { DEFAULT_SCORECARD } from "./default-scorecard.ts";
import { parseDuration } from "./duration.ts";
import type { BrandPolicy, CalendarKind, ClockPolicy, Interval } from "./types.ts";

const duration = (text: string) => {
  const d = parseDuration(text);
  if (!d) throw new Error(`built-in policy has a bad duration '${text}'`);
  return d;
};

const clock = (target: string, limit: string, calendar: CalendarKind = "calendar"): ClockPolicy => ({
  target: duration(target),
  limit: duration(limit),
  calendar,
});

const NINE_TO_SIX: readonly Interval[] = [["09:00", "18:00"]];

/**
 * Sources that are not a sentence of a store's text start with this prefix: the value is the
 * default policy's because the text is silent (or the value is fixed by DESIGN.md).
 */
export const DEFAULT_SOURCE_PREFIX = "Not stated in ";

const notStated = (file: string, value: string): string => `${DEFAULT_SOURCE_PREFIX}${file}; default: ${value}.`;

const DESIGN_DEFAULTS = "DESIGN.md §3 default policy";

/** The `default` policy (DESIGN.md §3): brands not in the policy file get it. */
export const DEFAULT_POLICY: BrandPolicy = {
  brand: "default",
  name: "Default",
  timezone: "UTC",
  workingHours: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX },
  holidays: [],
  peakPeriods: [],
  clocks: {
    first_response: clock("24h", "48h"),
    next_response: clock("24h", "48h"),
    dispatch: clock("1wd", "3wd"),
    delivery: clock("6wd", "12wd"),
    refund: clock("5wd", "10wd"),
  },
  returns: { windowDays: 60, returnShipping: "free" },
  shipping: { free: true, dutiesPaidByStore: false },
  currency: "USD",
  officialChannels: ["contact_form"],
  scorecard: DEFAULT_SCORECARD,
  privacy: { keepOriginalBodies: false },
  sources: {
    timezone: `${DESIGN_DEFAULTS}: UTC.`,
    workingHours: `${DESIGN_DEFAULTS}: Mon–Fri 09:00–18:00.`,
    holidays: `${DESIGN_DEFAULTS}: none.`,
    peakPeriods: `${DESIGN_DEFAULTS}: none.`,
    "clocks.first_response": `${DESIGN_DEFAULTS}: response 24h/48h.`,
    "clocks.next_response": `${DESIGN_DEFAULTS}: response 24h/48h.`,
    "clocks.dispatch": `${DESIGN_DEFAULTS}: dispatch 1/3wd.`,
    "clocks.delivery": `${DESIGN_DEFAULTS}: delivery 6/12wd.`,
    "clocks.refund": `${DESIGN_DEFAULTS}: refund 5/10wd.`,
    "returns.windowDays": `${DESIGN_DEFAULTS}: 60 days.`,
    "returns.returnShipping": `${DESIGN_DEFAULTS}: free.`,
    "shipping.free": `${DESIGN_DEFAULTS}: free.`,
    "shipping.dutiesPaidByStore": `${DESIGN_DEFAULTS}: duties not covered.`,
    currency: "DESIGN.md §3: all built-ins settle refunds in USD.",
    officialChannels: `${DESIGN_DEFAULTS}: contact_form.`,
    scorecard: "DESIGN.md §6 default categories.",
    "privacy.keepOriginalBodies": "DESIGN.md: message bodies are redacted by default.",
  },
};

/** Sources every built-in shares: values DESIGN.md fixes for all of them. */
const commonSources = (file: string): Record<string, string> => ({
  timezone: `${DEFAULT_SOURCE_PREFIX}${file}; DESIGN.md §3: all built-ins use timezone UTC.`,
  workingHours: `${DEFAULT_SOURCE_PREFIX}${file}; DESIGN.md §3: all built-ins use working hours Mon–Fri 09:00–18:00.`,
  holidays: notStated(file, "no holidays"),
  peakPeriods: notStated(file, "no peak periods"),
  currency: `${DEFAULT_SOURCE_PREFIX}${file}; DESIGN.md §3: all built-ins settle refunds in USD.`,
  scorecard: notStated(file, "DESIGN.md §6 default categories"),
  "privacy.keepOriginalBodies": notStated(file, "message bodies are redacted"),
});

const builtin = (
  brand: string,
  name: string,
  overrides: Partial<Omit<BrandPolicy, "brand" | "name" | "sources">>,
  sources: Record<string, string>,
): BrandPolicy => ({
  ...DEFAULT_POLICY,
  ...overrides,
  brand,
  name,
  sources: { ...commonSources(`${brand}.txt`), ...sources },
});

const EYEWEAR = builtin(
  "eyewear",
  "Eyewear",
  {},
  {
    "clocks.first_response": notStated("eyewear.txt", "24h/48h"),
    "clocks.next_response": notStated("eyewear.txt", "24h/48h"),
    "clocks.dispatch": notStated("eyewear.txt", "1/3wd"),
    "clocks.delivery": notStated("eyewear.txt", "6/12wd"),
    "clocks.refund": notStated("eyewear.txt", "5/10wd"),
    "returns.windowDays":
      "For after-sales scenarios such as product dissatisfaction, size mismatch, or quality issues, customer service staff provide clear guidance on the 60-day free return policy, assisting users in completing return applications, understanding product return conditions, and following standardized return processes.",
    "returns.returnShipping":
      "For after-sales scenarios such as product dissatisfaction, size mismatch, or quality issues, customer service staff provide clear guidance on the 60-day free return policy, assisting users in completing return applications, understanding product return conditions, and following standardized return processes.",
    "shipping.free":
      "Pre-purchase consultation services fully support users in understanding platform service rules including free shipping policies, delivery cycle specifications, and after-sales return guarantee mechanisms, enabling users to comprehensively grasp platform service advantages and transaction rules prior to purchasing.",
    "shipping.dutiesPaidByStore": notStated("eyewear.txt", "duties not covered"),
    officialChannels: notStated("eyewear.txt", "contact_form (the text names no specific channel)"),
  },
);

const MARKETPLACE_POST_PURCHASE =
  "All post-purchase requests are handled according to uniform 60-day return timeframe, 5-10 day refund timeframe, complimentary return and complimentary shipping rules to guarantee standardized and consistent post-purchase service for worldwide users.";

const MARKETPLACE = builtin(
  "marketplace",
  "Marketplace",
  {},
  {
    "clocks.first_response": notStated("marketplace.txt", "24h/48h"),
    "clocks.next_response": notStated("marketplace.txt", "24h/48h"),
    "clocks.dispatch": notStated("marketplace.txt", "1/3wd"),
    "clocks.delivery": notStated("marketplace.txt", "6/12wd"),
    "clocks.refund": MARKETPLACE_POST_PURCHASE,
    "returns.windowDays": MARKETPLACE_POST_PURCHASE,
    "returns.returnShipping": MARKETPLACE_POST_PURCHASE,
    "shipping.free": MARKETPLACE_POST_PURCHASE,
    "shipping.dutiesPaidByStore": notStated("marketplace.txt", "duties not covered"),
    officialChannels: notStated("marketplace.txt", "contact_form (the text names no specific channel)"),
  },
);

const GLOBAL_GOODS = builtin(
  "global-goods",
  "Global Goods",
  { shipping: { free: true, dutiesPaidByStore: true } },
  {
    "clocks.first_response": notStated("global-goods.txt", "24h/48h"),
    "clocks.next_response": notStated("global-goods.txt", "24h/48h"),
    "clocks.dispatch":
      "After the order review is passed, we will complete the sorting, packaging and delivery of the goods within 1 to 3 working days, and synchronize the logistics information to the platform in real time, so that users can check the order logistics dynamics at any time.",
    "clocks.delivery":
      "With a mature global logistics distribution network, our goods will be delivered to users safely within 6 to 12 working days after delivery.",
    "clocks.refund":
      "After the returned goods are received and verified to be in line with the return regulations, we will complete the refund processing within 5 to 10 working days.",
    "returns.windowDays":
      "In order to fully protect the consumption rights and interests of users, the platform provides a 60-day return service for all purchased products.",
    "returns.returnShipping": notStated("global-goods.txt", "free (the text does not say who pays return shipping)"),
    "shipping.free":
      "We provide global free shipping services for all products on the platform, and users do not need to bear any freight costs.",
    "shipping.dutiesPaidByStore":
      "In the whole process of cross-border logistics transportation, all tariff expenses and related handling fees incurred are fully borne by the platform, and users do not need to pay any additional hidden fees, realizing zero extra cost for user shopping.",
    currency:
      "All refund amounts will be settled in USD uniformly and returned to the user's original payment account in full.",
    officialChannels:
      "All users' demands for product consultation, order processing, logistics feedback, after-sales application, service suggestions and complaint feedback can be submitted through the Contact Us page of the platform.",
  },
);

const CLEAN_BEAUTY_RETURNS =
  "In combination with the platform’s 60-day free return and 5-10 working days refund rules, we have formulated standardized return and refund after-sales service processes to provide users with one-stop after-sales solution support.";

const CLEAN_BEAUTY = builtin(
  "clean-beauty",
  "Clean Beauty",
  {},
  {
    "clocks.first_response": notStated("clean-beauty.txt", "24h/48h"),
    "clocks.next_response": notStated("clean-beauty.txt", "24h/48h"),
    "clocks.dispatch": notStated("clean-beauty.txt", "1/3wd"),
    "clocks.delivery": notStated("clean-beauty.txt", "6/12wd"),
    "clocks.refund": CLEAN_BEAUTY_RETURNS,
    "returns.windowDays": CLEAN_BEAUTY_RETURNS,
    "returns.returnShipping": CLEAN_BEAUTY_RETURNS,
    "shipping.free": notStated("clean-beauty.txt", "free shipping"),
    "shipping.dutiesPaidByStore": notStated("clean-beauty.txt", "duties not covered"),
    officialChannels: notStated("clean-beauty.txt", "contact_form (the text names no specific channel)"),
  },
);

const JEWELRY_RESPONSE =
  "Generally, you will receive a response from our customer service team within 24-48 hours after submitting the form.";
const JEWELRY_ORDERS =
  "Order-related inquiries: Order status tracking, processing progress (1-3 days for shipping preparation), delivery updates (estimated 6-12 days delivery), and order modification/cancellation requests (if applicable before shipment);";

const JEWELRY = builtin(
  "jewelry",
  "Jewelry",
  { returns: { windowDays: 60, returnShipping: "customer_pays_unless_fault" } },
  {
    peakPeriods: `${DEFAULT_SOURCE_PREFIX}jewelry.txt as dates; default: no peak periods. (The text says only: "During peak shopping periods, the response time may be slightly extended, but we will prioritize handling your request and keep you updated.")`,
    "clocks.first_response": JEWELRY_RESPONSE,
    "clocks.next_response": JEWELRY_RESPONSE,
    "clocks.dispatch": JEWELRY_ORDERS,
    "clocks.delivery": JEWELRY_ORDERS,
    "clocks.refund":
      "Once we receive and inspect your returned item to confirm it meets the return criteria (unused, in original condition with intact packaging and tags), we will process the refund within 5-10 days.",
    "returns.windowDays":
      "Return and refund assistance: Guidance on the 60-day return process, return eligibility confirmation, and refund status inquiries (refunds processed within 5-10 days after return inspection);",
    "returns.returnShipping":
      "Please note that return shipping costs are borne by the customer unless the return is due to a product defect or an error on our part (e.g., wrong item shipped).",
    "shipping.free":
      "Shipping-related issues: Delayed deliveries, missing packages, shipping address corrections, and free shipping policy clarification;",
    "shipping.dutiesPaidByStore": notStated("jewelry.txt", "duties not covered"),
    currency:
      "Payment-related questions: Transaction confirmation, USD currency settlement explanation, and payment failure troubleshooting;",
    officialChannels:
      "The only official way to contact our customer service team is through the form on the Contact Us page.",
  },
);

/** The five stores of `policy-sources/` (DESIGN.md §3); ids are a contract. */
export const BUILTIN_POLICIES: Readonly<Record<string, BrandPolicy>> = Object.freeze({
  eyewear: EYEWEAR,
  marketplace: MARKETPLACE,
  "global-goods": GLOBAL_GOODS,
  "clean-beauty": CLEAN_BEAUTY,
  jewelry: JEWELRY,
});
