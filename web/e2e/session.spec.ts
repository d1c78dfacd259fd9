// Signing in and out against the real server, with the demo school's accounts (password and
// authenticator code).
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_TEACHER, DEMO_TRUST_DSL, signInAs } from "./support/demo";
import { expectNoHorizontalScroll, hideScreenButton } from "./support/page";

test("a member of staff signs in, stays signed in after a reload, and signs out", async ({
  page,
}) => {
  await signInAs(page, DEMO_TEACHER);
  await expect(page).toHaveURL(/\/$/);
  await expect(page).toHaveTitle("Home – Tessera");
  await expect(page.getByRole("main")).toContainText(/Signed in as .+ at .+\./);
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Add incident" })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(hideScreenButton(page)).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page, page.viewportSize()?.width ?? 0);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();

  // Signing out sends the CSRF token (the server refuses it otherwise) and ends the session.
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("someone with rights in two schools switches between them", async ({ page }) => {
  await signInAs(page, DEMO_TRUST_DSL);
  const header = page.getByRole("banner");
  const lead = page.locator("main .lead");
  const before = await lead.textContent();

  await header.getByText("Change school").click();
  const school = header.getByRole("combobox", { name: "School" });
  const other = await school.locator("option:not(:checked)").first().textContent();
  expect(other).toBeTruthy();
  await school.selectOption({ label: other ?? "" });
  await header.getByRole("button", { name: "Show this school" }).click();
  await expect(lead).toContainText(`at ${other}.`);
  expect(await lead.textContent()).not.toBe(before);
  await expect(header).toContainText(other ?? "");
});
