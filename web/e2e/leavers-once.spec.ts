// The infant school's DSL imports a CSV, sees the dry run, applies it and confirms the
// pupils missing from the file as leavers. Once, on the desktop project only: it marks
// nearly every infant pupil as left, so a second run beside it (the phone project) would
// find no one left to propose. The confirmation step is checked at 320 px inside. Infant
// pupils are used by no other browser test.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { apiInPage } from "./support/incidents";
import { expectGoodPage } from "./support/page";

test.describe.configure({ timeout: 120_000 });

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
function upn(serial: number): string {
  const digits = `9378888${String(26).padStart(2, "0")}${String(serial % 1000).padStart(3, "0")}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i + 2);
  return `${CHECK_LETTERS[sum % 23]}${digits}`;
}

test("the infant DSL confirms the leavers an import proposes", async ({ page }) => {
  await signInAs(page, "infant.dsl@demo.tessera.school", "code");
  // A pupil on roll now, and not in the file below: one of the leavers.
  const before = await apiInPage<{ items: { id: string }[] }>(page, "GET", "/api/v1/pupils?q=a");
  const leaverId = before.body.items[0]!.id;
  await page.goto("/imports/pupils");
  await expect(page.getByRole("heading", { level: 1, name: "Import pupils" })).toBeVisible();

  // One new pupil; every infant pupil on roll and not in the file is a proposed leaver.
  const serial = Date.now() % 1000;
  const csv = ["UPN,Surname,Forename,DOB,Sex", `${upn(serial)},Newcome,Ada,01/09/2021,F`].join(
    "\n",
  );
  await page.getByLabel("File to import").setInputFiles({
    name: "sims-export.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Check the import" }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: "What the import would change" }),
  ).toBeVisible();
  await expect(page.locator(".import-counts")).toContainText("proposed leavers");
  await page.getByRole("button", { name: "Apply import" }).click();

  const confirm = page.getByRole("button", { name: /^Mark these \d+ pupils? as left$/ });
  await expect(confirm).toBeVisible();
  const count = Number((await confirm.textContent())?.match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(0);
  await expectGoodPage(page);
  await confirm.click();
  await expect(page.getByRole("textbox", { name: "Date they left" })).toBeVisible();
  await expectGoodPage(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectGoodPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page
    .getByRole("button", { name: `Yes, mark ${count} pupil${count === 1 ? "" : "s"} as left` })
    .click();
  await expect(page.locator(".notice--success").last()).toContainText(
    `${count} pupil${count === 1 ? " is" : "s are"} marked as left on`,
  );
  await expectGoodPage(page);

  // Out of the picker for new incidents; the DSL still opens the pupil and sees when they left.
  const after = await apiInPage<{ items: { id: string }[] }>(
    page,
    "GET",
    "/api/v1/pupils?q=a&limit=100",
  );
  expect(after.body.items.map((p) => p.id)).not.toContain(leaverId);
  await page.goto(`/pupils/${leaverId}`);
  await expect(page.locator(".pupil__facts")).toContainText("Left on");
  await expect(page.getByRole("region", { name: "Leaving" })).toContainText("Left on");
  await expectGoodPage(page);
});
