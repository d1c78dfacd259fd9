// Every demo account of API.md signs in with its password and authenticator code.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

test.describe("every demo account signs in with its password and authenticator code", () => {
  // Each account once, at desktop size (playwright.config.ts runs this file in the desktop
  // project only; the sign-in pages themselves are checked at both sizes elsewhere).
  for (const account of DEMO_ACCOUNTS) {
    test(account.email, async ({ page }) => {
      await signInAs(page, account.email, "code");
      await expect(page).toHaveURL(/\/$/);
      await expectGoodPage(page);

      // The header names the person and leads to their account, which says their role.
      const header = page.getByRole("banner");
      await header.getByRole("link", { name: /your account/ }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText(account.email);
      await expect(page.getByRole("main")).toContainText(account.role);
      // The code was given in this session.
      await expect(page.locator(".summary-list")).toContainText(/Authenticator app\s*Set up$/);
    });
  }
});
