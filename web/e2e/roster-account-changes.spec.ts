// Roster changes that last: the DSL applies a pupil import (two pupils join the demo
// school). The file name puts it in the "account-changes" project (playwright.config.ts),
// which runs after every other test, so no other test meets the new pupils.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

test("the DSL applies an import: new pupils join, nobody is removed", async ({ page }) => {
  await signInAs(page, "dsl@demo.tessera.school", "code");
  await page.goto("/imports/pupils");
  const csv = [
    "UPN,Legal Surname,Legal Forename,Date of birth,Sex,NC Year,Class",
    "D823200120011,Joiner,Ava,2019-10-02,F,R,Robins",
    "T823200120012,Joiner,Bo,2019-11-03,M,R,Robins",
  ].join("\r\n");
  await page.getByLabel("File to import").setInputFiles({
    name: "arbor-export.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Check the import" }).click();
  const counts = page.locator(".import-counts");
  await expect(counts).toContainText("2 to add");
  await expect(counts).toContainText("0 errors");
  await page.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByText(/The import is done: 2 added, 0 updated\./)).toBeVisible({
    timeout: 15_000,
  });
  // Pupils missing from the file were proposed as leavers, never taken off roll.
  await expect(page.getByText(/The import is done/)).toContainText("stay on roll");
  await expectGoodPage(page);

  const found = await page.request.get("/api/v1/pupils?q=Joiner");
  const { items } = (await found.json()) as { items: { name: string; class: string | null }[] };
  expect(items.map((p) => `${p.name} ${p.class}`).sort()).toEqual([
    "Ava Joiner Robins",
    "Bo Joiner Robins",
  ]);
  const other = await page.request.get("/api/v1/pupils?q=a&limit=5");
  expect(((await other.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
});
