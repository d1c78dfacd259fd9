// Your account, against the real server: the account page, changing the password (advice
// while typing, the server's reasons beside the field), setting up an authenticator (up to
// the QR code: confirming one is in account-changes.spec.ts) and where you are signed in.
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

function main(page: Page) {
  return page.getByRole("main");
}

function summary(page: Page) {
  return page.locator(".error-summary");
}

test("your account shows the person in plain words, and setting up a new authenticator asks for the current one first", async ({
  page,
}) => {
  await signInAs(page, "infant.dsl@demo.tessera.school", "skip");
  await page
    .getByRole("banner")
    .getByRole("link", { name: /your account/ })
    .click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeFocused();
  await expect(page).toHaveTitle("Your account – Tessera");
  const list = page.locator(".summary-list");
  await expect(list).toContainText("infant.dsl@demo.tessera.school");
  await expect(list).toContainText("Demo Infant School");
  await expect(list).toContainText("Designated safeguarding lead (DSL)");
  // Role codes never show.
  await expect(list).not.toContainText("_");
  for (const name of [
    "Change your password",
    "Set up a new authenticator app",
    "See where you are signed in",
  ]) {
    await expect(main(page).getByRole("link", { name })).toBeVisible();
  }
  await expectGoodPage(page);

  // Without a code in this session, a new authenticator needs one first.
  await main(page).getByRole("link", { name: "Set up a new authenticator app" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Set up an authenticator app" }),
  ).toBeVisible();
  await expect(main(page)).toContainText("You already have an authenticator app set up");
  await page.getByRole("button", { name: "Start setting up" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText(
    "Enter a code from the authenticator app you use now before you set up a new one.",
  );
  await expectGoodPage(page);
  await main(page).getByRole("link", { name: "Enter a code from your authenticator app" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" }),
  ).toBeVisible();
});

test("changing the password: advice while typing, and the server's reasons beside the field", async ({
  page,
}, testInfo) => {
  // Nothing is changed here (account-changes.spec.ts does that), so any account will do.
  const email =
    testInfo.project.name === "phone" ? "head@demo.tessera.school" : "deputy@demo.tessera.school";
  await signInAs(page, email, "skip");
  await page.goto("/account");
  await main(page).getByRole("link", { name: "Change your password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change your password" })).toBeFocused();

  const current = page.getByLabel("Current password");
  const fresh = page.getByLabel("New password", { exact: true });
  await expect(current).toHaveAttribute("autocomplete", "current-password");
  await expect(fresh).toHaveAttribute("autocomplete", "new-password");
  await expect(current).toHaveAttribute("type", "password");

  // Advice appears once typing pauses, in a polite live region tied to the field; typing
  // quickly asks the server only once or twice.
  const checks: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/v1/password-check")) checks.push(request.url());
  });
  const advice = page.locator(".password-advice");
  await expect(advice).toHaveAttribute("aria-live", "polite");
  await fresh.pressSequentially("password", { delay: 30 });
  await expect(advice).toContainText("Password strength: Very weak");
  await expect(advice.getByRole("listitem").first()).toBeVisible();
  await expect(fresh).toHaveAccessibleDescription(/Password strength: Very weak/);
  expect(checks.length, "advice requests while typing").toBeLessThanOrEqual(2);
  await fresh.fill("tangerine orbit whistle canyon");
  await expect(advice).toContainText("Password strength: Strong");
  await expectGoodPage(page);

  // Show lets people check what they typed, instead of typing it twice.
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(fresh).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expect(fresh).toHaveAttribute("type", "password");

  // Advice never blocks: a weak password can be sent, and the server says why it cannot be
  // used, beside the field. First, though, the current password is wrong.
  await current.fill("not my password");
  await fresh.fill("password1234");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(page.locator("#current-password-error")).toContainText(
    "This is not your current password.",
  );
  await current.fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new-password-error")).toContainText("too easy to guess");
  await expect(summary(page).getByRole("link", { name: /too easy to guess/ })).toBeVisible();
  await expect(fresh).toHaveAttribute("aria-invalid", "true");
  await expect(fresh).toHaveValue("password1234");
  await expect(page).toHaveTitle("Error: Change your password – Tessera");
  await expectGoodPage(page);
});

test("setting up an authenticator shows the QR code and the key to type", async ({
  page,
}, testInfo) => {
  // Starting only: the account keeps its authenticator until a code from the new one
  // confirms it, which account-changes.spec.ts does.
  const email =
    testInfo.project.name === "phone"
      ? "infant.dsl@demo.tessera.school"
      : "dsl@demo.tessera.school";
  await signInAs(page, email, "code");
  await page.goto("/account");
  await main(page).getByRole("link", { name: "Set up a new authenticator app" }).click();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Start setting up" }).click();

  const qr = page.getByRole("img", {
    name: "QR code for adding Tessera to your authenticator app",
  });
  await expect(qr).toBeVisible();
  // Drawn as an SVG in the page (no data: URL, no inline styles), with its squares in it.
  expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe("svg");
  expect(await qr.locator("path").count()).toBeGreaterThan(0);
  const key = page.locator(".secret-key code");
  await expect(key).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expect(page.getByRole("textbox", { name: /Enter the 6-digit code/ })).toHaveAttribute(
    "autocomplete",
    "one-time-code",
  );
  await expectGoodPage(page);

  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("Enter the 6-digit code from your authenticator app");
  await expectGoodPage(page);
});

test("where you are signed in: this device is marked, and another session can be ended", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const email = "sendco@demo.tessera.school";
  // Another device, signed in with the password only. Each project has its own, told apart
  // by its browser (other tests may have sessions on this account too).
  const other =
    testInfo.project.name === "phone"
      ? {
          userAgent:
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
          device: "Firefox on Windows",
        }
      : {
          userAgent:
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
          device: "Safari on iPhone",
        };
  const otherDevice = await playwright.request.newContext({ baseURL, userAgent: other.userAgent });
  try {
    const signIn = await otherDevice.post("/api/v1/session", {
      data: { email, password: DEMO_PASSWORD },
    });
    expect(signIn.status()).toBe(200);

    await signInAs(page, email, "skip");
    await page.goto("/account");
    await main(page).getByRole("link", { name: "See where you are signed in" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Where you are signed in" }),
    ).toBeFocused();

    const table = page.getByRole("table", { name: "Your sessions" });
    await expect(table).toBeVisible();
    const thisDevice = table.getByRole("row").filter({ hasText: "This device" });
    await expect(thisDevice).toHaveCount(1);
    await expect(thisDevice).toContainText("Chrome on Linux");
    await expect(thisDevice.getByRole("button")).toHaveCount(0);
    // Dates as UK services write them: "14 March 2026 at 3:05pm".
    await expect(thisDevice).toContainText(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)/,
    );
    const otherRow = table.getByRole("row").filter({ hasText: other.device });
    await expect(otherRow).toHaveCount(1);
    await expectGoodPage(page);

    await otherRow.getByRole("button", { name: /^End session on / }).click();
    const message = page.getByRole("status").filter({ hasText: "You have been signed out on" });
    await expect(message).toHaveText(`You have been signed out on ${other.device}.`);
    await expect(message).toBeFocused();
    await expect(table.getByRole("row").filter({ hasText: other.device })).toHaveCount(0);
    await expectGoodPage(page);

    // That device is signed out; this one is not.
    expect((await otherDevice.get("/api/v1/session")).status()).toBe(401);
    await page.reload();
    await expect(thisDevice).toHaveCount(1);
  } finally {
    await otherDevice.dispose();
  }
});
