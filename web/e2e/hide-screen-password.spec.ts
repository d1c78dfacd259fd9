// Hide screen in a school that wants the password to bring the page back (Demo Infant
// School's setting): hiding locks the session at once; only the password unlocks it.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInAs } from "./support/demo";
import { expectGoodPage, hideScreenButton } from "./support/page";

test("Hide screen locks the page until the password is given, in a school that asks for it", async ({
  page,
}) => {
  await signInAs(page, "infant.dsl@demo.tessera.school", "skip");
  const heading = page.getByRole("heading", { level: 1 }).first();
  const before = await heading.textContent();
  await hideScreenButton(page).click();
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toBeVisible();
  // Nothing of the page underneath is readable, and the server refuses everything else.
  await expect(page.getByRole("heading", { level: 1, name: before ?? "" })).toHaveCount(0);
  await expectGoodPage(page);
  const refused = await page.evaluate(async () => (await fetch("/api/v1/alerts")).status);
  expect(refused).toBe(423);
  await password.fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByRole("heading", { level: 1, name: before ?? "" })).toBeVisible();
});
