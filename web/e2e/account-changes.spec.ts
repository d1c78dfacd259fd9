// Changes to demo accounts that last: a new authenticator app (then signing in with a
// recovery code and with the new app), and a new password. The "account-changes" project
// runs these once, at desktop size, after every other test (playwright.config.ts), so no
// other test meets an account changed under it.
import { expect, test } from "@playwright/test";
import {
  CHANGES_AUTHENTICATOR,
  CHANGES_PASSWORD,
  codeField,
  DEMO_PASSWORD,
  signInAs,
  signInWithPassword,
} from "./support/demo";
import { expectGoodPage } from "./support/page";
import { totpCode } from "./support/totp";

test("setting up a new authenticator app shows the recovery codes once, and both work", async ({
  page,
}) => {
  await signInAs(page, CHANGES_AUTHENTICATOR, "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "Set up a new authenticator app" }).click();
  await page.getByRole("button", { name: "Start setting up" }).click();
  const key = page.locator(".secret-key code");
  await expect(key).toBeVisible();
  const secret = (await key.textContent())?.replace(/\s+/g, "") ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  // A code from the new app confirms it.
  await page.getByRole("textbox", { name: /Enter the 6-digit code/ }).fill(totpCode(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  const done = page.getByRole("heading", { level: 1, name: "Your authenticator app is set up" });
  await expect(done).toBeFocused();
  const codes = await page.locator(".recovery-codes li").allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expect(page.getByRole("main")).toContainText("This is the only time Tessera shows them.");
  await expectGoodPage(page);

  // Shown once: the account page does not show them again.
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByRole("main")).not.toContainText(codes[0] ?? "");

  // Signing in again with a recovery code…
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await signInWithPassword(page, CHANGES_AUTHENTICATOR);
  await page.getByRole("link", { name: "Use a recovery code instead" }).click();
  await page.getByRole("textbox", { name: "Recovery code" }).fill(codes[0] ?? "");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();

  // …and with the new app (a code for the next step: the confirming one is used up).
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await signInWithPassword(page, CHANGES_AUTHENTICATOR);
  await codeField(page).fill(totpCode(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
});

test("changing the password: the new one signs in", async ({ page }) => {
  const newPassword = "tangerine orbit whistle canyon";
  await signInAs(page, CHANGES_PASSWORD, "skip");
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await expect(page.locator(".password-advice")).toContainText("Password strength: Strong");
  await page.getByRole("button", { name: "Change password" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Your password has been changed. You have been signed out on your other devices.",
  );
  await expectGoodPage(page);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await signInWithPassword(page, CHANGES_PASSWORD, newPassword);
});
