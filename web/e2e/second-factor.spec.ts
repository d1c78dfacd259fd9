// The second step of signing in, against the real server: a wrong code is explained
// beside the field; the recovery-code form; and "Skip for now". (Every demo account
// signing in with its code is demo-accounts.spec.ts.)
import { expect, type Page, test } from "@playwright/test";
import { codeField, signInWithPassword } from "./support/demo";
import { expectGoodPage } from "./support/page";
import { demoSession, json, mockHomeApi } from "./support/session-mock";
import { demoTotpCode } from "./support/totp";

const CODE_TITLE = "Enter the code from your authenticator app";

function summary(page: Page) {
  return page.locator(".error-summary");
}

test("a wrong code is explained beside the field; the right one goes home", async ({
  page,
}, testInfo) => {
  // One account per project: wrong codes are counted (throttled) per account.
  const email =
    testInfo.project.name === "phone" ? "deputy@demo.tessera.school" : "head@demo.tessera.school";
  await signInWithPassword(page, email);
  const continueButton = page.getByRole("button", { name: "Continue" });

  // Nothing entered.
  await continueButton.click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole("link")).toHaveText([
    "Enter the 6-digit code from your authenticator app",
  ]);
  await expect(codeField(page)).toHaveAccessibleDescription(
    /Error: Enter the 6-digit code from your authenticator app/,
  );

  // A code that is not right: the server's words, beside the field and in the summary.
  const right = await demoTotpCode(email);
  const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
  await codeField(page).fill(wrong);
  await continueButton.click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Each code works once");
  await expect(page.locator("#code-error")).toContainText(
    "Enter the 6-digit code your authenticator app shows now",
  );
  await expect(codeField(page)).toHaveAttribute("aria-invalid", "true");
  await expect(codeField(page)).toHaveValue(wrong);
  await expect(page).toHaveTitle(`Error: ${CODE_TITLE} – Tessera`);
  await expectGoodPage(page);

  // The summary's link goes to the field; the right code, pasted, goes home.
  await summary(page).getByRole("link").click();
  await expect(codeField(page)).toBeFocused();
  await codeField(page).fill(`${right.slice(0, 3)} ${right.slice(3)}`);
  await continueButton.click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
});

test("the recovery-code form explains a wrong code, and Skip for now goes home", async ({
  page,
}, testInfo) => {
  const email =
    testInfo.project.name === "phone"
      ? "teacher@demo.tessera.school"
      : "sendco@demo.tessera.school";
  await signInWithPassword(page, email);
  await page.getByRole("link", { name: "Use a recovery code instead" }).click();
  await expect(page).toHaveURL(/\/sign-in\/recovery-code$/);
  const heading = page.getByRole("heading", { level: 1, name: "Enter a recovery code" });
  await expect(heading).toBeFocused();
  const field = page.getByRole("textbox", { name: "Recovery code" });
  await expect(field).toHaveAttribute("autocomplete", "off");

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Enter one of your recovery codes");

  await field.fill("abcde-fgh23");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#code-error")).toContainText(
    "This code is not right, or it has been used already.",
  );
  await expectGoodPage(page);

  // Back to the authenticator, then skip: home, with limited access.
  await page.getByRole("link", { name: "Use your authenticator app instead" }).click();
  await expect(page.getByRole("heading", { level: 1, name: CODE_TITLE })).toBeVisible();
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeFocused();

  // The account page says the code has not been given yet, and offers to give it now.
  await page.goto("/account");
  await expect(page.locator(".summary-list")).toContainText(
    "You have not entered a code from it since you signed in.",
  );
  await page.getByRole("link", { name: "Enter a code now" }).click();
  await expect(page.getByRole("heading", { level: 1, name: CODE_TITLE })).toBeVisible();
});

test("someone whose role needs an authenticator app, without one yet, is offered to set one up", async ({
  page,
}) => {
  // The demo accounts all have one, so a stand-in for the server plays this state.
  const session = { ...demoSession, secondFactor: "required", secondFactorEnrolled: false };
  await mockHomeApi(page);
  await page.route("**/api/v1/session", (route) => route.fulfill(json(session)));
  await page.goto("/sign-in/code");
  await expect(
    page.getByRole("heading", { level: 1, name: "Set up an authenticator app" }),
  ).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expectGoodPage(page);
  await expect(page.getByRole("link", { name: "Set up an authenticator app" })).toHaveAttribute(
    "href",
    "/account/authenticator",
  );
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await page.goto("/account");
  await expect(page.locator(".summary-list")).toContainText("Not set up yet. Your role needs one.");
});
