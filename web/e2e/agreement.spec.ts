// The school's agreement for using Tessera, and the training page. The demo accounts have
// accepted the agreement already, so the real server shows the "accepted" state; the
// states a new member of staff sees (not yet accepted, changed while reading, training
// not recorded) are played by a stand-in for the server.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";
import { demoSession, json, problem } from "./support/session-mock";

const TITLE = "Agreement for using Tessera";

test("the agreement, already accepted, can be read again", async ({ page }) => {
  await signInAs(page, "trust.dsl@demo.tessera.school", "skip");
  await page.goto("/agreement");
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page).toHaveTitle(`${TITLE} – Tessera`);
  const main = page.getByRole("main");
  await expect(main).toContainText("You have accepted this agreement.");
  const text = page.getByRole("region", { name: "The agreement" });
  // Paragraphs, as the school wrote them.
  expect(await text.locator("p").count()).toBeGreaterThan(1);
  await expect(text).toContainText("Tessera holds sensitive and confidential information");
  await expect(main).toContainText(/Version \S+/);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expectGoodPage(page);
  await main.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
});

test("until the agreement is accepted every page leads to it, and a changed version is shown again", async ({
  page,
}) => {
  const session = { ...demoSession, agreementRequired: true };
  const versions = {
    "2026-09": "Tessera holds confidential information.\n\nI will record concerns promptly.",
    "2026-10":
      "Tessera holds confidential information.\n\nI will record concerns promptly.\n\nI will use Hide screen when interrupted.",
  } as const;
  let version: keyof typeof versions = "2026-09";
  const accepted: string[] = [];
  await page.route("**/api/v1/session", (route) => route.fulfill(json(session)));
  await page.route("**/api/v1/agreement", async (route) => {
    const request = route.request();
    if (request.method() === "GET") {
      return route.fulfill(json({ version, text: versions[version], accepted: false }));
    }
    const body = request.postDataJSON() as { version: string };
    if (body.version !== version) {
      return route.fulfill(
        problem(409, "conflict", "Conflict", "The agreement has changed since you opened it."),
      );
    }
    accepted.push(body.version);
    session.agreementRequired = false;
    return route.fulfill({ status: 204 });
  });

  // Any page leads to the agreement first.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/agreement$/);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const text = page.getByRole("region", { name: "The agreement" });
  await expect(text.locator("p")).toHaveText([
    "Tessera holds confidential information.",
    "I will record concerns promptly.",
  ]);
  await expectGoodPage(page);

  // Accepting without ticking the box is explained.
  const accept = page.getByRole("button", { name: "Accept and continue" });
  await accept.click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Select ‘I have read and agree to this’ to use Tessera");
  const box = page.getByRole("checkbox", { name: "I have read and agree to this" });
  await expect(box).toHaveAccessibleDescription(/Error: Select/);
  await expect(page).toHaveTitle(`Error: ${TITLE} – Tessera`);
  await expectGoodPage(page);

  // The school changes the agreement while it is being read: the new text is shown, and
  // must be agreed to afresh.
  version = "2026-10";
  await box.check();
  await accept.click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    "Your school changed the agreement while you were reading it.",
  );
  await expect(text.locator("p")).toHaveCount(3);
  await expect(box).not.toBeChecked();
  expect(accepted).toEqual([]);
  await expectGoodPage(page);

  await box.check();
  await accept.click();
  // Back to the page that was asked for.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  expect(accepted).toEqual(["2026-10"]);
});

test("when the school asks for training first, pages explain who to speak to", async ({ page }) => {
  const session = { ...demoSession, trainingRequired: true };
  await page.route("**/api/v1/session", (route) => route.fulfill(json(session)));
  await page.goto("/");
  await expect(page).toHaveURL(/\/training$/);
  await expect(page.getByRole("heading", { level: 1, name: "Training first" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    "Speak to your designated safeguarding lead (DSL)",
  );
  await expectGoodPage(page);
});
