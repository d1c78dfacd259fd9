// Exporting a chronology against the real server: the DSL filters a pupil's chronology,
// opens the export dialog, chooses a case conference, previews the redaction (who Child A
// is, shown only to her), downloads the PDF and finds no other child's name in its text
// (read back with pdftotext from poppler-utils).
import { execFileSync } from "node:child_process";
import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/demo";
import { apiInPage } from "./support/incidents";
import { expectGoodPage } from "./support/page";

interface Found {
  id: string;
  name: string;
  class: string | null;
}

const ORDINARY = /^(grace|hope|summer|bill|will|may|june|ruby|rose|holly|jack|mark|ivy|lily)$/i;

/** Two pupils of one class with different names: whose chronology it is, and another child. */
async function twoPupils(page: Page): Promise<[Found, Found]> {
  const response = await page.request.get("/api/v1/pupils?q=a&limit=50");
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()) as { items: Found[] };
  const words = (p: Found) => p.name.split(/\s+/);
  for (const subject of items) {
    const other = items.find(
      (p) =>
        p.id !== subject.id &&
        p.class === subject.class &&
        !words(p).some((w) => words(subject).includes(w) || ORDINARY.test(w)),
    );
    if (other) return [subject, other];
  }
  throw new Error("No two pupils of one class with different names");
}

test("the DSL previews the redaction and downloads a case conference PDF with no other child's name", async ({
  page,
}, testInfo) => {
  await signInAs(page, "dsl@demo.tessera.school", "code");
  const [subject, other] = await twoPupils(page);
  // Each run (desktop, phone) writes its own entry about the same two pupils.
  const marker = `${testInfo.project.name} ${Date.now()}`;
  const categories = await apiInPage<{ items: { id: string; name: string }[] }>(
    page,
    "GET",
    "/api/v1/categories",
  );
  const wellbeing = categories.body.items.find((c) => c.name === "Wellbeing");
  expect(wellbeing).toBeDefined();
  const created = await apiInPage<{ id: string }>(page, "POST", "/api/v1/incidents", {
    pupilId: subject.id,
    account: `Upset at break (${marker}). ${other.name} shared a snack and sat with her.`,
    categoryIds: [wellbeing?.id],
    occurredAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    linkedPupilIds: [other.id],
  });
  expect(created.status).toBe(201);

  await page.goto(`/pupils/${subject.id}`);
  await expect(page.getByRole("heading", { level: 1, name: subject.name })).toBeVisible();
  // Only this week: the new entry is in, five years of history are not.
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From").fill(weekAgo);
  await page.getByRole("button", { name: "Show matching entries" }).click();
  await expect(page.getByText(/^\d+ entr(y|ies)\.$/)).toBeVisible();
  await expect(
    page.getByText(`Upset at break (${marker}). ${other.name} shared a snack`),
  ).toBeVisible();

  const opener = page.getByRole("button", { name: "Export the chronology" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Export the chronology" });
  await expect(dialog).toBeVisible();
  await expectGoodPage(page);

  // Download without a purpose: the dialog asks for one, beside the question.
  await dialog.getByRole("button", { name: "Download", exact: true }).click();
  await expect(dialog.getByText("Choose what the export is for")).toBeVisible();

  await dialog.getByRole("radio", { name: "Case conference" }).check();
  await expect(
    dialog.getByRole("checkbox", { name: /Replace other children’s names/ }),
  ).toBeChecked();
  await dialog.getByRole("button", { name: "Preview redaction" }).click();
  const table = dialog.getByRole("table", { name: "Words to be replaced in the export" });
  await expect(table).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: `“${other.name}”` });
  await expect(row).toContainText(/Child [A-Z]/);
  await expect(row).toContainText(other.name);
  await expect(dialog.getByRole("heading", { name: "Replacements" })).toBeFocused();
  await expectGoodPage(page);

  // A replacement of her own, then undone: the table follows.
  await dialog.getByLabel("Word or phrase").fill("snack");
  await dialog.getByLabel("Replace with").fill("[food]");
  await dialog.getByRole("button", { name: "Add replacement" }).click();
  const added = table.getByRole("row").filter({ hasText: "“snack”" });
  await expect(added).toContainText("Added by you");
  await added.getByRole("button", { name: /Remove/ }).click();
  await expect(added).toHaveCount(0);

  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download", exact: true }).click();
  const download = await downloading;
  expect(download.url()).toMatch(/chronology\.pdf\?.*purpose=case_conference/);
  const file = testInfo.outputPath("chronology.pdf");
  await download.saveAs(file);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(text).toContain(`Chronology: ${subject.name}`);
  expect(text).toContain("Purpose: Case conference");
  expect(text).toMatch(new RegExp(`Upset at break \\(${marker}\\)\\. Child [A-Z] shared a snack`));
  for (const word of other.name.split(/\s+/)) expect(text).not.toContain(word);
  await expect(dialog.getByText("Your download has started.")).toBeVisible();

  // Escape closes the dialog and gives focus back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test("a class teacher is not offered the export", async ({ page }) => {
  await signInAs(page, "teacher@demo.tessera.school", "code");
  const response = await page.request.get("/api/v1/pupils?q=a&limit=50");
  const { items } = (await response.json()) as { items: Found[] };
  const mine = items.find((p) => /Oak/.test(p.class ?? ""));
  expect(mine).toBeDefined();
  await page.goto(`/pupils/${mine?.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Chronology" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Export the chronology" })).toHaveCount(0);
});
