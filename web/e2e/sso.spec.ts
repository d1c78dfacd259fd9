// School SSO with a loopback OpenID Connect provider (start-oidc-provider.mjs): the
// administrator connects it on the settings page, a teacher then signs in through it from
// the sign-in page, and someone the school does not know is told so plainly. The settings
// keep passwords allowed, so the other tests' password sign-ins are unchanged.
import { expect, type Page, test } from "@playwright/test";
import { codeField, signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";
import { demoTotpCode } from "./support/totp";

const ISSUER = `http://127.0.0.1:${Number(process.env.E2E_OIDC_PORT ?? 3311)}`;

test.describe.configure({ mode: "serial" });

async function throughProvider(page: Page, schoolEmail: string, user: string) {
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Your school email" }).fill(schoolEmail);
  await page.getByRole("button", { name: "Find my school" }).click();
  const start = page.getByRole("link", { name: "Continue with your school account" });
  await expect(start).toBeVisible();
  await expectGoodPage(page);
  await start.click();
  await expect(page.getByRole("heading", { name: "Test provider" })).toBeVisible();
  await page.getByLabel("Username").fill(user);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("the administrator connects the school's sign-in provider", async ({ page }) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "Sign in with your school's accounts" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Sign in with your school's accounts" }),
  ).toBeVisible();
  await expect(page.getByText(/\/api\/v1\/sso\/callback$/)).toBeVisible();
  await expectGoodPage(page);

  await page.getByRole("radio", { name: "Another OpenID Connect provider" }).check();
  // The desktop and phone runs share one demo school: the other may have saved already.
  await page.getByRole("textbox", { name: "Issuer address" }).fill("");
  await page.getByRole("textbox", { name: "Client id (application id)" }).fill("tessera-e2e");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator("#sso-issuer-error")).toContainText(
    "Enter the provider's issuer address.",
  );
  await expect(page.getByRole("textbox", { name: "Client id (application id)" })).toHaveValue(
    "tessera-e2e",
  );
  await expectGoodPage(page);

  await page.getByRole("textbox", { name: "Issuer address" }).fill(ISSUER);
  await page.getByLabel("Client secret").fill("tessera-e2e-secret");
  await page.getByRole("textbox", { name: "Staff email domains" }).fill("demo.tessera.school");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await expect(page.getByText(/A secret is stored/)).toBeVisible();
});

test("a teacher signs in through the school's provider", async ({ page }) => {
  await throughProvider(page, "teacher@demo.tessera.school", "teacher");
  // The teacher has an authenticator app and the provider gave no MFA: the code is asked.
  await expect(
    page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" }),
  ).toBeVisible();
  await codeField(page).fill(await demoTotpCode("teacher@demo.tessera.school"));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText("teacher@demo.tessera.school")).toBeVisible();
});

test("someone the school has not invited is told plainly", async ({ page }) => {
  await throughProvider(page, "stranger@demo.tessera.school", "stranger");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.locator(".error-summary")).toContainText(
    "Tessera does not know you at this school yet. Ask your school's Tessera administrator to invite you.",
  );
  await expectGoodPage(page);
});

test("the administrator sees who signs in through the provider", async ({ page }) => {
  // After the teacher's sign-in above (this file runs in order).
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/settings/sso");
  const links = page.getByRole("region", { name: "Who signs in through your provider" });
  await expect(links).toContainText("teacher@demo.tessera.school");
  await expect(links.getByRole("button", { name: /^Unlink / }).first()).toBeVisible();
  await expectGoodPage(page);
});
