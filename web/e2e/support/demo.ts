// The demo school's sign-ins, as the server prints them on first start
// (server/src/demo/demo-school.ts). Only for the demo data the e2e server creates.
import { expect, type Page } from "@playwright/test";
import { signInForm } from "./page";
import { demoTotpCode } from "./totp";

export const DEMO_PASSWORD = "Tessera-Demo-2026";
export const DEMO_TEACHER = "teacher@demo.tessera.school";
export const DEMO_TRUST_DSL = "trust.dsl@demo.tessera.school";

/** All ten demo sign-ins, with the role the header and account page should show. */
export const DEMO_ACCOUNTS = [
  { email: "dsl@demo.tessera.school", role: "Designated safeguarding lead (DSL)" },
  { email: "deputy@demo.tessera.school", role: "Deputy designated safeguarding lead" },
  { email: "head@demo.tessera.school", role: "Headteacher" },
  { email: "sendco@demo.tessera.school", role: "SENDCo" },
  { email: "pastoral@demo.tessera.school", role: "Pastoral" },
  { email: "teacher@demo.tessera.school", role: "Class teacher" },
  { email: "ta@demo.tessera.school", role: "Staff" },
  { email: "office@demo.tessera.school", role: "Administrator" },
  { email: "infant.dsl@demo.tessera.school", role: "Designated safeguarding lead (DSL)" },
  { email: DEMO_TRUST_DSL, role: "Trust designated safeguarding lead" },
] as const;

export type DemoEmail = (typeof DEMO_ACCOUNTS)[number]["email"];

/** Accounts the "account changes" project alters for good (its tests run after all others). */
export const CHANGES_AUTHENTICATOR = "ta@demo.tessera.school";
export const CHANGES_PASSWORD = "pastoral@demo.tessera.school";

/** Email and password, up to the second-factor page. */
export async function signInWithPassword(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto("/sign-in");
  const form = signInForm(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" }),
  ).toBeVisible();
}

export function codeField(page: Page) {
  return page.getByRole("textbox", { name: "6-digit code" });
}

/**
 * Signs in as a demo account and reaches home: with a code from the authenticator
 * ("code", the default), or choosing "Skip for now" ("skip", limited access).
 */
export async function signInAs(
  page: Page,
  email: string,
  secondFactor: "code" | "skip" = "code",
): Promise<void> {
  await signInWithPassword(page, email);
  if (secondFactor === "code") {
    await codeField(page).fill(await demoTotpCode(email));
    await page.getByRole("button", { name: "Continue" }).click();
  } else {
    await page.getByRole("link", { name: "Skip for now" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
}
