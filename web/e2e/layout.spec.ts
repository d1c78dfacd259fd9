// The frame every page shares: phone width, keyboard focus, redirects and the not-found page.
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import {
  expectNoHorizontalScroll,
  expectTesseraFocus,
  focusedLook,
  gotoSignIn,
  hideScreenButton,
  signInForm,
} from "./support/page";
import {
  demoSession,
  json,
  mockHomeApi,
  mockSessionApi,
  SESSION_URL,
} from "./support/session-mock";

const PHONE = { width: 320, height: 640 };

test.describe("at 320 px wide there is no horizontal scrolling", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize(PHONE);
  });

  test("sign-in page, with and without errors, and hidden", async ({ page }) => {
    await gotoSignIn(page);
    await expectNoHorizontalScroll(page, PHONE.width);
    await signInForm(page).email.fill(
      "a.very.long.email.address.for.a.member.of.staff@example.org",
    );
    await signInForm(page).submit.click();
    await expect(signInForm(page).summary).toBeVisible();
    await expectNoHorizontalScroll(page, PHONE.width);
    await hideScreenButton(page).click();
    await expectNoHorizontalScroll(page, PHONE.width);
  });

  test("not-found page", async ({ page }) => {
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expectNoHorizontalScroll(page, PHONE.width);
  });

  test("signed-in home with the full header", async ({ page }) => {
    await mockSessionApi(page, { signedIn: true });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
    await expectNoHorizontalScroll(page, PHONE.width);
  });
});

/** Presses Tab until `name` has focus (or gives up), returning each stop's label. */
async function tabTo(page: Page, name: string, stops: string[], limit = 20) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const look = await focusedLook(page);
    stops.push(look.label);
    if (look.label === name) return look;
  }
  throw new Error(`Tab never reached "${name}"; stops were: ${stops.join(" | ")}`);
}

test("keyboard only: Tab reaches every control, each with the visible focus style", async ({
  page,
}) => {
  await gotoSignIn(page);
  const stops: string[] = [];
  const expected = ["Skip to main content", "Hide screen", "Email address", "Password", "Sign in"];
  for (const name of expected) {
    const look = await tabTo(page, name, stops);
    expectTesseraFocus(look, name);
  }
  // Order: skip link first, Hide screen before the form, the form in reading order.
  expect(stops[0]).toBe("Skip to main content");
  const order = expected.map((name) => stops.indexOf(name));
  expect(order).toEqual([...order].sort((a, b) => a - b));

  // Typing in the form works from the keyboard alone.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.type("alex@example.org");
  await expect(signInForm(page).email).toHaveValue("alex@example.org");
});

test("the home page sends people who are not signed in to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.locator("h1")).toHaveText("Sign in");
  // A fresh page load leaves focus at the start, so the first Tab is the skip link.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
});

test("an unknown address shows the not-found page inside the layout", async ({ page }) => {
  await page.goto("/somewhere/that/does/not/exist");
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.locator("h1")).toHaveText("Page not found");
  await expect(page).toHaveTitle("Page not found – Tessera");
  await expect(hideScreenButton(page)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("someone with rights in several schools gets a school switcher", async ({ page }) => {
  const session = {
    ...demoSession,
    schools: [
      ...demoSession.schools,
      { id: "5c1d0000-0000-4000-8000-000000000002", name: "Hillside Academy" },
    ],
  };
  await mockSessionApi(page, { signedIn: true, session });
  await page.goto("/");
  const header = page.getByRole("banner");
  await expect(header).toContainText("Brook Lane Primary School");
  // Closed at first, so the header stays short on phones.
  const school = page.getByRole("combobox", { name: "School" });
  await expect(school).toBeHidden();
  await header.getByText("Change school").click();
  await expect(school).toHaveValue(demoSession.currentSchoolId);
  await expect(header.getByRole("button", { name: "Show this school" })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page, page.viewportSize()?.width ?? 0);
});

test("a slow answer shows a quiet loading skeleton, not a spinner", async ({ page }) => {
  await mockHomeApi(page);
  await page.route(SESSION_URL, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill(json(demoSession));
  });
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("Loading");
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible({
    timeout: 5000,
  });
});
