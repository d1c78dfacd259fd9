// The sign-in page: structure, keyboard, error summary, and accessibility in every state.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { codeField, DEMO_PASSWORD } from "./support/demo";
import {
  collectPageErrors,
  expectGoodPage,
  expectNoInlineStyles,
  gotoSignIn,
  signInForm,
} from "./support/page";
import { demoTotpCode } from "./support/totp";

const DEMO_OFFICE = "office@demo.tessera.school";

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
    // The real server refuses this made-up account, in plain words. One address per
    // project: failures are throttled.
    await gotoSignIn(page);
    const { email, password, submit, summary } = signInForm(page);
    const address = `nobody-${testInfo.project.name}@example.org`;
    await email.fill(address);
    await password.fill("not-a-real-password");
    await submit.click();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("The email address or password is not right");
    await expect(email).toHaveValue(address);
    await expect(password).toHaveValue("not-a-real-password");
    await expectNoAxeViolations(page);
  });

  test("signing in with the password and the authenticator code goes home, where the header shows the person, school and actions", async ({
    page,
  }) => {
    const requests: { method: string; url: string; csrf?: string }[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/v1/session")) {
        requests.push({
          method: request.method(),
          url: new URL(request.url()).pathname,
          csrf: request.headers()["x-csrf-token"],
        });
      }
    });
    await page.goto("/");
    // Not signed in: sent to the sign-in page.
    await expect(page).toHaveURL(/\/sign-in$/);
    const { email, password, submit } = signInForm(page);
    await email.fill(DEMO_OFFICE);
    await password.fill(DEMO_PASSWORD);
    await submit.click();

    // The authenticator app is set up, so its code comes next.
    await expect(page).toHaveURL(/\/sign-in\/code$/);
    const heading = page.getByRole("heading", {
      level: 1,
      name: "Enter the code from your authenticator app",
    });
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle("Enter the code from your authenticator app – Tessera");
    await expect(codeField(page)).toHaveAttribute("inputmode", "numeric");
    await expect(codeField(page)).toHaveAttribute("autocomplete", "one-time-code");
    await expect(page.getByRole("link", { name: "Use a recovery code instead" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Skip for now" })).toBeVisible();
    await expectGoodPage(page);

    await codeField(page).fill(await demoTotpCode(DEMO_OFFICE));
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeFocused();
    await expect(page.getByRole("main")).toContainText(/Signed in as .+ at Demo Primary School\./);
    const header = page.getByRole("banner");
    await expect(header).toContainText("Demo Primary School");
    await expect(header.getByRole("link", { name: /your account/ })).toBeVisible();
    await expect(header.getByRole("link", { name: "Add incident" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Hide screen" })).toBeVisible();
    await expectNoAxeViolations(page);

    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const signOut = requests.find((r) => r.method === "DELETE");
    expect(signOut?.csrf, "sign-out carries the CSRF token").toBeTruthy();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/session",
        "POST /api/v1/session/second-factor",
        "DELETE /api/v1/session",
      ]),
    );
  });
});
