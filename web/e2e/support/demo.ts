// The demo school's sign-ins, as the server prints them on first start
// (server/src/demo/demo-school.ts). Only for the demo data the e2e server creates.
import { expect, type Page } from "@playwright/test";
import { signInForm } from "./page";

export const DEMO_PASSWORD = "Tessera-Demo-2026";
export const DEMO_TEACHER = "teacher@demo.tessera.school";
export const DEMO_TRUST_DSL = "trust.dsl@demo.tessera.school";

export async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  const form = signInForm(page);
  await form.email.fill(email);
  await form.password.fill(DEMO_PASSWORD);
  await form.submit.click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
}
