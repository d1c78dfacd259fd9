// Groups and pre-set alerts, as the issue tells it: the DSL makes a group, adds someone to
// it by name and adds a rule alerting it to incidents in one area (an area left out is
// explained beside the field); a teacher then records an incident and the Add incident form
// says who will be alerted automatically. The rule is switched off at the end so the demo
// school's alerts are as before for the other tests.
import { type Browser, expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { chooseFirst, openAddIncident } from "./support/incidents";
import { expectGoodPage } from "./support/page";

async function signedIn(browser: Browser, email: string, factor: "code" | "skip") {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email, factor);
  return page;
}

test("the DSL adds a group and a rule; the teacher sees who is alerted automatically", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const group = `Playground team ${testInfo.project.name} ${Date.now().toString(36)}`;
  const rule = `${group} on incidents in General`;

  const dsl = await signedIn(browser, "dsl@demo.tessera.school", "code");
  await dsl.goto("/account");
  await dsl.getByRole("link", { name: "Groups and alert rules" }).click();
  await expect(
    dsl.getByRole("heading", { level: 1, name: "Groups and alert rules" }),
  ).toBeVisible();
  await expect(dsl.getByRole("list", { name: "Pre-set alert rules" })).toContainText(
    "DSL team on every incident",
  );
  await expectGoodPage(dsl);

  await dsl.getByRole("textbox", { name: "Name" }).fill(group);
  await dsl.getByRole("button", { name: "Add group" }).click();
  await expect(dsl.locator(".notice--success")).toHaveText(`${group} added.`);
  // The page has selects too: take the option from the combobox's own list.
  const search = dsl.getByRole("combobox", { name: `Add someone to ${group}` });
  // Each project its own member: a person two rules reach is listed under one of them.
  await search.fill(testInfo.project.name === "phone" ? "Priya" : "Donna");
  const option = dsl.getByRole("listbox").getByRole("option").first();
  await expect(option).toBeVisible();
  const member = (await option.locator("strong").textContent()) ?? "";
  await search.press("ArrowDown");
  await search.press("Enter");
  await expect(dsl.locator(".notice--success")).toHaveText(`${member} added to ${group}.`);
  await expect(dsl.getByRole("list", { name: `Members of ${group}` })).toContainText(member);

  await dsl.getByLabel("Who is alerted").selectOption({ label: group });
  await dsl.getByRole("radio", { name: "Incidents in the areas I choose" }).check();
  await dsl.getByRole("button", { name: "Add rule" }).click();
  await expect(dsl.locator("#new-rule-areas-error")).toContainText("Choose at least one area.");
  await expectGoodPage(dsl);
  await dsl.getByRole("checkbox", { name: "General", exact: true }).check();
  await dsl.getByRole("button", { name: "Add rule" }).click();
  await expect(dsl.locator(".notice--success")).toHaveText("Rule added.");
  await expect(dsl.getByRole("list", { name: "Pre-set alert rules" })).toContainText(rule);

  const teacher = await signedIn(browser, "teacher@demo.tessera.school", "skip");
  await openAddIncident(teacher);
  await chooseFirst(teacher, "Pupil", "e");
  await teacher
    .getByRole("textbox", { name: "What happened" })
    .fill("At 12:15 on the field he pushed another child over during a game. I separated them.");
  await teacher.getByRole("checkbox", { name: "Behaviour", exact: true }).check();
  const automatic = teacher.getByRole("list", { name: "Alerted automatically" });
  await expect(automatic).toContainText("DSL team on every incident");
  await expect(automatic).toContainText(`${member} will be alerted automatically (${rule})`);
  await expectGoodPage(teacher);
  await teacher.getByRole("button", { name: "Add incident" }).click();
  await expect(
    teacher.getByRole("heading", { level: 1, name: /^Incident \d+ added$/ }),
  ).toBeVisible();

  await dsl.getByRole("button", { name: `Switch off ${rule}` }).click();
  await expect(dsl.locator(".notice--success")).toHaveText(`${rule}: switched off.`);
  await dsl.getByRole("button", { name: `Switch off ${group}` }).click();
  await expect(dsl.locator(".notice--success")).toContainText(`${group} is switched off`);
});
