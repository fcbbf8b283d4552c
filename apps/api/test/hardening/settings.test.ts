import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { bootstrap } from "../../src/bootstrap.ts";
import { ConfigError, listenUrl, publicUrlSetting, switchSetting } from "../../src/config.ts";
import { DEFAULT_FEEDBACK_RATE, feedbackRateLimit } from "../../src/http/rate-limit.ts";
import { jsonLogger, logLevel } from "../../src/logger.ts";
import { createTestApi } from "../support.ts";

/**
 * Settings read from the environment that used to be taken whatever they held: an unknown
 * CALIPER_LOG_LEVEL logged everything, a CALIPER_FEEDBACK_RATE that is not a number turned the
 * feedback limit off, a CALIPER_PUBLIC_URL without its scheme made feedback links that lead
 * nowhere. Each now stops the process at start, naming the variable.
 */

const saved = { ...process.env };
afterEach(() => {
  for (const k of [
    "CALIPER_LOG_LEVEL",
    "CALIPER_FEEDBACK_RATE",
    "CALIPER_ADMIN_KEY",
    "CALIPER_PUBLIC_URL",
    "CALIPER_TRUST_PROXY",
    "CALIPER_AUTO_REBUILD",
  ]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("CALIPER_LOG_LEVEL", () => {
  it("defaults to info and takes debug, info, warn and error in any case", () => {
    expect(logLevel(undefined)).toBe("info");
    expect(logLevel("")).toBe("info");
    for (const level of ["debug", "info", "warn", "error"] as const) {
      expect(logLevel(level)).toBe(level);
      expect(logLevel(level.toUpperCase())).toBe(level);
    }
  });

  it("logs from the level it names", () => {
    process.env.CALIPER_LOG_LEVEL = "WARN";
    const lines: string[] = [];
    const log = jsonLogger((line) => lines.push(line));
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["w", "e"]);
  });

  it.each(["verbose", "warning", "2", "constructor"])("refuses %s at start", async (value) => {
    expect(() => logLevel(value)).toThrow(ConfigError);
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    process.env.CALIPER_LOG_LEVEL = value;
    await expect(bootstrap({ db: ":memory:" })).rejects.toThrow(/CALIPER_LOG_LEVEL must be debug, info, warn or error/);
  });
});

describe("CALIPER_FEEDBACK_RATE", () => {
  it("defaults to 30 a minute and takes a whole number", () => {
    expect(feedbackRateLimit(undefined)).toBe(DEFAULT_FEEDBACK_RATE);
    expect(DEFAULT_FEEDBACK_RATE).toBe(30);
    expect(feedbackRateLimit(" ")).toBe(30);
    expect(feedbackRateLimit("120")).toBe(120);
  });

  it.each(["abc", "0", "-5", "1.5", "30/min"])("refuses %s when the app is created", async (value) => {
    expect(() => feedbackRateLimit(value)).toThrow(ConfigError);
    process.env.CALIPER_FEEDBACK_RATE = value;
    await expect(createTestApi("sqlite")).rejects.toThrow(/CALIPER_FEEDBACK_RATE must be a whole number/);
  });
});

describe("CALIPER_PUBLIC_URL", () => {
  it("is kept without a trailing slash, so feedback links do not point at //feedback", async () => {
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    for (const url of ["https://qa.example.com/", "https://qa.example.com"]) {
      const services = await bootstrap({ db: ":memory:", defaultPublicUrl: url });
      try {
        expect(services.config.publicUrl).toBe("https://qa.example.com");
      } finally {
        await services.db.close();
      }
    }
  });

  it("takes an absolute http(s) URL, with a path if the server sits below one; unset or blank means none", () => {
    expect(publicUrlSetting(undefined)).toBeUndefined();
    expect(publicUrlSetting(" ")).toBeUndefined();
    expect(publicUrlSetting("https://qa.example.com")).toBe("https://qa.example.com");
    expect(publicUrlSetting("http://127.0.0.1:8787/")).toBe("http://127.0.0.1:8787");
    expect(publicUrlSetting("HTTPS://qa.example.com/caliper//")).toBe("HTTPS://qa.example.com/caliper");
  });

  it("without CALIPER_PUBLIC_URL, links point at the address the server listens on, as a URL writes it", () => {
    expect(listenUrl("127.0.0.1", 8787)).toBe("http://127.0.0.1:8787");
    expect(listenUrl("0.0.0.0", 8787)).toBe("http://127.0.0.1:8787");
    expect(listenUrl("qa.internal", 80)).toBe("http://qa.internal:80");
    // An IPv6 address without brackets is not a URL's host ("http://::1:8787" does not parse).
    expect(listenUrl("::1", 8787)).toBe("http://[::1]:8787");
    expect(listenUrl("::", 8787)).toBe("http://[::1]:8787");
    expect(listenUrl("fe80::1", 9000)).toBe("http://[fe80::1]:9000");
    for (const host of ["127.0.0.1", "0.0.0.0", "::1", "::", "fe80::1"])
      expect(publicUrlSetting(listenUrl(host, 8787))).toBe(listenUrl(host, 8787));
  });

  it.each([
    "qa.example.com",
    "//qa.example.com",
    "/caliper",
    "ftp://qa.example.com",
    "javascript:alert(1)",
    "https:qa.example.com",
    "https://",
    "https://qa.example.com/?utm=1",
    "https://qa.example.com/#top",
    "https://qa example.com",
    "http://[::1",
  ])("refuses %s at start, naming the variable", async (value) => {
    expect(() => publicUrlSetting(value)).toThrow(ConfigError);
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    process.env.CALIPER_PUBLIC_URL = value;
    await expect(bootstrap({ db: ":memory:" })).rejects.toThrow(
      /^CALIPER_PUBLIC_URL must be an absolute http\(s\) URL/,
    );
  });

  it("is the feedback links' base when set", async () => {
    const admin = "k".repeat(32);
    process.env.CALIPER_ADMIN_KEY = admin;
    process.env.CALIPER_PUBLIC_URL = "https://qa.example.com/";
    const services = await bootstrap({ db: ":memory:" });
    try {
      const app = createApp(services);
      const post = (path: string, body: object) =>
        app.request(path, {
          method: "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const ticket = {
        id: "c-T1",
        type: "ticket.created",
        brand: "acme",
        ticketId: "T1",
        at: "2025-03-03T10:00:00Z",
        data: { channel: "email", category: "order" },
      };
      expect((await post("/v1/events", ticket)).status).toBe(200);
      const res = await post("/v1/tickets/T1/feedback-link?brand=acme", {});
      expect(res.status).toBe(201);
      const link = (await res.json()) as { url: string; token: string };
      expect(link.url).toBe(`https://qa.example.com/feedback#token=${link.token}`);
    } finally {
      await services.db.close();
    }
  });
});

describe("CALIPER_TRUST_PROXY and CALIPER_AUTO_REBUILD", () => {
  it("are 1 or 0, unset or empty meaning the default", () => {
    expect(switchSetting("CALIPER_TRUST_PROXY", false, undefined)).toBe(false);
    expect(switchSetting("CALIPER_TRUST_PROXY", false, "")).toBe(false);
    expect(switchSetting("CALIPER_TRUST_PROXY", false, "1")).toBe(true);
    expect(switchSetting("CALIPER_AUTO_REBUILD", true, "0")).toBe(false);
    expect(switchSetting("CALIPER_AUTO_REBUILD", true, undefined)).toBe(true);
  });

  // "yes" behind a proxy was read as off: every client shared the proxy's rate limit.
  it.each([
    ["CALIPER_TRUST_PROXY", "yes"],
    ["CALIPER_TRUST_PROXY", "true"],
    ["CALIPER_AUTO_REBUILD", "2"],
    ["CALIPER_AUTO_REBUILD", " 0"],
  ])("%s=%s stops the start, naming the variable and the value", async (name, value) => {
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    process.env[name] = value;
    await expect(bootstrap({ db: ":memory:" })).rejects.toThrow(`${name} must be 1 or 0, not '${value}'`);
  });
});
