// Hide screen (seed 002 "blank screen"): one click or Escape twice covers the page at once.
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoInlineStyles, gotoSignIn, hideScreenButton, signInForm } from "./support/page";

function overlay(page: Page) {
  return page.getByRole("dialog", { name: "Screen hidden" });
}

/** Nothing of the page can be seen or reached: the overlay covers it all. */
async function expectPageHidden(page: Page) {
  await expect(overlay(page)).toBeVisible();
  await expect(page.getByRole("button", { name: "Show the page" })).toBeFocused();
  await expect(page).toHaveTitle("Tessera");
  // The app underneath is inert and hidden from assistive technology...
  const app = page.locator(".app-root");
  await expect(app).toHaveAttribute("inert", "");
  await expect(app).toHaveAttribute("aria-hidden", "true");
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  // ...and covered: the overlay fills the viewport, and whatever point of the form one
  // looks at, the overlay is what is there.
  const viewport = page.viewportSize();
  const box = await overlay(page).boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: viewport?.width, height: viewport?.height });
  const covered = await page.evaluate(() =>
    [...document.querySelectorAll(".app-root input, .app-root h1, .app-root button")].every(
      (element) => {
        const rect = element.getBoundingClientRect();
        const x = Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1);
        const y = Math.min(Math.max(rect.top + rect.height / 2, 0), window.innerHeight - 1);
        return document.elementFromPoint(x, y)?.closest(".hidden-screen") !== null;
      },
    ),
  );
  expect(covered, "every part of the page is under the overlay").toBe(true);
}

test.describe("hide screen", () => {
  test("one click hides the page at once; Show the page brings it back as it was", async ({
    page,
  }) => {
    await gotoSignIn(page);
    const { email, password } = signInForm(page);
    await email.fill("alex@example.org");
    await password.fill("a secret");

    // At once: in the same task as the click, before anything else can paint.
    const sameTask = await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>("[data-hide-screen-button]")?.click();
      return {
        overlay: document.querySelector(".hidden-screen") !== null,
        title: document.title,
      };
    });
    expect(sameTask).toEqual({ overlay: true, title: "Tessera" });
    await expectPageHidden(page);
    await expectNoAxeViolations(page);
    await expectNoInlineStyles(page);

    await page.getByRole("button", { name: "Show the page" }).click();
    await expect(overlay(page)).toHaveCount(0);
    await expect(page.locator(".app-root")).not.toHaveAttribute("inert");
    await expect(email).toHaveValue("alex@example.org");
    await expect(password).toHaveValue("a secret");
    await expect(page).toHaveTitle("Sign in – Tessera");
    // Focus goes back to where it was: the password field, last typed in.
    await expect(password).toBeFocused();
  });

  test("clicking Hide screen with the mouse hides the page", async ({ page }) => {
    await gotoSignIn(page);
    await signInForm(page).email.fill("typed before hiding");
    await hideScreenButton(page).click();
    await expectPageHidden(page);
    await page.getByRole("button", { name: "Show the page" }).click();
    await expect(signInForm(page).email).toHaveValue("typed before hiding");
    await expect(hideScreenButton(page)).toBeFocused();
  });

  test("Escape pressed twice hides the page, and focus returns to where it was", async ({
    page,
  }) => {
    await gotoSignIn(page);
    const { email } = signInForm(page);
    await email.fill("alex@example.org");
    await email.focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await expectPageHidden(page);

    // Escape does not bring the page back; only the button does.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await expect(overlay(page)).toBeVisible();

    await page.keyboard.press("Enter");
    await expect(overlay(page)).toHaveCount(0);
    await expect(email).toBeFocused();
    await expect(email).toHaveValue("alex@example.org");
  });

  test("Escape pressed twice slowly does not hide the page", async ({ page }) => {
    await gotoSignIn(page);
    await page.keyboard.press("Escape");
    await page.waitForTimeout(1300);
    await page.keyboard.press("Escape");
    await expect(overlay(page)).toHaveCount(0);
  });
});
