// A DSL registers a security key as a second device beside the authenticator app, signs in
// with it, and removes it with the password. Chromium's virtual authenticator (over CDP)
// plays the key. WebAuthn needs a domain, not an IP address, so this test uses localhost.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInAs, signInWithPassword } from "./support/demo";
import { expectGoodPage } from "./support/page";

const DSL = "dsl@demo.tessera.school";

test("a DSL registers a second device, signs in with it and removes it", async ({
  browser,
}, testInfo) => {
  // Two sign-ins (or two browsers) and several accessibility scans: longer than most.
  test.slow();
  const port = Number(process.env.E2E_PORT ?? 3210);
  const viewport = testInfo.project.use.viewport ?? { width: 1280, height: 800 };
  const context = await browser.newContext({
    baseURL: `http://localhost:${port}`,
    viewport,
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const keyName = `Blue key ${testInfo.project.name}`;

  await signInAs(page, DSL);
  await page.goto("/account");
  await page.getByRole("link", { name: "Security keys and passkeys" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Security keys and passkeys" }),
  ).toBeVisible();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Add a security key" }).click();
  await expect(page.locator("#key-name-error")).toContainText("Give the key a name");
  await page.getByRole("textbox", { name: "Name for the key" }).fill(keyName);
  await page.getByRole("button", { name: "Add a security key" }).click();
  await expect(page.locator("output.notice--success")).toHaveText(`${keyName} has been added.`);
  await expect(page.getByRole("heading", { level: 3, name: keyName })).toBeVisible();
  await expectGoodPage(page);

  // Signing in again: the key is offered beside the code, and works.
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await signInWithPassword(page, DSL);
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Use a security key" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();

  // Lost: removed with the password.
  await page.goto("/account/security-keys");
  const item = page.getByRole("listitem").filter({ hasText: keyName });
  await item.getByRole("button", { name: `Remove ${keyName}` }).click();
  await item.getByLabel(`Your password, to remove ${keyName}`).fill(DEMO_PASSWORD);
  await expectGoodPage(page);
  await item.getByRole("button", { name: `Remove ${keyName}` }).click();
  await expect(page.locator("output.notice--success")).toHaveText(`${keyName} has been removed.`);
  await expect(page.getByRole("heading", { level: 3, name: keyName })).toHaveCount(0);
  await context.close();
});
