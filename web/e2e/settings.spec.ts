// The administrator keeps the review deadline's calendar: a holiday that ends before it
// starts is explained beside the field, nothing typed is lost, and a good one saves.
// (The counting stays on clock hours, so the other tests' dashboards are unchanged.)
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

test("the administrator adds a school holiday to the review calendar", async ({ page }) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "Review deadline and school holidays" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Review deadline and school holidays" }),
  ).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Every hour/ })).toBeChecked();
  await expectGoodPage(page);

  const before = await page.locator(".settings__holiday").count();
  await page.getByRole("button", { name: "Add a holiday" }).click();
  const n = before + 1;
  await page.getByLabel("Name (optional)").nth(before).fill("Staff training day");
  await page.locator(`#holiday-${before}-from`).fill("2026-11-30");
  await page.locator(`#holiday-${before}-to`).fill("2026-11-27");
  await page.getByRole("button", { name: "Save settings" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(page.locator(`#holiday-${before}-to-error`)).toContainText(
    `Holiday ${n} must end on or after the day it starts.`,
  );
  await expect(page.getByLabel("Name (optional)").nth(before)).toHaveValue("Staff training day");
  await expectGoodPage(page);

  await page.locator(`#holiday-${before}-to`).fill("2026-11-30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.reload();
  // Kept after a reload (the phone run of this test may have saved its own list too).
  await expect(page.locator(".settings__holiday").first()).toBeVisible();
  const names = await page
    .locator('.settings__holiday input[id$="-name"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(names).toContain("Staff training day");
});

test("a teacher cannot open the school's settings", async ({ page }) => {
  await signInAs(page, "teacher@demo.tessera.school", "code");
  await page.goto("/account");
  await expect(page.getByRole("link", { name: "Review deadline and school holidays" })).toHaveCount(
    0,
  );
  await page.goto("/settings/review");
  await expect(page.getByRole("alert")).toContainText(
    "Only the administrator and the DSL team can see these settings.",
  );
  await expectGoodPage(page);
});

test("the administrator sees that every email has been delivered", async ({ page }) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "Email delivery" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email delivery" })).toBeVisible();
  await expect(page.getByText("Every email has been delivered.")).toBeVisible();
  await expectGoodPage(page);
});
