// The sign-in page: structure, keyboard, error summary, and accessibility in every state.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { collectPageErrors, expectNoInlineStyles, gotoSignIn, signInForm } from "./support/page";
import { mockSessionApi, problem, SESSION_URL } from "./support/session-mock";

test.describe("sign-in page", () => {
  test("loads with one h1, the skip link as the first Tab stop, and no axe violations", async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    await gotoSignIn(page);
    await expect(page).toHaveTitle("Sign in – Tessera");
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.getByRole("banner")).toContainText("Tessera");
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);

    const { email, password } = signInForm(page);
    await expect(email).toHaveAttribute("autocomplete", "username");
    await expect(password).toHaveAttribute("autocomplete", "current-password");
    await expect(password).toHaveAttribute("type", "password");

    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: "Skip to main content" });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();

    await expectNoAxeViolations(page);
    await expectNoInlineStyles(page);
    expect(errors).toEqual([]);
  });

  test("submitting empty shows the error summary linked to both fields, focused, and keeps what was typed", async ({
    page,
  }) => {
    await gotoSignIn(page);
    const { email, password, submit, summary } = signInForm(page);

    await submit.click();
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    const emailLink = summary.getByRole("link", { name: "Enter your email address" });
    const passwordLink = summary.getByRole("link", { name: "Enter your password" });
    await expect(emailLink).toHaveAttribute("href", "#email");
    await expect(passwordLink).toHaveAttribute("href", "#password");
    // The message is repeated beside each field and tied to it.
    await expect(email).toHaveAccessibleDescription("Error: Enter your email address");
    await expect(password).toHaveAccessibleDescription("Error: Enter your password");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveTitle("Error: Sign in – Tessera");
    await expectNoAxeViolations(page);

    // The links in the summary go to the fields.
    await passwordLink.click();
    await expect(password).toBeFocused();

    // Typed, but still not right: the summary takes focus again and nothing typed is lost.
    await email.fill("j.smith");
    await submit.click();
    await expect(summary).toBeFocused();
    const formatLink = summary.getByRole("link", {
      name: /Enter an email address in the correct format/,
    });
    await expect(formatLink).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
    await expect(email).toHaveValue("j.smith");
    await expectNoAxeViolations(page);
    await expectNoInlineStyles(page);
    await formatLink.click();
    await expect(email).toBeFocused();
  });

  test("a sign-in the server refuses shows a readable message and keeps what was typed", async ({
    page,
  }, testInfo) => {
    // The real server refuses this made-up account (a server without sessions answers 404).
    // Either way the person sees plain words. One address per project: failures are throttled.
    await gotoSignIn(page);
    const { email, password, submit, summary } = signInForm(page);
    const address = `nobody-${testInfo.project.name}@example.org`;
    await email.fill(address);
    await password.fill("not-a-real-password");
    await submit.click();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(
      /Signing in is not available yet\.|The email address or password is not right/,
    );
    await expect(email).toHaveValue(address);
    await expect(password).toHaveValue("not-a-real-password");
    await expectNoAxeViolations(page);
  });

  test("when the server has no sign-in yet (404) it says so", async ({ page }) => {
    await page.route(SESSION_URL, (route) =>
      route.fulfill(problem(404, "not-found", "Not found", "There is no POST here.")),
    );
    await gotoSignIn(page);
    const { email, password, submit, summary } = signInForm(page);
    await email.fill("alex@example.org");
    await password.fill("correct horse battery staple");
    await submit.click();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("listitem")).toHaveText(["Signing in is not available yet."]);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("signing in goes home, where the header shows the person, school and actions", async ({
    page,
  }) => {
    const seen = await mockSessionApi(page);
    await page.goto("/");
    // Not signed in: sent to the sign-in page.
    await expect(page).toHaveURL(/\/sign-in$/);
    const { email, password, submit } = signInForm(page);
    await email.fill("alex@example.org");
    await password.fill("correct horse battery staple");
    await submit.click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeFocused();
    await expect(page.getByRole("main")).toContainText(
      "Signed in as Alex Jones at Brook Lane Primary School.",
    );
    const header = page.getByRole("banner");
    await expect(header).toContainText("Brook Lane Primary School");
    await expect(header).toContainText("Alex Jones");
    await expect(header.getByRole("link", { name: "Add incident" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Hide screen" })).toBeVisible();
    await expectNoAxeViolations(page);

    const signInRequest = seen.find((r) => r.method() === "POST");
    expect(signInRequest?.postDataJSON()).toEqual({
      email: "alex@example.org",
      password: "correct horse battery staple",
    });

    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const signOut = seen.find((r) => r.method() === "DELETE");
    expect(signOut?.headers()["x-csrf-token"]).toBe("csrf-test-token");
  });
});
