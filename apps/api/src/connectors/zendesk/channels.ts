import type { Channel } from "@caliper/domain";
import { record } from "../shared.ts";

/**
 * Zendesk `via` -> Caliper channel. Items of the ticket event export carry `via` as the channel's
 * display name ("Web form", "Mail", "Web service", "Voice"...); comment children carry the via
 * object (`{ channel: "web" | "email" | "api" | ... }`). Both are normalised (lower case, letters
 * and digits only) and looked up here.
 */
export const ZENDESK_CHANNELS: Readonly<Record<string, Channel>> = {
  web: "contact_form",
  webform: "contact_form",
  helpcenter: "contact_form",
  webwidget: "contact_form",
  api: "contact_form",
  webservice: "contact_form",
  email: "email",
  mail: "email",
  chat: "chat",
  chattranscript: "chat",
  nativemessaging: "chat",
  messaging: "chat",
  mobilesdk: "chat",
  sms: "chat",
  textmessage: "chat",
  whatsapp: "chat",
  line: "chat",
  wechat: "chat",
  telegram: "chat",
  voice: "phone",
  voicemail: "phone",
  phonecallinbound: "phone",
  phonecalloutbound: "phone",
  twitter: "social",
  twitterdm: "social",
  twitterfavorite: "social",
  facebook: "social",
  facebookpost: "social",
  facebookmessage: "social",
  instagram: "social",
  instagramdm: "social",
};

/** The via's channel name, normalised: "Web form" -> "webform", `{ channel: "email" }` -> "email". */
export function viaKey(via: unknown): string | undefined {
  const name = typeof via === "string" ? via : record(via)["channel"];
  if (typeof name !== "string" && typeof name !== "number") return undefined;
  const key = String(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return key === "" ? undefined : key;
}

/** Vias that mean a trigger or automation acted, not a person. */
export const AUTOMATED_VIAS: ReadonlySet<string> = new Set(["rule", "automation", "trigger", "closedticket"]);
