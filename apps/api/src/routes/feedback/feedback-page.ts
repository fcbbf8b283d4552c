import { PUBLIC } from "../../http/access.ts";
import { defineRoute } from "../../http/route.ts";

/**
 * The page a feedback link opens: the token travels in the URL fragment (never sent to a
 * server or a referrer), the script (same origin, no inline code) posts it with the rating.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rate your support</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111827}
fieldset{border:0;padding:0;display:flex;gap:.5rem}label.star{border:1px solid #d1d5db;border-radius:.5rem;padding:.5rem .9rem;cursor:pointer}
input[type=radio]{position:absolute;opacity:0}input[type=radio]:checked+span{font-weight:700;color:#1d4ed8}
input[type=radio]:focus-visible+span{outline:2px solid #1d4ed8}
textarea{width:100%;min-height:6rem;margin-top:1rem}button{margin-top:1rem;padding:.5rem 1.25rem;border-radius:.5rem;border:0;background:#1d4ed8;color:#fff}
#status{margin-top:1rem}</style></head><body>
<h1>How did we do?</h1><p>Rate the help you received (1 = poor, 5 = excellent).</p>
<form id="f"><fieldset><legend class="sr">Rating</legend>
${[1, 2, 3, 4, 5].map((n) => `<label class="star"><input type="radio" name="rating" value="${n}" required><span>${n}</span></label>`).join("")}
</fieldset><label for="comment">Anything to add? (optional)</label><textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">Send</button></form><p id="status" role="status" aria-live="polite"></p>
<script src="/feedback.js"></script></body></html>`;

const SCRIPT = `(() => {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  const form = document.getElementById("f");
  const status = document.getElementById("status");
  if (!token) { status.textContent = "This link is incomplete. Please open the link from your message again."; form.hidden = true; return; }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const body = { token, rating: Number(data.get("rating")) };
    const comment = String(data.get("comment") || "").trim();
    if (comment) body.comment = comment;
    status.textContent = "Sending…";
    try {
      const res = await fetch("/v1/feedback", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = await res.json().catch(() => null);
      status.textContent = res.ok ? "Thank you! You can change your rating with the same link." : (json && json.error && json.error.message) || "Something went wrong; please try again.";
    } catch { status.textContent = "Network error; please try again."; }
  });
})();`;

export const feedbackPage = defineRoute({
  method: "get",
  path: "/feedback",
  summary: "The customer's rating page (opened from a feedback link)",
  tags: ["feedback"],
  access: PUBLIC,
  responses: { 200: { description: "HTML", contentType: "text/html" } },
  handler: (c) => c.html(PAGE),
});

export const feedbackScript = defineRoute({
  method: "get",
  path: "/feedback.js",
  summary: "Script of the rating page",
  tags: ["feedback"],
  access: PUBLIC,
  responses: { 200: { description: "JavaScript", contentType: "text/javascript" } },
  handler: (c) =>
    c.body(SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }),
});
