// People and roster in the browser, against the real server and its loopback SMTP server:
// the administrator invites a member of staff, who opens the emailed link, sets a password
// and signs in; the DSL imports a CSV through the mapping screen and sees the dry run;
// the access review. Each run invites a fresh address, so no demo account changes.
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { mailTo } from "./support/mail";
import { expectGoodPage, signInForm } from "./support/page";

test("the administrator invites a member of staff, who sets a password and signs in", async ({
  page,
  browser,
}, testInfo) => {
  // Two people sign in, an email goes through the outbox (every 2 s) and a password is
  // hashed: longer than one page's test.
  test.setTimeout(90_000);
  // Both projects run this against one demo school: a name and address of its own each.
  const project = testInfo.project.name;
  const person = `Sam ${project.charAt(0).toUpperCase()}${project.slice(1)}`;
  const email = `new.staff.${testInfo.project.name}.${Date.now()}@example.org`;
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.getByRole("banner").getByRole("link", { name: "Staff and pupils" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  // An administrator is offered only roles that open no pupil records.
  await expect(page.getByRole("checkbox", { name: "Class teacher" })).toHaveCount(0);
  await expectGoodPage(page);

  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.locator(".error-summary")).toContainText("Enter the person’s name");
  await page.getByRole("textbox", { name: "Name" }).fill(person);
  await page.getByRole("textbox", { name: "Email address" }).fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`An invitation was emailed to ${email}`)).toBeVisible();
  const invitations = page.getByRole("table", { name: "Invitations" });
  await expect(invitations.getByRole("row").filter({ hasText: email })).toContainText("Waiting");
  await expectGoodPage(page);

  const mail = await mailTo(email);
  expect(mail.subject).toBe("You are invited to Tessera at Demo Primary School");
  const link = /https?:\/\/\S+\/invitation\/\S+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  const path = new URL(link as string).pathname;

  // The invited person, in a browser of their own. A mail scanner's visit first.
  const scanner = await page.request.get(`/api/v1/invitations/${path.split("/").pop()}`);
  expect(scanner.status()).toBe(200);
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const invited = await context.newPage();
  await invited.goto(path);
  await expect(invited.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  await expect(invited.getByRole("main")).toContainText("Demo Primary School");
  await expectGoodPage(invited);
  const password = "amber kettle orbit willow";
  await invited.getByLabel("Choose a password").fill(password);
  await invited.getByRole("button", { name: "Set password" }).click();
  await expect(
    invited.getByRole("heading", { level: 1, name: "Your account is ready" }),
  ).toBeVisible();
  await invited.getByRole("link", { name: "Sign in" }).click();
  const form = signInForm(invited);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
  await expect(
    invited.getByRole("heading", { level: 1, name: "Agreement for using Tessera" }),
  ).toBeVisible();
  await invited.getByRole("checkbox", { name: "I have read and agree to this" }).check();
  await invited.getByRole("button", { name: "Accept and continue" }).click();
  await expect(invited.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await expect(invited.getByRole("banner")).toContainText(person);

  // The link worked once.
  await invited.goto(path);
  await expect(
    invited.getByRole("heading", { level: 1, name: "This invitation link does not work" }),
  ).toBeVisible();
  await context.close();

  await page.reload();
  await expect(invitations.getByRole("row").filter({ hasText: email })).toContainText("Accepted");
  await expect(
    page
      .getByRole("table", { name: "Staff in this school" })
      .getByRole("row")
      .filter({ hasText: email }),
  ).toContainText("Active");

  // The administrator can change roles that open no records (and is offered no others).
  await page.getByRole("button", { name: `Change roles of ${person}` }).click();
  const roles = page.getByRole("group", { name: `Roles of ${person}` });
  await expect(roles.getByRole("checkbox")).toHaveCount(2);
  await roles.getByRole("checkbox", { name: "Administrator" }).check();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByText(`${person}’s roles were changed.`)).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: "Staff in this school" })
      .getByRole("row")
      .filter({ hasText: email }),
  ).toContainText("Staff, Administrator");
});

test("the DSL imports a CSV through the mapping screen and sees the dry run", async ({ page }) => {
  await signInAs(page, "dsl@demo.tessera.school", "code");
  await page.getByRole("banner").getByRole("link", { name: "Staff and pupils" }).click();
  await page
    .getByRole("navigation", { name: "People" })
    .getByRole("link", { name: "Import pupils" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Import pupils" })).toBeVisible();
  await expectGoodPage(page);

  // "Pupil ID" is not a header Tessera knows: the DSL says it holds the UPN.
  const csv = [
    "Pupil ID,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group",
    "Q823200120001,Newcome,Ada,01/09/2019,F,R,Robins",
    "E823200120002,Newcome,Ben,31/02/2019,M,R,Robins",
  ].join("\n");
  await page.getByLabel("File to import").setInputFiles({
    name: "sims-export.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: "Say what each column holds" }),
  ).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Legal Surname" })).toHaveValue("legalLastName");
  await expect(page.getByRole("cell", { name: "Newcome" }).first()).toBeVisible();
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Check the import" }).click();
  await expect(page.locator(".error-summary")).toContainText(
    "Choose the column that holds the UPN",
  );
  await page.getByRole("combobox", { name: "Pupil ID" }).selectOption("upn");
  await page.getByRole("button", { name: "Check the import" }).click();

  await expect(
    page.getByRole("heading", { level: 2, name: "What the import would change" }),
  ).toBeVisible();
  const counts = page.locator(".import-counts");
  await expect(counts).toContainText("1 errors");
  await expect(counts).toContainText("proposed leavers");
  await expect(page.getByRole("row").filter({ hasText: "31/02/2019" })).toContainText("3");
  // Nothing can be applied while a row has an error.
  await expect(page.getByRole("button", { name: "Apply import" })).toHaveCount(0);
  await expectGoodPage(page);
});

test("the DSL reviews who can read what and marks it reviewed", async ({ page }) => {
  await signInAs(page, "dsl@demo.tessera.school", "code");
  await page.goto("/people/access-review");
  await expect(page.getByRole("heading", { level: 1, name: "Access review" })).toBeVisible();
  await expect(
    page.getByRole("row").filter({ hasText: "teacher@demo.tessera.school" }),
  ).toContainText("Year 3 Oak");
  await expect(page.getByRole("link", { name: "Download as CSV" })).toHaveAttribute(
    "href",
    "/api/v1/access-review.csv",
  );
  await expectGoodPage(page);
  await page.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByText(/^Marked as reviewed on/)).toBeVisible();
  await expect(page.getByText(/Last reviewed on .* by /)).toBeVisible();
});

test("staff without roster rights see no link and are refused the pages", async ({ page }) => {
  await signInAs(page, "teacher@demo.tessera.school", "code");
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Staff and pupils" }),
  ).toHaveCount(0);
  await page.goto("/people");
  await expect(page.getByRole("main")).toContainText(
    "Only an administrator or a designated safeguarding lead",
  );
});
