// New-device sign-in notices: the first full sign-in from a browser (a fresh cookie jar)
// emails the owner once; the same browser signing in again sends nothing; another new
// browser emails again. A password alone, with the second factor still to come, neither
// marks a browser as known nor emails. The account page lists the browsers and forgets one.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { forgetStaleDevices } from "../src/auth/known-devices.ts";
import { currentTotp } from "../src/auth/totp.ts";
import type { Database } from "../src/db/database.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";
import { createPerson, createSchool, PASSWORD, TOTP_SECRET } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

const ORIGIN = "https://tessera.example.org";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

/** A browser: its own cookie jar (the device cookie survives sign-outs). */
class Browser {
  jar = new Map<string, string>();
  constructor(readonly userAgent: string) {}
  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  keep(res: LightMyRequestResponse) {
    for (const c of res.cookies) this.jar.set(c.name, c.value);
  }
}

describe.each(DRIVERS)("new-device sign-in notices (%s)", (driver) => {
  let db: Database;
  let app: FastifyInstance;
  let smtp: TestSmtp;

  beforeAll(async () => {
    db = await freshDatabase(driver);
    app = await buildApp({ db, webRoot: "/nonexistent", publicUrl: ORIGIN });
    smtp = await startSmtp();
    const schoolId = await createSchool(db);
    await createPerson(db, { schoolId, email: "plain@example.org" });
    await createPerson(db, { schoolId, email: "coded@example.org", totp: true });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await db.close();
  });

  async function deliver() {
    const before = smtp.messages.length;
    await runOutbox(
      db,
      jobHandlers(
        db,
        createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
        ORIGIN,
      ),
    );
    return smtp.messages.slice(before);
  }

  async function signIn(browser: Browser, email: string) {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { cookie: browser.cookie, "user-agent": browser.userAgent },
      payload: { email, password: PASSWORD },
      remoteAddress: "198.51.100.7",
    });
    expect(res.statusCode).toBe(200);
    browser.keep(res);
    return res.json() as { csrfToken: string; secondFactor: string };
  }

  function call(
    browser: Browser,
    csrf: string,
    method: "GET" | "POST" | "DELETE",
    url: string,
    payload?: object,
  ) {
    return app.inject({
      method,
      url,
      headers: { cookie: browser.cookie, "x-csrf-token": csrf, "user-agent": browser.userAgent },
      ...(payload ? { payload } : {}),
    });
  }

  it("emails once for a new browser, not for a known one, and again for another new one", async () => {
    const laptop = new Browser(FIREFOX);
    await signIn(laptop, "plain@example.org");
    expect(laptop.jar.get("tessera_device")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await deliver();
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toBe("A new sign-in to your Tessera account");
    expect((first[0]!.to as { text: string }).text).toBe("plain@example.org");
    expect(first[0]!.text).toContain("Firefox on Windows");
    expect(first[0]!.text).toContain("198.51.100.7");
    expect(first[0]!.text).toMatch(/tell your designated safeguarding lead/);

    await signIn(laptop, "plain@example.org");
    expect(await deliver()).toHaveLength(0);

    const phone = new Browser(SAFARI);
    await signIn(phone, "plain@example.org");
    const second = await deliver();
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toContain("Safari on iOS");
  });

  it("waits for the second factor before counting a browser as signed in", async () => {
    const browser = new Browser(FIREFOX);
    const body = await signIn(browser, "coded@example.org");
    expect(body.secondFactor).toBe("required");
    expect(browser.jar.has("tessera_device")).toBe(false);
    expect(await deliver()).toHaveLength(0);
    const res = await call(browser, body.csrfToken, "POST", "/api/v1/session/second-factor", {
      code: currentTotp(TOTP_SECRET),
    });
    expect(res.statusCode).toBe(200);
    browser.keep(res);
    expect(browser.jar.has("tessera_device")).toBe(true);
    const mails = await deliver();
    expect(mails.map((m) => (m.to as { text: string }).text)).toEqual(["coded@example.org"]);
  });

  it("lists the browsers on the account page and forgets one", async () => {
    const browser = new Browser(SAFARI);
    const { csrfToken } = await signIn(browser, "plain@example.org");
    await deliver();
    const list = await call(browser, csrfToken, "GET", "/api/v1/session/devices");
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; userAgent: string; current: boolean }[];
    expect(items.map((d) => d.userAgent).sort()).toEqual([
      "Firefox on Windows",
      "Safari on iOS",
      "Safari on iOS",
    ]);
    const here = items.filter((d) => d.current);
    expect(here).toHaveLength(1);
    expect(
      (await call(browser, csrfToken, "DELETE", `/api/v1/session/devices/${here[0]!.id}`))
        .statusCode,
    ).toBe(204);
    // Forgotten: signing in from it again is a new sign-in.
    await signIn(browser, "plain@example.org");
    expect(await deliver()).toHaveLength(1);
    // Another person's device is not theirs to forget.
    const other = new Browser(FIREFOX);
    const coded = await signIn(other, "coded@example.org");
    const refused = await call(
      other,
      coded.csrfToken,
      "DELETE",
      `/api/v1/session/devices/${items[0]!.id}`,
    );
    expect(refused.statusCode).toBe(404);
  });

  it("forgets a browser unseen for longer than its cookie lives, so it is new again", async () => {
    const browser = new Browser(FIREFOX);
    await signIn(browser, "plain@example.org");
    await deliver();
    const aYearAndAHalf = new Date(Date.now() + 550 * 24 * 60 * 60 * 1000);
    expect(await forgetStaleDevices(db, aYearAndAHalf)).toBeGreaterThan(0);
    // The cookie would still be there only in a test: the next sign-in emails again.
    await signIn(browser, "plain@example.org");
    expect(await deliver()).toHaveLength(1);
  });
});
