// Helpers for the incident tests: opening the form (setting aside a draft another test left),
// choosing from the comboboxes, and calling the API from inside the signed-in page.
import { expect, type Page } from "@playwright/test";

/** Opens Add incident; if an earlier draft is offered, starts again. */
export async function openAddIncident(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Add incident" }).first().click();
  const startAgain = page.getByRole("button", { name: "Start again" });
  const account = page.getByRole("textbox", { name: "What happened" });
  await expect(startAgain.or(account)).toBeVisible();
  if (await startAgain.isVisible()) await startAgain.click();
  await expect(account).toBeVisible();
}

/** Types in a combobox and chooses the first option. */
export async function chooseFirst(page: Page, label: string, text: string): Promise<string> {
  const box = page.getByRole("combobox", { name: label, exact: true });
  await box.fill(text);
  const option = page.getByRole("option").first();
  await expect(option).toBeVisible();
  const name = (await option.locator("strong").textContent()) ?? "";
  await box.press("ArrowDown");
  await box.press("Enter");
  return name;
}

/** Calls the API from the page, with its session and CSRF token. */
export async function apiInPage<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const session = await (await fetch("/api/v1/session")).json();
      const response = await fetch(path, {
        method,
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": session.csrfToken,
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    { method, path, body, headers },
  );
}

/** How many incidents the signed-in person recorded since the given time. */
export async function myIncidentCount(page: Page, since: string): Promise<number> {
  const answer = await apiInPage<{ items: { recordedAt: string }[] }>(
    page,
    "GET",
    "/api/v1/incidents?mine=true&limit=100",
  );
  return answer.body.items.filter((item) => item.recordedAt >= since).length;
}
