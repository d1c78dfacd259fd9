// The rest of the school's taxonomy in the browser: the DSL renames a flag and still sees
// an old flag under the name it was set with (and the new one beside it). Confirming
// leavers is in leavers-once.spec.ts.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { apiInPage } from "./support/incidents";
import { expectGoodPage } from "./support/page";

test.describe.configure({ timeout: 120_000 });

test("the DSL renames a flag and sees an old flag under its old name", async ({
  page,
}, testInfo) => {
  const suffix = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const first = `Kinship care ${suffix}`;
  const renamed = `Family network care ${suffix}`;
  await signInAs(page, "dsl@demo.tessera.school", "code");

  // A flag type of the test's own, set on a pupil before the rename.
  const made = await apiInPage<{ id: string }>(page, "POST", "/api/v1/flag-types", {
    name: first,
    area: "safeguarding",
  });
  expect(made.status).toBe(201);
  const pupils = await apiInPage<{ items: { id: string }[] }>(page, "GET", "/api/v1/pupils?q=o");
  const pupilId = pupils.body.items[testInfo.project.name === "phone" ? 3 : 2]!.id;
  const set = await apiInPage(page, "POST", `/api/v1/pupils/${pupilId}/flags`, {
    flagTypeId: made.body.id,
    startsOn: "2026-09-01",
    note: "Living with grandparents under a family arrangement.",
  });
  expect(set.status).toBe(201);

  await page.goto("/taxonomy");
  const flags = page.getByRole("list", { name: "Flags" });
  await expect(flags).toContainText(first);
  await expect(flags.locator(".taxonomy__entry", { hasText: first })).toContainText("In use");
  // Its area is fixed: a flag was set under it.
  await expect(page.getByRole("button", { name: `Change area of ${first}` })).toHaveCount(0);
  await page.getByRole("button", { name: `Rename ${first}` }).click();
  const field = page.getByRole("textbox", { name: `New name for the flag ${first}` });
  await expect(field).toBeFocused();
  await field.fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator(".notice--success")).toHaveText(`${first} is now called ${renamed}.`);
  await expect(flags).toContainText(renamed);
  await expectGoodPage(page);

  await page.goto(`/pupils/${pupilId}`);
  const region = page.getByRole("region", { name: "Flags" });
  await expect(region.locator(".tag", { hasText: first })).toHaveText(
    `${first} (now called ${renamed})`,
  );
  await expectGoodPage(page);
});
