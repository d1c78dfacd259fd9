import { expect, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

/** The sign-in form's parts, found the way people find them: by role and name. */
export function signInForm(page: Page) {
  return {
    email: page.getByRole("textbox", { name: "Email address" }),
    password: page.getByLabel("Password", { exact: true }),
    submit: page.getByRole("button", { name: "Sign in", exact: true }),
    summary: page.locator(".error-summary"),
  };
}

export function hideScreenButton(page: Page): Locator {
  return page.getByRole("button", { name: "Hide screen" });
}

export async function gotoSignIn(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

/** Fails unless the document is no wider than the viewport (no sideways scrolling). */
export async function expectNoHorizontalScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(scrollWidth, "document width").toBeLessThanOrEqual(width);
}

export interface FocusLook {
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
}

/** The computed focus indicator of the element that has focus. */
export async function focusedLook(page: Page): Promise<FocusLook & { label: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) {
      return { label: "", outlineStyle: "", outlineWidth: "", outlineColor: "", boxShadow: "" };
    }
    const style = getComputedStyle(element);
    const label =
      element.getAttribute("aria-label") ??
      (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
      element.textContent ??
      "";
    return {
      label: label.trim(),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      outlineColor: style.outlineColor,
      boxShadow: style.boxShadow,
    };
  });
}

const FOCUS_YELLOW = "rgb(255, 221, 0)";
const FOCUS_DARK = "rgb(11, 12, 12)";

/** Tessera's focus look: a 3 px yellow outline and a dark underline (box-shadow). */
export function expectTesseraFocus(look: FocusLook, what: string): void {
  expect(look.outlineStyle, `${what}: outline style`).toBe("solid");
  expect(look.outlineWidth, `${what}: outline width`).toBe("3px");
  expect(look.outlineColor, `${what}: outline colour`).toBe(FOCUS_YELLOW);
  expect(look.boxShadow, `${what}: dark underline`).toContain(FOCUS_DARK);
}

/**
 * Collects uncaught errors and console errors (a content security policy refusal shows up
 * as one). Failed API answers are expected in some tests, so "Failed to load resource"
 * lines are left out.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** The content security policy allows no inline styles: no element may carry one. */
export async function expectNoInlineStyles(page: Page): Promise<void> {
  const styled = await page.evaluate(() =>
    [...document.querySelectorAll("[style]")].map((element) => element.outerHTML.slice(0, 80)),
  );
  expect(styled, "elements with a style attribute").toEqual([]);
}

/** What every screen must pass, at whatever size the project uses (UI.md checklist). */
export async function expectGoodPage(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page, page.viewportSize()?.width ?? 0);
  await expectNoInlineStyles(page);
}
