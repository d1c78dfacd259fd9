// Forgotten password: the link on the sign-in page, the same answer for any address, and a
// reset link that does not work saying so in words. (The whole round trip, with the email,
// is in server/test/password-reset.test.ts.)
import { expect, test } from "@playwright/test";
import { expectGoodPage } from "./support/page";

test("asking for a reset link answers the same for any address", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Forgotten your password?" }),
  ).toBeVisible();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.locator("#reset-email-error")).toContainText("Enter your email address");
  await expectGoodPage(page);
  await page.getByRole("textbox", { name: "Email address" }).fill("nobody@example.org");
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByText(/If that address has a Tessera account/)).toBeVisible();
  await expectGoodPage(page);
});

test("a reset link Tessera never sent says so plainly", async ({ page }) => {
  await page.goto("/reset-password/not-a-real-link");
  await expect(
    page.getByRole("heading", { level: 1, name: "This link does not work" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await expectGoodPage(page);
});
