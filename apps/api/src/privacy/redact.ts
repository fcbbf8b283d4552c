/**
 * Redaction of personal data in message bodies before they are stored: e-mail addresses,
 * phone numbers and payment card numbers become fixed placeholders. Only a brand whose policy
 * sets privacy.keepOriginalBodies keeps the original text.
 */

export const REDACTED = { email: "[redacted email]", phone: "[redacted phone]", card: "[redacted card]" } as const;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 13-19 digits, optionally grouped by spaces or dashes (checked with Luhn below).
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
// International or national numbers: optional +country, optional (area), 7+ digits in groups.
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}\b/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const digitsOf = (s: string): string => s.replace(/\D/g, "");

/**
 * Dates, times, amounts, sizes ("52-18-140" frames) and order numbers look like digits too: a
 * phone number has a + or an (area code) with 7-15 digits, or 9-15 digits in separated groups.
 */
const looksLikePhone = (m: string): boolean => {
  const n = digitsOf(m).length;
  if (n < 7 || n > 15) return false;
  if (/^\d{4}-\d{2}-\d{2}/.test(m)) return false;
  if (m.startsWith("+") || m.includes("(")) return true;
  return n >= 9 && /[\s.-]/.test(m);
};

export function redactBody(body: string): string {
  return body
    .replace(EMAIL, REDACTED.email)
    .replace(CARD, (m) => {
      const d = digitsOf(m);
      return d.length >= 13 && d.length <= 19 && luhnValid(d) ? REDACTED.card : m;
    })
    .replace(PHONE, (m) => (looksLikePhone(m) ? REDACTED.phone : m));
}
