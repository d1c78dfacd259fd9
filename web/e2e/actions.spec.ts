// Alerts and actions, as the issue tells it: the TA raises an incident (the DSL team is
// alerted to every incident); the DSL sees the alert, uses "See next alert", adds "spoke to
// parent" and a DSL-only action, corrects the first, and marks the alert read; the TA sees
// the action on her incident but never the DSL-only one. And each one's home page.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { apiInPage, chooseFirst, openAddIncident } from "./support/incidents";
import { expectGoodPage } from "./support/page";

const SPOKE = "Spoke to parent at pick-up: mum says he has not been sleeping.";
const SECRET = "Strategy discussion with children's social care.";

async function signedIn(browser: Browser, email: string, factor: "code" | "skip") {
  // A context of its own (the project's size and settings), so two people can be signed in.
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email, factor);
  return page;
}

async function anotherIncident(page: Page) {
  const pupils = await apiInPage<{ items: { id: string }[] }>(page, "GET", "/api/v1/pupils?q=c");
  const categories = await apiInPage<{ items: { id: string; name: string }[] }>(
    page,
    "GET",
    "/api/v1/categories",
  );
  const created = await apiInPage<{ id: string; number: number }>(
    page,
    "POST",
    "/api/v1/incidents",
    {
      pupilId: pupils.body.items[0]?.id,
      account: "At lunch he said he had no breakfast again.",
      categoryIds: [categories.body.items.find((c) => c.name === "Wellbeing")?.id],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  expect(created.status).toBe(201);
}

test("the DSL follows up the TA's incident and the TA sees only what she may", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The TA raises an incident; the DSL team is alerted to every incident.
  const ta = await signedIn(browser, "ta@demo.tessera.school", "skip");
  await openAddIncident(ta);
  const pupil = await chooseFirst(ta, "Pupil", "e");
  await ta
    .getByRole("textbox", { name: "What happened" })
    .fill("At 9:05 he said “I was up all night, they were shouting”. I listened.");
  await ta.getByRole("checkbox", { name: "Wellbeing", exact: true }).check();
  await expect(ta.locator(".alert-preview")).toContainText("will be alerted automatically");
  await ta.getByRole("button", { name: "Add incident" }).click();
  const added = ta.getByRole("heading", { level: 1, name: /^Incident \d+ added$/ });
  await expect(added).toBeVisible();
  const number = Number((await added.textContent())?.match(/\d+/)?.[0]);
  // A second one, so the DSL has another unread alert to go on to.
  await anotherIncident(ta);

  // The DSL sees the alert on her home page, with the overdue list.
  const dsl = await signedIn(browser, "dsl@demo.tessera.school", "code");
  await expect(dsl.getByRole("heading", { name: "Waiting for the DSL team" })).toBeVisible();
  // Oldest first: the demo school's long-unreviewed incidents are marked overdue.
  const overdue = dsl.locator(".overdue");
  await expect(overdue).toContainText(/\d+ incidents are not reviewed yet; \d+ are overdue/);
  await expect(overdue.locator(".tag--warning").first()).toHaveText("Overdue");
  await expect(dsl.locator(".header__badge")).toHaveText(/^[1-9]\d*$/);
  await expectGoodPage(dsl);
  const item = dsl.locator(".alert-list__item", {
    has: dsl.getByRole("heading", { name: new RegExp(`: incident ${number}$`) }),
  });
  await expect(item).toContainText("Not read");
  await item.getByRole("button", { name: /^Open/ }).click();
  await expect(dsl.getByRole("heading", { level: 1, name: `Incident ${number}` })).toBeVisible();
  const bar = dsl.getByRole("region", { name: "Your alert" });
  await expect(bar).toContainText("You have not marked it as read");
  await expectGoodPage(dsl);
  const here = dsl.url();

  // "See next alert" goes on to another unread alert; back again to this one.
  await bar.getByRole("button", { name: "See next alert" }).click();
  await expect(dsl).not.toHaveURL(here);
  await expect(dsl.getByRole("region", { name: "Your alert" })).toContainText("alerted you");
  await expectGoodPage(dsl);
  await dsl.goBack();
  await expect(dsl.getByRole("heading", { level: 1, name: `Incident ${number}` })).toBeVisible();

  // Adding an action: a problem is shown beside its field and nothing typed is lost.
  await dsl.getByRole("button", { name: "Add an action" }).click();
  await dsl.getByLabel("Outcome (optional)").fill("Mum will ring the office tomorrow.");
  await dsl.getByRole("button", { name: "Add the action" }).click();
  await expect(dsl.locator(".error-summary")).toBeFocused();
  await expect(dsl.locator("#action-account-error")).toContainText("Write what was done");
  await expect(dsl.getByLabel("Outcome (optional)")).toHaveValue(
    "Mum will ring the office tomorrow.",
  );
  await expectGoodPage(dsl);
  await dsl.getByRole("textbox", { name: "What was done" }).fill(SPOKE);
  // The TA is alerted to this action: it opens for her on its own.
  expect(await chooseFirst(dsl, "Alert someone by name", "Agniesz")).toBe("Agnieszka Nowak");
  await dsl.getByRole("button", { name: "Add the action" }).click();
  await expect(dsl.getByText("The action has been added.")).toBeVisible();
  const actions = dsl.locator(".action-list");
  await expect(actions).toContainText(SPOKE);

  // A DSL-only action.
  await dsl.getByRole("button", { name: "Add an action" }).click();
  await dsl.getByRole("textbox", { name: "What was done" }).fill(SECRET);
  const dslOnly = dsl.getByRole("checkbox", { name: "Only the DSL team may see this" });
  // What ticking it does is read out with it.
  await expect(dslOnly).toHaveAccessibleDescription(/will not see this action or its outcome/);
  await dslOnly.check();
  await expectGoodPage(dsl);
  await dsl.getByRole("button", { name: "Add the action" }).click();
  const secret = actions.locator(".action-list__item", { hasText: SECRET });
  await expect(secret).toContainText("DSL team only");

  // Correcting the first: a new revision with a reason, the old one kept in its history.
  const spoke = actions.locator(".action-list__item", { hasText: SPOKE });
  await spoke.getByRole("link", { name: /^Edit/ }).click();
  await dsl.getByLabel("Outcome (optional)").fill("Mum rang the office: he is sleeping at gran's.");
  await dsl.getByLabel("Why are you changing it?").fill("Mum rang back.");
  await expectGoodPage(dsl);
  await dsl.getByRole("button", { name: "Save the change" }).click();
  await expect(dsl.getByText("Your change has been saved.")).toBeVisible();
  await dsl.getByRole("link", { name: /See the history of changes/ }).click();
  await expect(dsl.getByRole("heading", { name: "Version 2" })).toBeVisible();
  await expect(dsl.locator(".revision")).toHaveCount(2);
  await expect(dsl.getByText("Why: Mum rang back.")).toBeVisible();
  await expectGoodPage(dsl);

  // Marking the alert read records when.
  await dsl.getByRole("link", { name: "Back to the action" }).click();
  await dsl.getByRole("link", { name: `An action on incident ${number}` }).click();
  await dsl.getByRole("button", { name: "Mark as read" }).click();
  await expect(dsl.getByText(/You marked this alert as read on/)).toBeVisible();
  await dsl.context().close();

  // The TA: the alert about the action opens that action, where she marks it read.
  await ta.goto("/");
  const actionAlert = ta.locator(".alert-list__item", {
    has: ta.getByRole("heading", { name: new RegExp(`: an action on incident ${number}$`) }),
  });
  await expect(actionAlert).toContainText("Not read");
  await expectGoodPage(ta);
  await actionAlert.getByRole("button", { name: /^Open/ }).click();
  await expect(ta.getByRole("heading", { level: 1, name: "Follow-up" })).toBeVisible();
  await expect(ta.locator("main")).toContainText(SPOKE);
  await ta.getByRole("button", { name: "Mark as read" }).click();
  await expect(ta.getByText(/You marked this alert as read on/)).toBeVisible();
  await expectGoodPage(ta);

  // Her incident is awaiting review on her home page; it shows the DSL's action, corrected
  // and marked so — never the DSL-only one.
  await ta.goto("/");
  const waiting = ta.getByRole("link", { name: `Incident ${number}: ${pupil}` });
  await expect(waiting).toBeVisible();
  await expectGoodPage(ta);
  await waiting.click();
  await expect(ta.getByRole("heading", { level: 1, name: `Incident ${number}` })).toBeVisible();
  await expect(ta.locator(".action-list")).toContainText(SPOKE);
  await expect(ta.locator(".action-list")).toContainText("Edited");
  await expect(ta.locator("main")).not.toContainText(SECRET);
  await expect(ta.locator("main")).not.toContainText("DSL team only");
  await expect(ta.getByRole("checkbox", { name: "Only the DSL team may see this" })).toHaveCount(0);
  await expectGoodPage(ta);
  await ta.context().close();
});

test("a deputy DSL restricts an action after it was recorded, and opens it again", async ({
  browser,
}) => {
  const deputy = await signedIn(browser, "deputy@demo.tessera.school", "code");
  const pupils = await apiInPage<{ items: { id: string }[] }>(deputy, "GET", "/api/v1/pupils?q=a");
  const categories = await apiInPage<{ items: { id: string; name: string }[] }>(
    deputy,
    "GET",
    "/api/v1/categories",
  );
  const incident = await apiInPage<{ id: string }>(
    deputy,
    "POST",
    "/api/v1/incidents",
    {
      pupilId: pupils.body.items[0]?.id,
      account: "She said her brother hits her when mum is out.",
      categoryIds: [categories.body.items.find((c) => c.name === "Safeguarding concern")?.id],
      occurredAt: new Date(Date.now() - 120_000).toISOString(),
    },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  expect(incident.status).toBe(201);
  const action = await apiInPage<{ id: string }>(
    deputy,
    "POST",
    `/api/v1/incidents/${incident.body.id}/actions`,
    { account: "Phoned mum: she will collect today.", occurredAt: new Date().toISOString() },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  expect(action.status).toBe(201);
  await deputy.goto(`/actions/${action.body.id}`);
  const audience = deputy.getByRole("region", { name: "Who may read this action" });
  await expect(audience).toContainText("Everyone who may read the incident");

  // No reason: said beside the field, nothing changed.
  await audience.getByRole("button", { name: "Restrict to the DSL team" }).click();
  await expect(deputy.locator("#action-audience-reason-error")).toContainText("Say why");
  await expectGoodPage(deputy);
  await audience.getByLabel("Why restrict it to the DSL team?").fill("Police now involved.");
  await audience.getByRole("button", { name: "Restrict to the DSL team" }).click();
  await expect(deputy.getByText("Only the DSL team can read this action now.")).toBeVisible();
  await expect(deputy.locator("main .tag", { hasText: "DSL team only" })).toBeVisible();
  await expect(audience).toContainText("Why: Police now involved.");
  await expectGoodPage(deputy);

  await audience.getByLabel("Why open it to those who may read the incident?").fill("Wrong one.");
  await audience.getByRole("button", { name: "Open it again" }).click();
  await expect(audience).toContainText("Opened again by");
  await expect(deputy.locator("main .tag", { hasText: "DSL team only" })).toHaveCount(0);
  await deputy.context().close();
});
