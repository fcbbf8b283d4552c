import type { Category, Channel, ReturnReason } from "@caliper/domain";

/** Message-rule ids of DESIGN.md §6 that demo agents sometimes break. */
export type RuleId =
  | "promise.refund_timeline"
  | "promise.delivery_timeline"
  | "promise.return_window"
  | "promise.return_shipping"
  | "fees.hidden"
  | "channel.off_platform"
  | "currency.non_usd"
  | "tone.dismissive"
  | "privacy.sensitive_data";

export interface DemoAgentProfile {
  /** "<brand>/<first name, lower-case>". */
  id: string;
  name: string;
  /** What this agent is like, for people looking at the demo. */
  trait: string;
  /** Median reply delay in working minutes. */
  speed: number;
  /** Relative share of the store's tickets routed to this agent. */
  load: number;
  /** Added to the customer's rating tendency (loved agents > 0). */
  warmth: number;
  /** Probability that one of this agent's messages breaks a message rule. */
  breakRate: number;
  /** The rules this agent tends to break (the first that fits the conversation is used). */
  habits: RuleId[];
  /** Probability of leaving an internal note on a ticket. */
  notes: number;
  /** Share of replies sent outside working hours (evenings, weekends). */
  afterHours: number;
  /** Probability of marking a ticket solved when the customer has no more questions. */
  closes: number;
}

export interface Product {
  name: string;
  /** Price range in USD. */
  price: readonly [number, number];
}

export interface DemoStore {
  brand: string;
  name: string;
  /** Ticket and order id prefix. */
  prefix: string;
  /** Share of all demo tickets. */
  weight: number;
  /** Support domain used in off-platform messages. */
  domain: string;
  agents: DemoAgentProfile[];
  categories: readonly (readonly [Category, number])[];
  channels: readonly (readonly [Channel, number])[];
  products: readonly Product[];
  carriers: readonly string[];
  /** Share of contact-form and email tickets that get an auto-acknowledgement. */
  bot: number;
  returnReasons: readonly (readonly [ReturnReason, number])[];
  /** Return shipping is free (else the customer pays unless the store is at fault). */
  freeReturns: boolean;
  /** The store pays duties and import taxes. */
  dutiesPaid: boolean;
}

const agent = (
  brand: string,
  name: string,
  trait: string,
  p: Partial<Omit<DemoAgentProfile, "id" | "name" | "trait">>,
): DemoAgentProfile => ({
  id: `${brand}/${name.toLowerCase()}`,
  name,
  trait,
  speed: p.speed ?? 150,
  load: p.load ?? 1,
  warmth: p.warmth ?? 0,
  breakRate: p.breakRate ?? 0.004,
  habits: p.habits ?? ["tone.dismissive", "currency.non_usd", "privacy.sensitive_data"],
  notes: p.notes ?? 0.15,
  afterHours: p.afterHours ?? 0.03,
  closes: p.closes ?? 0.93,
});

const CHANNELS = [
  ["contact_form", 0.72],
  ["email", 0.17],
  ["chat", 0.11],
] as const;

export const DEMO_STORES: readonly DemoStore[] = [
  {
    brand: "eyewear",
    name: "Eyewear",
    prefix: "EW",
    weight: 0.24,
    domain: "eyewear-help.com",
    agents: [
      agent("eyewear", "Ana", "fast and loved by customers", { speed: 28, load: 1.5, warmth: 0.6, notes: 0.2 }),
      agent("eyewear", "Ben", "slow: replies often wait a day or more", { speed: 450, load: 0.8, warmth: -0.2 }),
      agent("eyewear", "Carla", "sometimes promises what the policy forbids (fast refunds, longer returns)", {
        speed: 95,
        breakRate: 0.1,
        habits: ["promise.refund_timeline", "promise.return_window", "promise.delivery_timeline"],
        warmth: 0.3,
      }),
      agent("eyewear", "Diego", "sends customers to his email address", {
        speed: 140,
        breakRate: 0.09,
        habits: ["channel.off_platform"],
      }),
      agent("eyewear", "Emma", "steady, writes detailed internal notes", { speed: 170, notes: 0.45 }),
    ],
    categories: [
      ["pre_sales", 0.24],
      ["order", 0.13],
      ["payment", 0.05],
      ["shipping", 0.17],
      ["return_refund", 0.16],
      ["product_quality", 0.1],
      ["complaint", 0.06],
      ["suggestion", 0.03],
      ["other", 0.06],
    ],
    channels: CHANNELS,
    products: [
      { name: "Harlow round frames", price: [95, 145] },
      { name: "Milo aviator sunglasses", price: [110, 165] },
      { name: "Juno cat-eye frames", price: [95, 140] },
      { name: "Otis blue-light glasses", price: [65, 95] },
      { name: "Remy polarised sunglasses", price: [120, 180] },
      { name: "Tessa progressive glasses", price: [180, 295] },
      { name: "Felix titanium frames", price: [150, 220] },
    ],
    carriers: ["UPS", "USPS", "DHL eCommerce"],
    bot: 0.55,
    returnReasons: [
      ["changed_mind", 0.3],
      ["size", 0.28],
      ["defect", 0.2],
      ["wrong_item", 0.08],
      ["damaged", 0.08],
      ["other", 0.06],
    ],
    freeReturns: true,
    dutiesPaid: false,
  },
  {
    brand: "marketplace",
    name: "Marketplace",
    prefix: "MP",
    weight: 0.3,
    domain: "marketplace-support.com",
    agents: [
      agent("marketplace", "Farah", "fast and loved by customers", { speed: 30, load: 1.5, warmth: 0.6 }),
      agent("marketplace", "George", "slow, and has asked customers for card details", {
        speed: 420,
        load: 0.8,
        warmth: -0.2,
        breakRate: 0.03,
        habits: ["privacy.sensitive_data", "tone.dismissive"],
      }),
      agent("marketplace", "Hana", "steady", { speed: 150 }),
      agent("marketplace", "Ivan", "sometimes promises what the policy forbids (delivery dates, refund speed)", {
        speed: 90,
        breakRate: 0.13,
        habits: ["promise.delivery_timeline", "promise.refund_timeline", "promise.return_window"],
      }),
      agent("marketplace", "Julia", "moves customers to WhatsApp and phone", {
        speed: 120,
        breakRate: 0.08,
        habits: ["channel.off_platform"],
      }),
      agent("marketplace", "Kofi", "night owl: often replies in the evening and at weekends", {
        speed: 160,
        afterHours: 0.35,
      }),
    ],
    categories: [
      ["pre_sales", 0.1],
      ["order", 0.22],
      ["payment", 0.08],
      ["shipping", 0.22],
      ["return_refund", 0.2],
      ["product_quality", 0.08],
      ["complaint", 0.06],
      ["suggestion", 0.02],
      ["other", 0.02],
    ],
    channels: CHANNELS,
    products: [
      { name: "wireless earbuds", price: [39, 89] },
      { name: "ceramic pour-over coffee set", price: [28, 55] },
      { name: "non-slip yoga mat", price: [22, 48] },
      { name: "LED desk lamp", price: [25, 60] },
      { name: "kids' rain boots", price: [18, 35] },
      { name: "stainless steel water bottle", price: [15, 32] },
      { name: "cotton duvet cover set", price: [45, 110] },
      { name: "phone case", price: [9, 25] },
    ],
    carriers: ["UPS", "FedEx", "USPS", "OnTrac"],
    bot: 0.9,
    returnReasons: [
      ["changed_mind", 0.3],
      ["wrong_item", 0.18],
      ["defect", 0.2],
      ["damaged", 0.14],
      ["size", 0.1],
      ["other", 0.08],
    ],
    freeReturns: true,
    dutiesPaid: false,
  },
  {
    brand: "global-goods",
    name: "Global Goods",
    prefix: "GG",
    weight: 0.18,
    domain: "globalgoods-care.com",
    agents: [
      agent("global-goods", "Lena", "fast and loved by customers", { speed: 35, load: 1.5, warmth: 0.6 }),
      agent("global-goods", "Marco", "slow: replies often wait a day or more", { speed: 450, load: 0.8, warmth: -0.2 }),
      agent("global-goods", "Nadia", "sometimes tells customers to pay duties the store covers, or promises dates", {
        speed: 100,
        breakRate: 0.1,
        habits: ["fees.hidden", "promise.delivery_timeline"],
      }),
      agent("global-goods", "Omar", "gives out a phone number and email", {
        speed: 150,
        breakRate: 0.08,
        habits: ["channel.off_platform"],
        notes: 0.3,
      }),
    ],
    categories: [
      ["pre_sales", 0.16],
      ["order", 0.13],
      ["payment", 0.06],
      ["shipping", 0.28],
      ["return_refund", 0.15],
      ["product_quality", 0.09],
      ["complaint", 0.07],
      ["suggestion", 0.03],
      ["other", 0.03],
    ],
    channels: CHANNELS,
    products: [
      { name: "Moroccan wool rug", price: [180, 420] },
      { name: "Japanese chef's knife", price: [85, 190] },
      { name: "Turkish cotton towel set", price: [45, 90] },
      { name: "Italian stovetop espresso maker", price: [35, 70] },
      { name: "Mexican talavera planter", price: [40, 85] },
      { name: "Indian block-print tablecloth", price: [38, 75] },
    ],
    carriers: ["DHL Express", "FedEx International", "Aramex"],
    bot: 0.8,
    returnReasons: [
      ["damaged", 0.24],
      ["changed_mind", 0.26],
      ["defect", 0.18],
      ["wrong_item", 0.12],
      ["size", 0.1],
      ["other", 0.1],
    ],
    freeReturns: true,
    dutiesPaid: true,
  },
  {
    brand: "clean-beauty",
    name: "Clean Beauty",
    prefix: "CB",
    weight: 0.16,
    domain: "cleanbeauty-team.com",
    agents: [
      agent("clean-beauty", "Priya", "fast and loved by customers", { speed: 25, load: 1.5, warmth: 0.7 }),
      agent("clean-beauty", "Quinn", "slow: replies often wait a day or more", { speed: 430, load: 0.8, warmth: -0.2 }),
      agent("clean-beauty", "Rosa", "asks customers to DM the store on Instagram", {
        speed: 110,
        breakRate: 0.09,
        habits: ["channel.off_platform"],
      }),
      agent("clean-beauty", "Sam", "steady", { speed: 160, notes: 0.25 }),
      agent("clean-beauty", "Tara", "sometimes promises what the policy forbids (fast refunds, euro prices)", {
        speed: 90,
        breakRate: 0.1,
        habits: ["promise.refund_timeline", "currency.non_usd", "promise.return_window"],
      }),
    ],
    categories: [
      ["pre_sales", 0.28],
      ["order", 0.12],
      ["payment", 0.05],
      ["shipping", 0.15],
      ["return_refund", 0.14],
      ["product_quality", 0.13],
      ["complaint", 0.06],
      ["suggestion", 0.04],
      ["other", 0.03],
    ],
    channels: CHANNELS,
    products: [
      { name: "vitamin C brightening serum", price: [32, 58] },
      { name: "mineral sunscreen SPF 30", price: [24, 38] },
      { name: "squalane gel cleanser", price: [18, 30] },
      { name: "rosehip face oil", price: [26, 44] },
      { name: "niacinamide toner", price: [19, 32] },
      { name: "bakuchiol night cream", price: [38, 64] },
      { name: "ceramide body lotion", price: [16, 28] },
    ],
    carriers: ["USPS", "UPS"],
    bot: 0.7,
    returnReasons: [
      ["changed_mind", 0.3],
      ["other", 0.22],
      ["defect", 0.16],
      ["damaged", 0.16],
      ["wrong_item", 0.12],
      ["size", 0.04],
    ],
    freeReturns: true,
    dutiesPaid: false,
  },
  {
    brand: "jewelry",
    name: "Jewelry",
    prefix: "JW",
    weight: 0.12,
    domain: "jewelry-studio.com",
    agents: [
      agent("jewelry", "Uma", "fast and loved by customers", { speed: 30, load: 1.5, warmth: 0.7 }),
      agent("jewelry", "Victor", "slow and sometimes curt", {
        speed: 480,
        load: 0.8,
        warmth: -0.4,
        breakRate: 0.045,
        habits: ["tone.dismissive"],
      }),
      agent("jewelry", "Wen", "sometimes promises free return shipping or longer return windows", {
        speed: 100,
        breakRate: 0.15,
        habits: ["promise.return_shipping", "promise.return_window", "promise.refund_timeline"],
      }),
      agent("jewelry", "Yara", "gives customers her email address", {
        speed: 130,
        breakRate: 0.08,
        habits: ["channel.off_platform"],
      }),
      agent("jewelry", "Zoe", "steady and thorough", { speed: 180, notes: 0.35 }),
    ],
    categories: [
      ["pre_sales", 0.22],
      ["order", 0.14],
      ["payment", 0.06],
      ["shipping", 0.17],
      ["return_refund", 0.17],
      ["product_quality", 0.12],
      ["complaint", 0.05],
      ["suggestion", 0.03],
      ["other", 0.04],
    ],
    channels: [
      ["contact_form", 0.86],
      ["email", 0.1],
      ["chat", 0.04],
    ],
    products: [
      { name: "sterling silver hoop earrings", price: [45, 95] },
      { name: "gold vermeil pendant necklace", price: [85, 160] },
      { name: "freshwater pearl bracelet", price: [60, 120] },
      { name: "stacking ring set", price: [55, 110] },
      { name: "birthstone necklace", price: [70, 130] },
      { name: "men's signet ring", price: [95, 190] },
    ],
    carriers: ["FedEx", "UPS", "USPS Priority"],
    bot: 0,
    returnReasons: [
      ["size", 0.3],
      ["changed_mind", 0.3],
      ["defect", 0.2],
      ["damaged", 0.08],
      ["wrong_item", 0.06],
      ["other", 0.06],
    ],
    freeReturns: false,
    dutiesPaid: false,
  },
];
