// Changes to the demo school that reach every account (playwright.config.ts runs this file
// after all the others, one test at a time): a new idle time reaches the page at its next
// load; a new acceptable-use text is a new version that the administrator who wrote it,
// and then everyone else, reads and accepts at their next page load.
import { expect, type Page, test } from "@playwright/test";
import { signInAs, signInWithPassword } from "./support/demo";
import { apiInPage } from "./support/incidents";
import { expectGoodPage } from "./support/page";

/** The smallest JPEG the vault's content check takes for one. */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff,
  0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0x56, 0xff, 0xd9,
]);

test.describe.configure({ mode: "serial" });

/** What the server tells this page about its school now. */
async function sessionIdleMinutes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const res = await fetch("/api/v1/session");
    return (await res.json()).school.idleLockMinutes as number;
  });
}

test("the administrator changes the idle time and the next page load uses it", async ({ page }) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "School settings" }).click();
  const minutes = page.getByLabel("Lock the page after this many minutes without use");
  await expect(minutes).toHaveValue("10");
  expect(await sessionIdleMinutes(page)).toBe(10);
  await minutes.fill("15");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.reload();
  await expect(minutes).toHaveValue("15");
  expect(await sessionIdleMinutes(page)).toBe(15);
  // A colleague signing in now gets it too.
  await page.context().clearCookies();
  await signInAs(page, "ta@demo.tessera.school", "skip");
  expect(await sessionIdleMinutes(page)).toBe(15);
});

const NEW_PARAGRAPH = "I will lock my screen whenever I leave the room, even for a moment.";

test("the DSL turns body-map photos on and adds a photo of a mark to an incident", async ({
  page,
}) => {
  await signInAs(page, "dsl@demo.tessera.school", "code");
  const pupils = await apiInPage<{ items: { id: string }[] }>(page, "GET", "/api/v1/pupils?q=c");
  const categories = await apiInPage<{ items: { id: string; name: string }[] }>(
    page,
    "GET",
    "/api/v1/categories",
  );
  const created = await apiInPage<{ id: string }>(
    page,
    "POST",
    "/api/v1/incidents",
    {
      pupilId: pupils.body.items[0]?.id,
      account: "He showed me a bruise on his arm at break.",
      categoryIds: [categories.body.items.find((c) => c.name === "Wellbeing")?.id],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      bodyMap: {
        marks: [{ view: "front", region: "Left forearm", type: "Bruise", size: "about 2 cm" }],
      },
    },
    { "Idempotency-Key": crypto.randomUUID() },
  );
  expect(created.status).toBe(201);
  const incident = `/incidents/${created.body.id}`;

  // Off, as every school starts: no photo control.
  await page.goto(incident);
  await expect(page.getByRole("heading", { level: 2, name: "Body map" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Add a photo of the mark" })).toHaveCount(0);

  await page.goto("/settings/school");
  await page.getByRole("checkbox", { name: "Allow photos of marks on the body map" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();

  await page.goto(incident);
  await expect(page.getByRole("heading", { name: "Add a photo of the mark" })).toBeVisible();
  await page.getByRole("button", { name: "Add the photo" }).click();
  await expect(page.locator("#body-map-photo-description-error")).toContainText(
    "Say what the photo shows.",
  );
  await page.getByLabel("What the photo shows").fill("Bruise on the left forearm, mark 1");
  await page.getByLabel("Photo", { exact: true }).setInputFiles({
    name: "mark.jpg",
    mimeType: "image/jpeg",
    buffer: JPEG,
  });
  await page.getByRole("button", { name: "Add the photo" }).click();
  await expect(page.getByText(/The photo has been added to the pupil's documents/)).toBeVisible();
  await expectGoodPage(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectGoodPage(page);
});

test("the administrator changes the acceptable-use text and everyone accepts it again", async ({
  page,
}) => {
  await signInAs(page, "office@demo.tessera.school", "code");
  await page.goto("/account");
  await page.getByRole("link", { name: "School settings" }).click();
  await expect(page.getByText("Tessera's standard text, not changed by the school.")).toBeVisible();
  const text = page.getByLabel("The text everyone accepts");

  // Emptied by mistake: explained beside the field.
  const original = await text.inputValue();
  await text.fill("   ");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("#agreement-text-error")).toContainText(
    "Enter the text everyone accepts.",
  );
  await page.setViewportSize({ width: 320, height: 640 });
  await expectGoodPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  await text.fill(`${original}\n\n${NEW_PARAGRAPH}`);
  await page.getByRole("button", { name: "Save settings" }).click();
  // The one who changed it accepts it first, like everyone else.
  await expect(page).toHaveURL(/\/agreement$/);
  const agreement = page.getByRole("region", { name: "The agreement" });
  await expect(agreement).toContainText(NEW_PARAGRAPH);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: /accept/i }).click();
  await page.goto("/settings/school");
  await expect(page.getByText(/^Version \S+, changed /)).toBeVisible();
  await expect(page.getByLabel("The text everyone accepts")).toHaveValue(
    `${original}\n\n${NEW_PARAGRAPH}`,
  );
  await expectGoodPage(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectGoodPage(page);

  // A teacher signing in next is asked before anything else.
  await page.context().clearCookies();
  await signInWithPassword(page, "ta@demo.tessera.school");
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/agreement$/);
  await expect(page.getByRole("region", { name: "The agreement" })).toContainText(NEW_PARAGRAPH);
});
