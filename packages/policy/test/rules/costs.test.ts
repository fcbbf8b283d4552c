import { describe, expect, it } from "vitest";
import { BRANDS, flagged, flagsFor, policyWith } from "./helpers.ts";

const S = "promise.return_shipping";
const F = "fees.hidden";
const FREE_RETURNS = ["eyewear", "marketplace", "global-goods", "clean-beauty"] as const;

describe("promise.return_shipping", () => {
  describe("jewelry: the customer pays return shipping unless the return is the store's fault", () => {
    it.each([
      "No problem, we'll send you a prepaid return label so the return shipping is on us.",
      "Returns are free — just print the prepaid label we email you.",
      "We'll reimburse your return shipping costs.",
      "Return postage is free for all returns.",
      "Don't worry about the return cost, we'll send a free return label.",
      "You can return it within 60 days, free of charge.",
      "I've waived the return shipping fee for you as a goodwill gesture.",
    ])("flags free return shipping without a fault: %s", (body) => {
      expect(flagged("jewelry", body, S)).toBe(true);
    });

    it.each([
      "Since the clasp arrived broken, we'll cover the return shipping with a prepaid label.",
      "We sent you the wrong size by mistake, so you won't pay anything for the return.",
      "Because we sent the wrong earrings, I've attached a prepaid return label at our cost.",
      "If the item is defective, return shipping is on us.",
      "Return postage is covered by us only if the item is defective; otherwise it's paid by the customer.",
    ])("does not flag free return shipping on a fault return: %s", (body) => {
      expect(flagged("jewelry", body, S)).toBe(false);
    });

    it("a fault known from the order (returnReason) or a product-quality ticket makes free return shipping legitimate", () => {
      const body = "No problem, we'll send you a prepaid return label so the return shipping is on us.";
      expect(flagged("jewelry", body, S, { returnReason: "defect" })).toBe(false);
      expect(flagged("jewelry", body, S, { returnReason: "wrong_item" })).toBe(false);
      expect(flagged("jewelry", body, S, { returnReason: "damaged" })).toBe(false);
      expect(flagged("jewelry", body, S, { category: "product_quality" })).toBe(false);
      expect(flagged("jewelry", body, S, { returnReason: "changed_mind" })).toBe(true);
      expect(flagged("jewelry", body, S, { returnReason: null })).toBe(true);
    });

    it.each([
      "You'll need to cover return postage since this is a change of mind; the return window is 60 days.",
      "Return shipping is paid by the customer unless the item is faulty.",
      "Since you changed your mind, the return postage is your responsibility.",
      "Return shipping is at your own expense.",
    ])("does not flag charging for a no-fault return: %s", (body) => {
      expect(flagged("jewelry", body, S)).toBe(false);
    });

    it.each([
      "We sent you the wrong bracelet, but you'll need to pay for return shipping.",
      "I'm sorry the pendant arrived damaged. You'll have to pay to ship it back to us though.",
    ])("flags charging for a fault return: %s", (body) => {
      expect(flagged("jewelry", body, S)).toBe(true);
    });

    it("flags charging when the order says the return is a fault", () => {
      expect(flagged("jewelry", "Return shipping is at your own expense.", S, { returnReason: "defect" })).toBe(true);
    });
  });

  for (const brand of FREE_RETURNS) {
    describe(`${brand}: returns are free`, () => {
      it.each([
        "Please note you'll need to pay for return shipping yourself.",
        "Return shipping is at your own expense.",
        "We'll deduct the return label cost from your refund.",
        "Return shipping costs $6.50, which will be deducted from your refund.",
        "You'll have to cover the return postage yourself.",
        "There's a $4.95 fee for the return label.",
        "Returns are accepted within 60 days. Return shipping is free if the item is faulty; otherwise it's $6.",
      ])("flags charging for return shipping: %s", (body) => {
        expect(flagged(brand, body, S)).toBe(true);
      });
      it.each([
        "No problem, we'll send you a prepaid return label so the return shipping is on us.",
        "Returns are free within 60 days of delivery.",
        "You don't need to pay for return shipping; a prepaid label is attached.",
        "You won't be charged anything for returning the products.",
      ])("does not flag free return shipping: %s", (body) => {
        expect(flagged(brand, body, S)).toBe(false);
      });
    });
  }

  it("explains which clause is contradicted", () => {
    const [flag] = flagsFor("jewelry", "Returns are free — just print the prepaid label we email you.");
    expect(flag?.rule).toBe(S);
    expect(flag?.policy).toContain("customer_pays_unless_fault");
    const [other] = flagsFor("eyewear", "Return shipping is at your own expense.");
    expect(other?.policy).toContain("returns.returnShipping free");
  });
});

describe("fees.hidden", () => {
  describe("global-goods: the store pays duties and tariffs", () => {
    it.each([
      "The customs duties are your responsibility and must be paid to the courier.",
      "Import VAT may be charged by customs on delivery.",
      "You may need to pay a small tariff to the carrier when the parcel arrives.",
      "Any import taxes are the recipient's responsibility.",
      "Please note that customs duties are not included and will be collected by the courier.",
      "Tariffs are your problem, not ours.",
      "You'll need to settle the import tax with DHL before they release the parcel.",
    ])("flags %s", (body) => {
      expect(flagged("global-goods", body, F)).toBe(true);
    });
    it.each([
      "All tariffs and handling fees are covered by us, so there is nothing extra to pay.",
      "You won't be charged any import taxes; it's all included.",
      "Customs duties are included in the price, so you won't pay anything on arrival.",
      "The courier is asking you for customs fees by mistake — don't pay them; we cover all duties.",
      "The price you see is what you pay: tariffs and import VAT are covered by us.",
    ])("does not flag %s", (body) => {
      expect(flagged("global-goods", body, F)).toBe(false);
    });
  });

  for (const brand of ["eyewear", "marketplace", "clean-beauty", "jewelry"] as const) {
    it(`${brand}: duties are not covered, so saying the customer pays them is fine`, () => {
      expect(flagged(brand, "The customs duties are your responsibility and must be paid to the courier.", F)).toBe(
        false,
      );
      expect(flagged(brand, "Import duties may apply for international orders.", F)).toBe(false);
    });
  }

  for (const brand of BRANDS) {
    describe(`${brand}: shipping is free`, () => {
      it.each([
        "There is a $7.95 shipping fee for your country.",
        "Shipping costs $5.99 for orders under $30.",
        "You'll be charged $12 for delivery to your area.",
        "A shipping fee of $9 applies to international orders.",
        "Shipping to Canada is $9.99.",
        "Standard delivery is free, but express costs an extra $15.",
        "There's a small delivery charge of $3 for your postcode.",
      ])("flags %s", (body) => {
        expect(flagged(brand, body, F)).toBe(true);
      });
      it.each([
        "Shipping is free worldwide.",
        "There's no shipping fee on any order.",
        "We don't charge for shipping.",
        "Your total is $180 including free shipping.",
        "You were charged $59.90 for the frames; shipping was free.",
        "Return shipping is at your own expense.",
      ])("does not flag %s", (body) => {
        expect(flagged(brand, body, F)).toBe(false);
      });
    });
  }

  it("reads the policy: a store that charges shipping and does not pay duties", () => {
    const paid = policyWith({ shipping: { free: false, dutiesPaidByStore: false } });
    expect(flagged(paid, "There is a $7.95 shipping fee for your country.", F)).toBe(false);
    expect(flagged(paid, "Import duties are your responsibility.", F)).toBe(false);
    const dutiesPaid = policyWith({ shipping: { free: false, dutiesPaidByStore: true } });
    expect(flagged(dutiesPaid, "Import duties are your responsibility.", F)).toBe(true);
  });

  it("evidence spans the statement and its subject", () => {
    const body = "The customs duties are your responsibility and must be paid to the courier.";
    const [flag] = flagsFor("global-goods", body);
    expect(flag?.rule).toBe(F);
    expect(flag?.evidence.text).toBe("customs duties are your responsibility");
  });
});

describe("promise.return_shipping: eligibility is not payment", () => {
  it.each([
    "Your return is covered by our 60-day policy.",
    "We'll handle your return as soon as it arrives.",
    "Your return is covered under our return policy, and the label will be emailed to you.",
  ])("jewelry: does not flag %s", (body) => {
    expect(flagged("jewelry", body, S)).toBe(false);
  });
});
