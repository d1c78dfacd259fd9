// Changes to the demo school that reach every account (playwright.config.ts runs this file
// after all the others, one test at a time): a new idle time reaches the page at its next
// load; a new acceptable-use text is a new version that the administrator who wrote it,
// and then everyone else, reads and accepts at their next page load.
import { expect, type Page, test } from "@playwright/test";
import { signInAs, signInWithPassword } from "./support/demo";
import { expectGoodPage } from "./support/page";

test.describe.configure({ mode: "serial" });

/** What the server tells this page about its school now. */
async function sessionIdleMinutes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const res = await fetch("/api/v1/session");
    return (await res.json()).school.idleLockMinutes as number;
  });
}

test("the administrator changes the idle time and the next page load uses it", async ({ page }) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "School settings" }).click();
  const minutes = page.getByLabel("Lock the page after this many minutes without use");
  await expect(minutes).toHaveValue("10");
  expect(await sessionIdleMinutes(page)).toBe(10);
  await minutes.fill("15");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.reload();
  await expect(minutes).toHaveValue("15");
  expect(await sessionIdleMinutes(page)).toBe(15);
  // A colleague signing in now gets it too.
  await page.context().clearCookies();
  await signInAs(page, "ta@demo.tessera.school", "skip");
  expect(await sessionIdleMinutes(page)).toBe(15);
});

const NEW_PARAGRAPH = "I will lock my screen whenever I leave the room, even for a moment.";

test("the administrator changes the acceptable-use text and everyone accepts it again", async ({
  page,
}) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "School settings" }).click();
  await expect(page.getByText("Tessera's standard text, not changed by the school.")).toBeVisible();
  const text = page.getByLabel("The text everyone accepts");

  // Emptied by mistake: explained beside the field.
  const original = await text.inputValue();
  await text.fill("   ");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#agreement-text-error")).toContainText(
    "Enter the text everyone accepts.",
  );
  await page.setViewportSize({ width: 320, height: 640 });
  await expectGoodPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  await text.fill(`${original}\n\n${NEW_PARAGRAPH}`);
  await page.getByRole("button", { name: "Save settings" }).click();
  // The one who changed it accepts it first, like everyone else.
  await expect(page).toHaveURL(/\/agreement$/);
  const agreement = page.getByRole("region", { name: "The agreement" });
  await expect(agreement).toContainText(NEW_PARAGRAPH);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /accept/i }).click();
  await page.goto("/settings/school");
  await expect(page.getByText(/^Version \S+, changed /)).toBeVisible();
  await expect(page.getByLabel("The text everyone accepts")).toHaveValue(
    `${original}\n\n${NEW_PARAGRAPH}`,
  );
  await expectGoodPage(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectGoodPage(page);

  // A teacher signing in next is asked before anything else.
  await page.context().clearCookies();
  await signInWithPassword(page, "ta@demo.tessera.school");
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/agreement$/);
  await expect(page.getByRole("region", { name: "The agreement" })).toContainText(NEW_PARAGRAPH);
});
