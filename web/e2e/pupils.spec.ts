// The pupil pages against the real server: finding a pupil, the pupil page (identity and
// chronology), refusals in plain words, the redacted export and "who has looked at this pupil".
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { chooseFirst } from "./support/incidents";
import { expectGoodPage } from "./support/page";

interface Found {
  id: string;
  name: string;
  year: string | null;
  class: string | null;
}

const PICKER = "Pupil’s name";

/** A pupil whose class matches, found through the pupil search with the page's session. */
async function findPupil(page: Page, classPattern: RegExp): Promise<Found> {
  for (const letter of "aeiournslt") {
    const response = await page.request.get(`/api/v1/pupils?q=${letter}&limit=50`);
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: Found[] };
    const match = items.find((pupil) => classPattern.test(`${pupil.year} ${pupil.class}`));
    if (match) return match;
  }
  throw new Error(`No pupil found in a class matching ${classPattern}`);
}

async function openFindAPupil(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("link", { name: "Find a pupil" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find a pupil" })).toBeVisible();
}

test("a class teacher finds a pupil in her class, and is refused another class", async ({
  page,
}) => {
  await signInAs(page, "teacher@demo.tessera.school", "code");
  const oak = await findPupil(page, /Oak/);
  await openFindAPupil(page);
  await expectGoodPage(page);
  const box = page.getByRole("combobox", { name: PICKER, exact: true });
  const surname = oak.name.split(" ").pop() ?? oak.name;
  await box.fill(surname);
  const option = page.getByRole("option").filter({ hasText: oak.name }).filter({ hasText: "Oak" });
  await expect(option.first()).toBeVisible();
  await expectGoodPage(page);
  await option.first().click();
  await expect(page).toHaveURL(new RegExp(`/pupils/${oak.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: oak.name })).toBeVisible();
  await expect(page.getByText("Date of birth")).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: "Chronology", exact: true }),
  ).toBeVisible();
  await expect(page.getByText(/^\d+ entr(y|ies)\.$|nothing in this/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Add incident about this pupil" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Who has looked at this pupil?" })).toHaveCount(0);
  await expectGoodPage(page);
  await page.screenshot({
    fullPage: true,
  });

  // Filtering to something that cannot match shows the empty state (on a fresh page: axe can
  // leave empty style attributes behind on the elements it checked).
  await page.reload();
  await page.getByLabel("Words to search for").fill("zzqqxx-no-such-words");
  await page.getByRole("button", { name: "Show matching entries" }).click();
  await expect(page.getByText("Nothing matches these filters.")).toBeVisible();
  await expectGoodPage(page);

  const other = await findPupil(page, /Rowan/);
  await page.goto(`/pupils/${other.id}`);
  await expect(
    page.getByRole("heading", { level: 1, name: "You cannot open these records" }),
  ).toBeVisible();
  await expect(
    page.getByText(
      "You are not allowed to open this pupil’s records. You can still add an incident about them.",
    ),
  ).toBeVisible();
  await expectGoodPage(page);
});

test("a teaching assistant finds a pupil but cannot open their records", async ({ page }) => {
  await signInAs(page, "ta@demo.tessera.school", "skip");
  await openFindAPupil(page);
  await chooseFirst(page, PICKER, "a");
  await expect(page).toHaveURL(/\/pupils\/[^/]+$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "You cannot open these records" }),
  ).toBeVisible();
  await expect(page.getByText("You are not allowed to open this pupil’s records.")).toBeVisible();
  const add = page.getByRole("link", { name: "Add incident about this pupil" });
  await expect(add).toHaveAttribute("href", "/incidents/new");
  await expectGoodPage(page);
});

test("the DSL downloads a redacted chronology and sees who has looked", async ({ page }) => {
  await signInAs(page, "dsl@demo.tessera.school", "code");
  const session = (await (await page.request.get("/api/v1/session")).json()) as {
    user: { name: string };
  };
  await openFindAPupil(page);
  const name = await chooseFirst(page, PICKER, "a");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^\d+ entr(y|ies)\.$|nothing in this/)).toBeVisible();
  await expectGoodPage(page);

  await page.getByRole("button", { name: "Export the chronology" }).click();
  const dialog = page.getByRole("dialog", { name: "Export the chronology" });
  await dialog.getByRole("radio", { name: "Internal use in school" }).check();
  // Internal use: names stay unless she asks; any other purpose turns redaction on.
  const redact = dialog.getByRole("checkbox", { name: /Replace other children’s names/ });
  await expect(redact).not.toBeChecked();
  await dialog.getByRole("radio", { name: "Court" }).check();
  await expect(redact).toBeChecked();
  await dialog.getByRole("radio", { name: "Internal use in school" }).check();
  await redact.check();
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download", exact: true }).click();
  const download = await downloading;
  expect(download.url()).toMatch(/chronology\.pdf\?.*purpose=internal&redact=true/);
  const answer = await page.request.get(download.url());
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("application/pdf");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("link", { name: "Who has looked at this pupil?" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Who has looked at this pupil?" }),
  ).toBeVisible();
  const mine = page
    .getByRole("row")
    .filter({ hasText: session.user.name })
    .filter({ hasText: "Opened the pupil’s page" });
  await expect(mine.first()).toBeVisible();
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: "Downloaded the chronology as a PDF" })
      .filter({ hasText: "For: Internal use in school" })
      .first(),
  ).toBeVisible();
  await expectGoodPage(page);
});
