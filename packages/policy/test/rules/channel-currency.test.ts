import { describe, expect, it } from "vitest";
import { BRANDS, flagged, flagsFor, policyWith } from "./helpers.ts";

const C = "channel.off_platform";
const M = "currency.non_usd";

describe("channel.off_platform (contact_form is the only official channel of every built-in)", () => {
  for (const brand of BRANDS) {
    it.each([
      "Please email us at support@example.com with your order number.",
      "Feel free to call us on +1 555 0100 or message us on WhatsApp.",
      "Send us a DM on Instagram and we'll sort it.",
      "You can also email me directly at anna@eyewear.example.",
      "Give us a call at 1-800-555-0199 and we'll sort it out.",
      "Text us at 555-0142 with your order number.",
      "For faster help, use the live chat on our website.",
      "Reach out on Telegram @help if the form doesn't work.",
      "You can also reach us on Facebook Messenger.",
      "Our support phone number is (555) 010-2030.",
      "I'll give you a call tomorrow to go over the options.",
      "Please write to returns@marketplace.example with photos.",
      "You can also reach me on my personal mobile, 07700 900123.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, C)).toBe(true);
    });
    it.each([
      "Please reply through the Contact Us form with your order number so we can look into it.",
      "We'll email you the return label once it's approved.",
      "You'll receive a shipping confirmation email with tracking.",
      "Please don't email us directly; the Contact Us form is the fastest way to reach us.",
      "We don't offer phone or chat support; the Contact Us form is the only official channel.",
      "Check your inbox at jane.doe@gmail.com for the confirmation we sent.",
      "Follow us on Instagram for new frame releases!",
      "Reply to this email if you have any other questions.",
      "Our phone line is closed on weekends, so please use the Contact Us form.",
      "Your order number is 10023-4456-7788.",
      "Thanks for chatting with me today!",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, C)).toBe(false);
    });
  }

  it("reads the official channels from the policy", () => {
    const emailToo = policyWith({ officialChannels: ["contact_form", "email"] });
    expect(flagged(emailToo, "Please email us at support@example.com.", C)).toBe(false);
    expect(flagged(emailToo, "Please call us on +1 555 0100.", C)).toBe(true);
    const chat = policyWith({ officialChannels: ["chat"] });
    expect(flagged(chat, "Use the live chat on our website.", C)).toBe(false);
    const social = policyWith({ officialChannels: ["social"] });
    expect(flagged(social, "Send us a DM on Instagram.", C)).toBe(false);
  });

  it("points at the address and names the channel", () => {
    const body = "Please email us at support@example.com with your order number.";
    const flag = flagsFor("jewelry", body).find((f) => f.rule === C);
    expect(flag?.evidence.text).toBe("support@example.com");
    expect(flag?.severity).toBe("medium");
    expect(flag?.policy).toContain("contact_form");
  });
});

describe("currency.non_usd (all built-ins settle in USD)", () => {
  for (const brand of BRANDS) {
    it.each([
      "Your refund of €45.00 has been issued.",
      "We will refund 3,500 JPY to your card.",
      "I can offer you a refund of 20 GBP as a goodwill gesture.",
      "The ring is priced at £120.",
      "Your refund is $45 (about €41 at today's rate).",
      "We can refund you 5000 yen.",
      "I've issued a refund of 150 euros.",
      "The refund will be 45,00 € on your card.",
      "That pendant is C$150.",
      "We'll refund you in euros since you're in Germany.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, M)).toBe(true);
    });
    it.each([
      "Your refund of $45.00 USD has been issued to your original payment method.",
      "The serum costs US$34.",
      "All refunds are settled in USD, whatever currency your card uses.",
      "Your bank may show the amount in your local currency.",
      "We refund in USD only, so we can't pay you in pounds.",
      "Prices are shown in USD; your bank may convert them to EUR.",
      "That's 45 dollars.",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, M)).toBe(false);
    });
  }

  it("reads the currency from the policy", () => {
    const euro = policyWith({ currency: "EUR" });
    expect(flagged(euro, "Your refund of €45.00 has been issued.", M)).toBe(false);
    expect(flagged(euro, "Your refund of $45.00 has been issued.", M)).toBe(true);
    expect(flagged(euro, "Your refund of 45 EUR has been issued.", M)).toBe(false);
  });

  it("evidence is the amount", () => {
    const body = "Your refund of €45.00 has been issued.";
    const flag = flagsFor("marketplace", body).find((f) => f.rule === M);
    expect(flag?.evidence).toEqual({ start: 15, end: 21, text: "€45.00" });
  });
});
