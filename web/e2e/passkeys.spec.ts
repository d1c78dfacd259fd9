// Passwordless sign-in: the deputy DSL adds a passkey (Chromium's virtual authenticator,
// with a resident key and user verification, over CDP), signs out, and signs in again with
// "Sign in with a passkey" alone — no email, no password, no code. Then the browsers list,
// and the passkey removed. An administrator resets a member of staff's second factor from
// the staff page. WebAuthn needs a domain, not an IP address, so this test uses localhost.
import { type Browser, expect, type TestInfo, test } from "@playwright/test";
import { DEMO_PASSWORD, signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

const DEPUTY = "deputy@demo.tessera.school";
const OFFICE = "office@demo.tessera.school";

async function localhostPage(browser: Browser, testInfo: TestInfo) {
  const port = Number(process.env.E2E_PORT ?? 3210);
  const context = await browser.newContext({
    baseURL: `http://localhost:${port}`,
    viewport: testInfo.project.use.viewport ?? { width: 1280, height: 800 },
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  return { context, page: await context.newPage() };
}

test("a deputy DSL adds a passkey and signs in with it alone", async ({ browser }, testInfo) => {
  test.slow();
  const { context, page } = await localhostPage(browser, testInfo);
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const keyName = `Laptop passkey ${testInfo.project.name}`;

  await signInAs(page, DEPUTY);
  await page.goto("/account/security-keys");
  await page.getByRole("textbox", { name: "Name for the key" }).fill(keyName);
  await page
    .getByRole("checkbox", { name: "Use this as a passkey to sign in without a password" })
    .check();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Add a security key" }).click();
  await expect(page.locator("output.notice--success")).toHaveText(
    `${keyName} has been added. You can now sign in with it, without your password.`,
  );
  const item = page.getByRole("listitem").filter({ hasText: keyName });
  await expect(item).toContainText("Passkey: signs you in without your password.");

  // Signed out, then in again with the passkey alone.
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  // Fully signed in: the account page does not ask for a code.
  await page.goto("/account");
  await expect(page.getByRole("link", { name: "Enter a code now" })).toHaveCount(0);

  // Locked while away, Tessera unlocks with the passkey (it checks the person: a PIN or a
  // face), for people who never type a password. The test hook shortens the idle time.
  await page.evaluate(() => window.localStorage.setItem("tessera.test.idleLockSeconds", "4"));
  await page.goto("/account");
  const locked = page.getByRole("dialog", { name: "Tessera is locked" });
  await expect(locked).toBeVisible({ timeout: 15_000 });
  await page.evaluate(() => window.localStorage.removeItem("tessera.test.idleLockSeconds"));
  await expectGoodPage(page);
  await locked.getByRole("button", { name: "Unlock with your security key or passkey" }).click();
  await expect(locked).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

  // The browsers this account signed in from, this one marked.
  await page.getByRole("link", { name: "Browsers you have signed in from" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Browsers you have signed in from" }),
  ).toBeVisible();
  await expect(page.getByText("This browser")).toHaveCount(1);
  await expectGoodPage(page);

  // Removed, it no longer signs in.
  await page.goto("/account/security-keys");
  await item.getByRole("button", { name: `Remove ${keyName}` }).click();
  await item.getByLabel(`Your password, to remove ${keyName}`).fill(DEMO_PASSWORD);
  await item.getByRole("button", { name: `Remove ${keyName}` }).click();
  await expect(page.locator("output.notice--success")).toHaveText(`${keyName} has been removed.`);
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert")).toContainText("did not sign you in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await context.close();
});

test("an administrator resets a member of staff's second factor", async ({ browser }, testInfo) => {
  test.slow();
  const { context, page } = await localhostPage(browser, testInfo);
  await signInAs(page, OFFICE);
  await page.goto("/people");
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  // A generated member of staff (not a demo sign-in that other tests use).
  const staff = page.getByRole("table", { name: "Staff in this school" });
  const button = staff
    .getByRole("row")
    .filter({ hasText: /[a-z]+\.[a-z-]+\d*@demo\.tessera\.school/ })
    .filter({ hasNotText: /(infant|trust)\.dsl@/ })
    .getByRole("button", { name: /^Reset second factor of / })
    .first();
  const name = ((await button.getAttribute("aria-label")) ?? (await button.innerText()))
    .replace(/^Reset second factor\s*of\s*/, "")
    .trim();
  expect(name).not.toBe("");
  await button.click();
  const form = page.getByRole("form", { name: `Reset ${name}’s second factor` });
  await form.getByRole("button", { name: /^Reset .*second factor$/ }).click();
  await expect(form.getByRole("textbox", { name: "Why" })).toHaveAccessibleDescription(/Say why/);
  await form.getByRole("textbox", { name: "Why" }).fill("Lost phone, identity checked in person");
  await expectGoodPage(page);
  await form.getByRole("button", { name: /^Reset .*second factor$/ }).click();
  await expect(page.locator("output.notice--success")).toContainText(
    "second factor was reset and they were signed out",
  );
  await context.close();
});
