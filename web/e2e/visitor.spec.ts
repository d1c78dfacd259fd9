// A visitor concern link end to end: the DSL makes a link, a visitor with no account sends
// a concern from a phone-size page and reads nothing back, and the DSL matches it to a
// pupil, which adds an incident.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

test("a DSL makes a link, a visitor sends a concern from a phone, the DSL matches it", async ({
  page,
  browser,
}, testInfo) => {
  // Two sign-ins (or two browsers) and several accessibility scans: longer than most.
  test.slow();
  const who = `Sam Visitor ${testInfo.project.name} ${Date.now()}`;
  await signInAs(page, "dsl@demo.tessera.school");
  await page.getByRole("link", { name: "Visitor links" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Visitor links" })).toBeVisible();
  await expectGoodPage(page);
  // Nothing filled in: the problem is beside the field.
  await page.getByRole("textbox", { name: "Who it is for" }).fill("");
  await page.getByRole("button", { name: "Make the link" }).click();
  await expect(page.locator("#link-name-error")).toContainText("Enter the visitor");
  await page.getByRole("textbox", { name: "Who it is for" }).fill(`Acme Supply – ${who}`);
  await page.getByRole("radio", { name: /Once/ }).check();
  await page.getByRole("button", { name: "Make the link" }).click();
  await expect(
    page.getByRole("heading", { name: `Link made for Acme Supply – ${who}` }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code of the visitor link/ })).toBeVisible();
  const url = await page.locator(".visitor-link__url a").textContent();
  expect(url).toMatch(/\/visit\/[A-Za-z0-9_-]{65}$/);
  await expect(page.getByRole("cell", { name: `Acme Supply – ${who}` })).toBeVisible();
  await expectGoodPage(page);

  // The visitor: a phone, no account, no cookies.
  const phone = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const visitor = await phone.newPage();
  await visitor.goto(url!);
  await expect(
    visitor.getByRole("heading", {
      level: 1,
      name: "Tell the safeguarding team at Demo Primary School",
    }),
  ).toBeVisible();
  await expectGoodPage(visitor);
  await visitor.getByRole("button", { name: "Send to the safeguarding team" }).click();
  await expect(visitor.locator(".error-summary")).toBeFocused();
  await expect(visitor.locator("#visit-visitorName-error")).toContainText("Enter your name");
  await expectGoodPage(visitor);
  await visitor.getByRole("textbox", { name: "Your name" }).fill(who);
  await visitor.getByRole("textbox", { name: "Why you are in school" }).fill("Supply teacher");
  await visitor
    .getByRole("textbox", { name: "Phone number or email address" })
    .fill("07700 900456");
  await visitor.getByRole("textbox", { name: "The child’s name" }).fill("Amelia in Year 3");
  await visitor.getByRole("textbox", { name: "When it happened" }).fill("Today at lunchtime");
  await visitor
    .getByRole("textbox", { name: "What you saw or heard" })
    .fill("She said she had not eaten since yesterday.");
  await visitor.getByRole("button", { name: "Send to the safeguarding team" }).click();
  await expect(
    visitor.getByRole("heading", { level: 1, name: "Thank you — sent to the safeguarding team" }),
  ).toBeVisible();
  await expect(visitor.getByText("not eaten since yesterday")).toHaveCount(0);
  await expectGoodPage(visitor);
  // Used once: the link says so in words.
  await visitor.goto(url!);
  await expect(
    visitor.getByRole("heading", { level: 1, name: "This link does not work" }),
  ).toBeVisible();
  await expect(visitor.getByText(/already been used/)).toBeVisible();
  await expectGoodPage(visitor);
  await phone.close();

  // The DSL matches it to a pupil.
  await page.goto("/visitor-concerns");
  await expect(page.getByRole("heading", { level: 1, name: "Visitor concerns" })).toBeVisible();
  const concern = page.getByRole("article", { name: `From ${who}, about “Amelia in Year 3”` });
  await expect(concern).toContainText("not eaten since yesterday");
  await expectGoodPage(page);
  await concern.getByRole("button", { name: "Match and add as an incident" }).click();
  await expect(concern.getByText("Choose the pupil the visitor meant")).toBeVisible();
  const pupilBox = concern.getByRole("combobox", { name: "Pupil", exact: true });
  await pupilBox.fill("a");
  await expect(page.getByRole("option").first()).toBeVisible();
  await pupilBox.press("ArrowDown");
  await pupilBox.press("Enter");
  await concern.getByRole("combobox", { name: "Category" }).selectOption({ label: "Wellbeing" });
  await concern.getByRole("button", { name: "Match and add as an incident" }).click();
  await expect(page.locator("#main-content").getByRole("status")).toContainText("Matched.");
  const matched = page.getByRole("article", { name: `From ${who}, about “Amelia in Year 3”` });
  await expect(matched.getByText("Matched", { exact: true })).toBeVisible();
  await expectGoodPage(page);
  await matched.getByRole("link", { name: "open the incident" }).click();
  await expect(page.getByText(`From: ${who} (Supply teacher)`)).toBeVisible();
});
