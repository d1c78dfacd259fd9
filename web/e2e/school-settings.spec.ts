// The school's settings page (issue 9): the administrator finds it under Account, a
// wrong value is explained beside its field with everything typed kept. Saving changes
// for the whole demo school, so the changes themselves (the idle time, the acceptable-use
// text) are made in school-changes.spec.ts, after the other tests.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

const TITLE = "School settings";

async function openSettings(page: Page) {
  await page.goto("/account");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

test("the administrator's wrong values are explained beside their fields, keeping what was typed", async ({
  page,
}) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await openSettings(page);
  await expect(page.getByLabel("Lock the page after this many minutes without use")).toHaveValue(
    "10",
  );
  // The DSL team always needs a second factor: ticked, and cannot be unticked.
  const dsl = page.getByRole("checkbox", { name: /^Designated safeguarding lead.*\(always\)/ });
  await expect(dsl).toBeChecked();
  await expect(dsl).toBeDisabled();
  await expect(
    page.getByRole("link", { name: "review deadline and school holidays" }),
  ).toBeVisible();
  await expectGoodPage(page);

  const minutes = page.getByLabel("Lock the page after this many minutes without use");
  const replyTo = page.getByLabel("Replies go to (optional)");
  const sender = page.getByLabel("Sender name on the school's emails (optional)");
  await minutes.fill("90");
  await sender.fill("Demo Primary Safeguarding");
  await replyTo.fill("office at demo");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator("#idle-minutes-error")).toContainText(
    "Enter a whole number of minutes from 1 to 60.",
  );
  await expect(page.locator("#reply-to-error")).toContainText("Enter an email address");
  await expect(minutes).toHaveValue("90");
  await expect(replyTo).toHaveValue("office at demo");
  await expect(sender).toHaveValue("Demo Primary Safeguarding");
  await expectGoodPage(page);

  // The error summary takes you to the field. Nothing was saved.
  await page
    .locator(".error-summary")
    .getByRole("link", { name: /minutes from 1 to 60/ })
    .click();
  await expect(minutes).toBeFocused();
  await page.reload();
  await expect(minutes).toHaveValue("10");
});

test("a teacher cannot open the school's settings", async ({ page }) => {
  await signInAs(page, "teacher@demo.tessera.school", "code");
  await page.goto("/account");
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
  await page.goto("/settings/school");
  await expect(page.getByRole("alert")).toContainText(
    "Only the administrator and the DSL team can see these settings.",
  );
  await expectGoodPage(page);
});
