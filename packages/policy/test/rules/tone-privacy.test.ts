import { describe, expect, it } from "vitest";
import { luhnValid } from "../../src/rules/privacy.ts";
import { BRANDS, flagged, flagsFor } from "./helpers.ts";

const T = "tone.dismissive";
const P = "privacy.sensitive_data";

describe("tone.dismissive", () => {
  for (const brand of BRANDS) {
    it.each([
      "There is nothing we can do about that.",
      "That's not our problem, take it up with the courier.",
      "As I already told you, read the policy.",
      "Whatever, just place a new order.",
      "That's not our fault, the courier lost it.",
      "You'll have to deal with the courier yourself.",
      "Not my problem, sorry.",
      "Calm down, it's just a parcel.",
      "I've already explained this twice.",
      "You should have read the ingredients before buying.",
      "That's the policy, take it or leave it.",
      "Like I said, the carrier is responsible, not us.",
      "Please stop contacting us about this order.",
      "It's all in the terms. Read them.",
      "Tough luck, the sale is over.",
      "It is what it is, the courier lost it.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, T)).toBe(true);
    });
    it.each([
      "I'm sorry for the trouble — let me check with the lab and update you today.",
      "I'm so sorry the parcel is late; it's not your fault and I'll chase the carrier today.",
      "Whatever you prefer — I can refund or replace it.",
      "There's nothing we can't fix — let me arrange a replacement.",
      "No problem at all, happy to help!",
      "I'm sorry, there's nothing more we can do on the price, but I can offer you free engraving.",
      "You can read our full return policy on the website.",
      "As I mentioned, your refund is on its way.",
      "We'll deal with it right away.",
      "I'm truly sorry — you shouldn't have had to chase us.",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, T)).toBe(false);
    });
  }
});

describe("privacy.sensitive_data", () => {
  it("Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("12345678901")).toBe(false);
  });

  for (const brand of BRANDS) {
    it.each([
      "Please send me your full card number and the CVV so I can verify the payment.",
      "Could you share your account password so I can log in and fix it?",
      "Can you confirm the 3-digit security code on the back of your card?",
      "I see the card number you sent, 4111 1111 1111 1111, please don't send it again.",
      "Could you tell me the one-time code we just texted you?",
      "What's your login password?",
      "Please provide your card number, expiry date and CVC.",
      "Please send your PIN so we can verify the payment.",
      "Please read the card number back to me.",
      "What are the 16 digits on your card?",
      "Card 4000-1234-1234-1234 was declined.",
      "To verify it's you, please reply with the code we sent to your phone.",
    ])(`${brand}: flags %s`, (body) => {
      expect(flagged(brand, body, P)).toBe(true);
    });
    it.each([
      "For security, never share your card details; I can verify the order with your order number.",
      "Please never share your CVV with anyone, including us.",
      "Please reset your password using the link on the login page.",
      "To find your order, just send the last four digits of the card and your order number.",
      "We will never ask for your full card number or PIN.",
      "Order 12345678901 is confirmed.",
      "The pin on the brooch can be tightened at any jeweller.",
      "Please share your password reset request through the Contact Us form.",
      "Please enter your card details on our secure checkout page.",
      "Your tracking number is 4111 1111 1111 1111.",
    ])(`${brand}: does not flag %s`, (body) => {
      expect(flagged(brand, body, P)).toBe(false);
    });
  }

  it("is critical and points at the item", () => {
    const body = "Please send me your full card number and the CVV.";
    const flag = flagsFor("jewelry", body).find((f) => f.rule === P);
    expect(flag?.severity).toBe("critical");
    expect(flag?.evidence.text).toBe("full card number");
  });
});
