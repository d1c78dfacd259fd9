// Add incident at every size: writing help that never blocks, and a date in the future
// explained beside the field with nothing lost.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { chooseFirst, openAddIncident } from "./support/incidents";
import { expectGoodPage } from "./support/page";

test("writing help flags opinion words and repeated marks without blocking", async ({ page }) => {
  await signInAs(page, "ta@demo.tessera.school", "skip");
  await openAddIncident(page);
  await expectGoodPage(page);
  await chooseFirst(page, "Pupil", "a");
  await page.getByRole("textbox", { name: "What happened" }).fill("he was really rude!!!");
  const tips = page.getByRole("complementary", { name: "Writing tips" });
  await expect(tips).toContainText("“rude” is an opinion");
  await expect(tips).toContainText("“!!!”");
  await expectGoodPage(page);
  // A tip can be hidden.
  await tips.getByRole("button", { name: "Hide this tip" }).first().click();
  await expect(tips).not.toContainText("“rude” is an opinion");
  await page.getByRole("checkbox", { name: "Wellbeing", exact: true }).check();
  await page.getByRole("button", { name: "Add incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Incident \d+ added$/ })).toBeVisible();
  await expectGoodPage(page);
});

test("a date in the future is explained beside the field and nothing is lost", async ({ page }) => {
  await signInAs(page, "ta@demo.tessera.school", "skip");
  await openAddIncident(page);
  // Nothing chosen: every problem listed, focus on the summary.
  await page.getByRole("button", { name: "Add incident" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Choose the pupil this is about");
  await expect(summary).toContainText("Write what happened");
  await expect(summary).toContainText("Choose at least one category");
  await expectGoodPage(page);

  const pupil = await chooseFirst(page, "Pupil", "b");
  await page
    .getByRole("textbox", { name: "What happened" })
    .fill("At 10:40 she said “my arm hurts”. I told the DSL.");
  await page.getByRole("checkbox", { name: "Medical", exact: true }).check();
  const nextYear = new Date().getFullYear() + 1;
  await page.getByLabel("Date", { exact: true }).fill(`${nextYear}-01-15`);
  await page.getByRole("button", { name: "Add incident" }).click();
  await expect(summary).toBeFocused();
  await expect(page.locator("#when-error")).toContainText("cannot be in the future");
  await expect(page.getByRole("textbox", { name: "What happened" })).toHaveValue(/my arm hurts/);
  await expect(page.locator(".chosen-pupil")).toContainText(pupil);
  await expect(page.getByRole("checkbox", { name: "Medical", exact: true })).toBeChecked();
  await expectGoodPage(page);
  await summary.getByRole("link", { name: /cannot be in the future/ }).click();
  await expect(page.getByLabel("Date", { exact: true })).toBeFocused();
});
