// The document vault in the browser: the SENDCo uploads an EHCP (a real PDF, made here),
// finds it in the pupil's documents and chronology, and previews it in a sandboxed frame;
// a program renamed .pdf is refused beside the file field. One sign-in per project: each
// authenticator step is used once per account.
import { expect, type Page, test } from "@playwright/test";
import PDFDocument from "pdfkit";
import { signInAs } from "./support/demo";
import { expectGoodPage } from "./support/page";

function ehcpPdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.fontSize(18).text("Education, health and care plan");
    doc.fontSize(11).text(text);
    doc.end();
  });
}

async function anyPupil(page: Page): Promise<{ id: string; name: string }> {
  const response = await page.request.get("/api/v1/pupils?q=a&limit=5");
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()) as { items: { id: string; name: string }[] };
  const pupil = items[0];
  if (!pupil) throw new Error("no pupil found");
  return pupil;
}

test("the SENDCo uploads an EHCP, sees it in the documents and chronology, and previews it", async ({
  page,
}, testInfo) => {
  // Several uploads and a preview on a busy machine: more than the usual half-minute.
  test.setTimeout(60_000);
  await signInAs(page, "sendco@demo.tessera.school", "code");
  const pupil = await anyPupil(page);
  await page.goto(`/pupils/${pupil.id}`);
  await expect(page.getByRole("heading", { level: 1, name: pupil.name })).toBeVisible();
  const documents = page.getByRole("region", { name: "Documents" });
  await expect(documents.getByRole("heading", { level: 3, name: "Add a document" })).toBeVisible();
  await expectGoodPage(page);

  // Sending without a file: the message is beside the field, and what was typed stays.
  const description = `EHCP issued by the local authority (${testInfo.project.name} ${Date.now()})`;
  await documents.getByLabel("Document type").selectOption("EHCP");
  await expect(documents.getByLabel("Who may see it")).toHaveValue("send");
  await documents.getByLabel("Description").fill(description);
  await documents.getByRole("button", { name: "Upload document" }).click();
  await expect(documents.locator("#document-file-error")).toHaveText(/Choose a file to upload/);
  await expect(documents.getByLabel("Description")).toHaveValue(description);
  await expectGoodPage(page);

  // A program renamed .pdf: refused by its content, explained beside the file field.
  await documents.getByLabel("File").setInputFiles({
    name: "ehcp.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300, 0x90)]),
  });
  await documents.getByRole("button", { name: "Upload document" }).click();
  await expect(documents.locator("#document-file-error")).toContainText("not its name");
  await expect(documents.getByLabel("Description")).toHaveValue(description);
  await expect(documents.getByLabel("Document type")).toHaveValue("EHCP");

  await documents.getByLabel("File").setInputFiles({
    name: "ehcp.pdf",
    mimeType: "application/pdf",
    buffer: await ehcpPdf(`Prepared for ${pupil.name}.`),
  });
  await documents.getByRole("button", { name: "Upload document" }).click();

  const item = documents.getByRole("listitem").filter({ hasText: description });
  await expect(item).toBeVisible();
  await expect(item.getByText("EHCP", { exact: true })).toBeVisible();
  await expect(item.getByText("SEND", { exact: true })).toBeVisible();
  await expect(documents.getByLabel("Description")).toHaveValue("");

  // In the chronology: the upload, who uploaded it, its type and description.
  const chronology = page.getByRole("region", { name: "Chronology" });
  const entry = chronology.getByRole("listitem").filter({ hasText: description });
  await expect(entry).toBeVisible();
  await expect(entry.getByText("Document uploaded")).toBeVisible();
  await expect(entry.getByText("EHCP", { exact: true })).toBeVisible();
  await expect(entry).toContainText("By Priya Sharma");

  // The download is the file itself, as an attachment.
  const download = item.getByRole("link", { name: /Download/ });
  const href = await download.getAttribute("href");
  const file = await page.request.get(href ?? "");
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The preview: a frame on the same-origin inline endpoint, which the browser's PDF viewer
  // shows (Chromium shows no PDF in a sandboxed frame; images are sandboxed).
  await item.getByRole("button", { name: /Preview/ }).click();
  const frame = item.locator("iframe");
  await expect(frame).toBeVisible();
  const src = (await frame.getAttribute("src")) ?? "";
  await expect
    .poll(() => page.frames().map((f) => f.url()))
    .toContainEqual(expect.stringMatching(/\/content\?inline=1$/));
  expect(page.frames().map((f) => f.url())).not.toContainEqual(
    expect.stringMatching(/^chrome-error:/),
  );
  expect(src).toMatch(/\/content\?inline=1$/);
  const preview = await page.request.get(src);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(preview.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  await expect(item.getByRole("button", { name: /Close preview/ })).toBeVisible();
  await expectGoodPage(page);
});
