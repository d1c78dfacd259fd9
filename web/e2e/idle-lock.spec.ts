// The idle lock, against the real server: a warning with "Stay signed in" before it locks,
// a lock screen with nothing of the page readable, unlocking with the password — and what
// was typed is still there. A lock reported by the server (423) shows the lock screen too.
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_PASSWORD, signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

/** The test hook in web/src/session/IdleLock.tsx: it can only shorten the idle time. */
const IDLE_TEST_HOOK_KEY = "tessera.test.idleLockSeconds";
const IDLE_SECONDS = 6;

function lockScreen(page: Page) {
  return page.getByRole("dialog", { name: "Tessera is locked" });
}

function warning(page: Page) {
  return page.getByRole("status").filter({ hasText: "Tessera will lock in" });
}

/** Nothing of the page can be read or reached: only the lock screen is there. */
async function expectPageLocked(page: Page) {
  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page).toHaveTitle("Tessera");
  const app = page.locator(".lock-root");
  await expect(app).toHaveAttribute("inert", "");
  await expect(app).toHaveAttribute("aria-hidden", "true");
  await expect(page.getByRole("heading")).toHaveText(["Tessera is locked"]);
  await expect(page.getByRole("banner")).toHaveCount(0);
  await expect(page.getByRole("main")).toHaveCount(0);
  // The page underneath is invisible as well as covered.
  await expect(page.locator(".lock-root h1")).toBeHidden();
  await expect(page.locator(".lock-root input").first()).toBeHidden();
  const covered = await page.evaluate(() => {
    const lock = document.querySelector(".lock-screen");
    const box = lock?.getBoundingClientRect();
    return box?.top === 0 && box.left === 0 && box.width === window.innerWidth;
  });
  expect(covered, "the lock screen covers the viewport").toBe(true);
}

test("idle: a warning, then the lock screen; the password unlocks it and nothing typed is lost", async ({
  page,
}) => {
  await signInAs(page, "teacher@demo.tessera.school", "skip");
  await page.evaluate(({ key, seconds }) => window.localStorage.setItem(key, seconds), {
    key: IDLE_TEST_HOOK_KEY,
    seconds: String(IDLE_SECONDS),
  });
  // A form with a draft in it (the hook is read when the page starts).
  await page.goto("/account/password");
  const current = page.getByLabel("Current password");
  const fresh = page.getByLabel("New password", { exact: true });
  await current.fill("a half-typed draft");
  await fresh.fill("another draft, not sent");
  await fresh.focus();

  // The warning: a polite status message and a way to stay (WCAG 2.2.1).
  await expect(warning(page)).toBeVisible({ timeout: IDLE_SECONDS * 1000 });
  await expect(warning(page)).toContainText("Anything you have typed will be kept.");
  await expectNoAxeViolations(page);
  // Any key press, tap or scroll would do too (and hides the warning at once); the button is
  // for assistive technology, which clicks without them, so that is what is tried here.
  await page.getByRole("button", { name: "Stay signed in" }).dispatchEvent("click");
  await expect(warning(page)).toHaveCount(0);
  await expect(lockScreen(page)).toHaveCount(0);

  // Left alone again: it locks, and tells the server.
  const lockCall = page.waitForRequest(
    (request) => request.url().endsWith("/api/v1/session/lock") && request.method() === "POST",
  );
  await expect(lockScreen(page)).toBeVisible({ timeout: IDLE_SECONDS * 2000 });
  await lockCall;
  await expectPageLocked(page);
  await expectGoodPage(page);

  // The server refuses other calls while locked.
  expect((await page.request.get("/api/v1/sessions")).status()).toBe(423);

  // From now on, the school's idle time (the test hook is gone).
  await page.evaluate((key) => window.localStorage.removeItem(key), IDLE_TEST_HOOK_KEY);

  // A wrong password is explained; the right one unlocks.
  const password = page.getByLabel("Password", { exact: true });
  await password.fill("not the password");
  await page.getByRole("button", { name: "Unlock" }).click();
  const summary = lockScreen(page).locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(page.locator("#unlock-password-error")).toContainText("The password is not right.");
  await expectNoAxeViolations(page);
  await password.fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock" }).click();

  await expect(lockScreen(page)).toHaveCount(0);
  await expect(page.locator(".lock-root")).not.toHaveAttribute("inert");
  await expect(page).toHaveTitle("Change your password – Tessera");
  await expect(current).toHaveValue("a half-typed draft");
  await expect(fresh).toHaveValue("another draft, not sent");
  await expect(fresh).toBeFocused();
  expect((await page.request.get("/api/v1/sessions")).status()).toBe(200);
});

test("when the server says the session is locked (423), the lock screen shows", async ({
  page,
}) => {
  await signInAs(page, "office@demo.tessera.school", "skip");
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

  // Locked elsewhere (another tab of the same session locked itself).
  const session = await (await page.request.get("/api/v1/session")).json();
  const locked = await page.request.post("/api/v1/session/lock", {
    headers: { "X-CSRF-Token": session.csrfToken },
  });
  expect(locked.status()).toBe(204);

  await page.getByRole("link", { name: "See where you are signed in" }).click();
  await expectPageLocked(page);

  // Unlocked, the page that was refused loads after all.
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(lockScreen(page)).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Your sessions" })).toBeVisible();

  // Signing out from the lock screen goes to sign-in.
  await page.request.post("/api/v1/session/lock", {
    headers: { "X-CSRF-Token": session.csrfToken },
  });
  await page.reload();
  await expectPageLocked(page);
  await lockScreen(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});
