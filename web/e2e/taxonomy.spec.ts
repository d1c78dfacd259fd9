// The DSL team keeps the school's categories: a subcategory the test adds (so no other
// test's categories change) is renamed in place, with a blank name explained beside the
// field, and staff are offered the new name on the Add incident form.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { openAddIncident } from "./support/incidents";
import { expectGoodPage } from "./support/page";

test("the DSL adds a subcategory and renames it", async ({ page }, testInfo) => {
  // Three full page checks (axe) on a shared machine.
  test.setTimeout(90_000);
  const suffix = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const first = `Lunch queue ${suffix}`;
  const renamed = `Dinner hall ${suffix}`;

  await signInAs(page, "dsl@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "Categories and agencies" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Categories and agencies" }),
  ).toBeVisible();
  await expectGoodPage(page);

  await page.getByRole("button", { name: "Add a subcategory to Behaviour" }).click();
  await page.getByRole("textbox", { name: "Name of the new subcategory of Behaviour" }).fill(first);
  await page.getByRole("button", { name: "Add subcategory" }).click();
  await expect(page.locator(".notice--success")).toHaveText(`${first} added to Behaviour.`);
  const subcategories = page.getByRole("list", { name: "Behaviour: subcategories" });
  await expect(subcategories).toContainText(first);

  await page.getByRole("button", { name: `Rename ${first}` }).click();
  const field = page.getByRole("textbox", { name: `New name for the subcategory ${first}` });
  await expect(field).toBeFocused();
  await field.fill("  ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator(`.error-message`)).toContainText("Enter a name.");
  await expectGoodPage(page);
  await field.fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator(".notice--success")).toHaveText(`${first} is now called ${renamed}.`);
  await expect(subcategories).toContainText(renamed);
  await expect(subcategories).not.toContainText(first);

  // Moving it up keeps the keyboard on the button.
  await page.getByRole("button", { name: `Move up ${renamed}` }).click();
  await expect(page.locator(".notice--success")).toHaveText(`${renamed} moved up.`);
  await expect(page.getByRole("button", { name: `Move up ${renamed}` })).toBeFocused();
  await expectGoodPage(page);

  // Its own new subcategory is marked notifiable (pre-set rules for notifiable incidents
  // will alert to it), and shows so.
  await page.getByRole("button", { name: `Mark notifiable ${renamed}` }).click();
  await expect(page.locator(".notice--success")).toHaveText(
    `${renamed} is notifiable: rules for notifiable incidents alert to new incidents in it.`,
  );
  await expect(
    subcategories
      .getByRole("listitem")
      .filter({ hasText: renamed })
      .getByText("Notifiable", { exact: true }),
  ).toBeVisible();

  await openAddIncident(page);
  await page.getByRole("searchbox", { name: "Find a category" }).fill(renamed);
  await expect(page.getByRole("checkbox", { name: renamed, exact: true })).toBeVisible();
});
