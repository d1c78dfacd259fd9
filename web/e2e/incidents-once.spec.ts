// Incident flows that run once (desktop project only; the phone flow sets its own 375 × 667
// viewport): the whole phone flow, timed; a draft surviving a reload; the network dropping
// mid-submit; the DSL's alert. Each uses its own account, so counts and drafts stay its own.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { apiInPage, chooseFirst, myIncidentCount, openAddIncident } from "./support/incidents";
import { expectGoodPage } from "./support/page";

test("a teaching assistant adds an incident on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await signInAs(page, "ta@demo.tessera.school", "skip");
  const started = Date.now();
  await openAddIncident(page);
  await expectGoodPage(page);
  await chooseFirst(page, "Pupil", "a");
  await page
    .getByRole("textbox", { name: "What happened" })
    .fill(
      "At 10:40 in the lunch queue she said “I don’t want to go home”. I reassured her and told the DSL.",
    );
  await page.getByLabel("Where it happened (optional)").fill("Dining hall");
  await page.getByLabel("Find a category").fill("wellbeing");
  await page.getByRole("checkbox", { name: "Wellbeing", exact: true }).check();
  await page.getByRole("checkbox", { name: "Emotional wellbeing" }).check();
  await expect(
    page.getByRole("list", { name: "Chosen categories" }).getByRole("listitem"),
  ).toHaveCount(2);
  const linked = await chooseFirst(page, "Linked pupils (optional)", "b");
  await expect(page.getByRole("list", { name: "Linked pupils" })).toContainText(linked);
  await page.getByLabel("Body part").selectOption("Left forearm");
  await page.getByLabel("Type of mark").selectOption("Bruise");
  await page.getByLabel("Approximate size").fill("about 2 cm across");
  await page.getByLabel("What you saw").fill("Yellow-green, round");
  await page.getByRole("button", { name: "Add this mark" }).click();
  await expect(page.locator(".body-map__marks li")).toHaveCount(1);
  const pastoral = page.getByRole("button", { name: "Pastoral team" });
  await pastoral.click();
  await expect(pastoral).toHaveAttribute("aria-pressed", "true");
  const preview = page.locator(".alert-preview");
  await expect(preview).toContainText("will be alerted automatically (DSL team on every incident)");
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Add incident" }).click();
  const heading = page.getByRole("heading", { level: 1, name: /^Incident \d+ added$/ });
  await expect(heading).toBeVisible();
  const took = Date.now() - started;
  console.log(`Phone add-incident flow (scripted, 375 × 667): ${took} ms`);
  await expectGoodPage(page);
  await page.screenshot({ path: "/tmp/tessera-added-375.png", fullPage: true });
  await page.getByRole("link", { name: /^Open incident \d+$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Incident \d+$/ })).toBeVisible();
  await expect(page.getByText("Left forearm", { exact: false }).first()).toBeVisible();
  await expectGoodPage(page);
});

test("a draft survives a reload", async ({ page }) => {
  await signInAs(page, "sendco@demo.tessera.school", "skip");
  await openAddIncident(page);
  const text = `Draft check ${Date.now()}: at 9:10 he said “I lost my coat”. I told Mrs Khan.`;
  await page.getByRole("textbox", { name: "What happened" }).fill(text);
  await expect(page.getByText(/^Draft saved at /)).toBeVisible({ timeout: 8_000 });
  await page.reload();
  await expect(page.getByRole("button", { name: "Carry on with your draft" })).toBeVisible();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Carry on with your draft" }).click();
  await expect(page.getByRole("textbox", { name: "What happened" })).toHaveValue(text);
});

test("the network drops mid-submit: nothing lost, one incident", async ({ page }) => {
  await signInAs(page, "pastoral@demo.tessera.school", "skip");
  // The demo may hold years of incidents: count only those recorded from now on.
  const since = new Date(Date.now() - 5_000).toISOString();
  await openAddIncident(page);
  await chooseFirst(page, "Pupil", "c");
  await page
    .getByRole("textbox", { name: "What happened" })
    .fill("At 2:15pm she was crying in the corridor. I spoke to her and took her to the office.");
  await page.getByRole("checkbox", { name: "Wellbeing", exact: true }).check();
  let dropped = false;
  await page.route("**/api/v1/incidents", async (route) => {
    if (route.request().method() === "POST" && !dropped) {
      dropped = true;
      await route.abort("internetdisconnected");
    } else await route.continue();
  });
  await page.getByRole("button", { name: "Add incident" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Nothing you typed has been lost");
  await expect(page.getByRole("textbox", { name: "What happened" })).toHaveValue(/crying/);
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Add incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Incident \d+ added$/ })).toBeVisible();
  expect(await myIncidentCount(page, since)).toBe(1);
});

test("the DSL sees the alert, opens it and marks it read", async ({ page, browser }) => {
  // The teacher records an incident; the DSL team is alerted to every incident.
  const teacher = await browser.newPage();
  await signInAs(teacher, "teacher@demo.tessera.school", "skip");
  const pupils = await apiInPage<{ items: { id: string; name: string }[] }>(
    teacher,
    "GET",
    "/api/v1/pupils?q=d&limit=1",
  );
  const categories = await apiInPage<{ items: { id: string; name: string }[] }>(
    teacher,
    "GET",
    "/api/v1/categories",
  );
  const pupil = pupils.body.items[0];
  const wellbeing = categories.body.items.find((category) => category.name === "Wellbeing");
  const created = await apiInPage<{ id: string; number: number }>(
    teacher,
    "POST",
    "/api/v1/incidents",
    {
      pupilId: pupil?.id,
      account: "At 11:00 he said “nobody plays with me”. I spoke to him.",
      categoryIds: [wellbeing?.id],
      linkedPupilIds: [],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      alertUserIds: [],
      alertGroupIds: [],
      agencyIds: [],
      status: "open",
    },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  expect(created.status).toBe(201);
  await teacher.close();

  await signInAs(page, "dsl@demo.tessera.school", "code");
  await expect(page.getByText(/You have \d+ unread alerts?\./)).toBeVisible();
  await expectGoodPage(page);
  const item = page.locator(".alert-list__item", {
    has: page.getByRole("heading", { name: `${pupil?.name}: incident ${created.body.number}` }),
  });
  await expect(item).toContainText("Not read");
  await item.getByRole("button", { name: /^Open/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Incident ${created.body.number}` }),
  ).toBeVisible();
  await expect(page.locator(".summary-list")).toContainText("Recorded by");
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Mark as read" }).click();
  await expect(page.getByText(/You marked this alert as read on/)).toBeVisible();
  const alerts = await apiInPage<{ items: { incident: { id: string }; readAt: string | null }[] }>(
    page,
    "GET",
    "/api/v1/alerts",
  );
  const mine = alerts.body.items.find((alert) => alert.incident.id === created.body.id);
  expect(mine?.readAt).toBeTruthy();
});
