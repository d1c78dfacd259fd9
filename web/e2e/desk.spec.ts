// The DSL's desk in the browser: the TA's concern is triaged to early help with a
// rationale (a missing rationale is explained beside the field, nothing lost); the
// decision shows in the pupil's chronology; the DSL sets and ends a flag and marks the
// chronology reviewed.
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { apiInPage } from "./support/incidents";
import { expectGoodPage } from "./support/page";

// Two sign-ins and several screens each: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

async function raiseAsTa(page: Page, account: string): Promise<{ id: string; pupilId: string }> {
  await signInAs(page, "ta@demo.tessera.school", "skip");
  const pupils = await apiInPage<{ items: { id: string }[] }>(page, "GET", "/api/v1/pupils?q=a");
  const categories = await apiInPage<{ items: { id: string; name: string }[] }>(
    page,
    "GET",
    "/api/v1/categories",
  );
  const pupilId = pupils.body.items[0]!.id;
  const created = await apiInPage<{ id: string }>(
    page,
    "POST",
    "/api/v1/incidents",
    {
      pupilId,
      account,
      categoryIds: [categories.body.items.find((c) => c.name === "Wellbeing")!.id],
      occurredAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  expect(created.status).toBe(201);
  return { id: created.body.id, pupilId };
}

test("the DSL triages the TA's incident to early help and sees it in the chronology", async ({
  browser,
}) => {
  const taContext = await browser.newContext();
  const raised = await raiseAsTa(
    await taContext.newPage(),
    "She said she has been looking after her little brother every evening since mum went into hospital.",
  );
  await taContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "dsl@demo.tessera.school", "code");
  await page.goto(`/incidents/${raised.id}`);
  await page.getByRole("button", { name: "Triage", exact: true }).click();
  const form = page.getByRole("form", { name: "Triage this incident" });
  await expect(form).toBeVisible();
  await expectGoodPage(page);

  // Recategorise without a reason and without a rationale: both explained, nothing lost.
  await form.getByText(/^Chosen:/).click();
  await form.getByRole("checkbox", { name: "Early help (DSL only)", exact: true }).check();
  await form.getByRole("radio", { name: "Early help / targeted support" }).check();
  await form.getByRole("button", { name: "Record the triage" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Say why the categories are changing");
  await expect(summary).toContainText("Give the rationale");
  await expect(page.locator("#triage-rationale-error")).toContainText("Give the rationale");
  await expect(form.getByRole("radio", { name: "Early help / targeted support" })).toBeChecked();
  await expectGoodPage(page);

  await form
    .getByRole("textbox", { name: "Why are the categories changing?" })
    .fill("A young carer at home: early help, not only wellbeing.");
  await form
    .getByRole("textbox", { name: "Rationale" })
    .fill("Young carers' service referral with mum's consent; no immediate risk.");
  await form.getByRole("button", { name: "Record the triage" }).click();
  // The pupil's class teacher was alerted by the school's pre-set rule (Wellbeing is not
  // restricted); early help is, so the DSL is asked to review that alert.
  await expect(page.getByText(/^Triage recorded/).first()).toBeVisible();
  const review = page.getByRole("region", { name: "Review who was alerted" });
  await expect(review).toContainText("only because they were alerted to it");
  await review
    .getByRole("button", { name: /^Withdraw .+ alert$/ })
    .first()
    .click();
  await expect(review.getByText("Alert withdrawn").first()).toBeVisible();
  await expectGoodPage(page);
  await review.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Triage recorded: the incident is reviewed.")).toBeVisible();
  await expect(page.getByText(/Reviewed by a DSL/)).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Record another threshold decision" }),
  ).toBeVisible();

  // The decision and the category change are in the pupil's chronology.
  await page.goto(`/pupils/${raised.pupilId}`);
  await page.getByLabel("Type", { exact: true }).selectOption("threshold");
  await page.getByRole("button", { name: "Show matching entries" }).click();
  const list = page.locator(".chronology__list");
  await expect(list).toContainText("Early help / targeted support");
  await expect(list).toContainText("Young carers' service referral");
  await page.getByLabel("Type", { exact: true }).selectOption("category_change");
  await page.getByRole("button", { name: "Show matching entries" }).click();
  await expect(list).toContainText("Categories changed from Wellbeing to");
  await expectGoodPage(page);
  await context.close();
});

test("the deputy DSL sets a flag, ends it with a reason, and marks the chronology reviewed", async ({
  page,
}) => {
  // The deputy is in the DSL team too (and spares the DSL's authenticator codes).
  await signInAs(page, "deputy@demo.tessera.school", "code");
  const pupils = await apiInPage<{ items: { id: string }[] }>(page, "GET", "/api/v1/pupils?q=e");
  await page.goto(`/pupils/${pupils.body.items[1]!.id}`);
  const flags = page.getByRole("region", { name: "Flags" });
  await flags.getByRole("button", { name: "Add a flag" }).click();
  await flags.getByLabel("Flag", { exact: true }).selectOption({ label: "Young carer" });
  await flags.getByRole("button", { name: "Set the flag" }).click();
  await expect(page.locator(".error-summary")).toContainText("Say what this is based on");
  await expectGoodPage(page);
  await flags
    .getByRole("textbox", { name: "What is this based on?" })
    .fill("Assessed by the young carers' service.");
  await flags.getByRole("button", { name: "Set the flag" }).click();
  await expect(flags.getByText("Young carer is set.")).toBeVisible();
  await expect(flags.locator(".tag", { hasText: "Young carer" })).toBeVisible();

  await flags.getByRole("button", { name: "End “Young carer”" }).click();
  await flags.getByRole("textbox", { name: "Why does it end?" }).fill("Mum is home and well.");
  await flags.getByRole("button", { name: "End the flag" }).click();
  await expect(flags.getByText(/Young carer has ended/)).toBeVisible();
  await flags.getByText(/^Past flags/).click();
  await expect(flags).toContainText("Mum is home and well.");

  await page.getByRole("button", { name: "Mark the chronology reviewed" }).click();
  await page.getByRole("textbox", { name: "Note (optional)" }).fill("Termly review.");
  await page.getByRole("button", { name: "Record the review" }).click();
  await expect(page.getByText(/Chronology last reviewed on .* by /)).toBeVisible();
  await expectGoodPage(page);
});
