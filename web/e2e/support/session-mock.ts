// Stands in for the session endpoints of the API contract (API.md "Sign in") for states the
// demo school cannot show (a school with several schools' names, a slow answer, an
// agreement not yet accepted, training not yet recorded).
import type { Page, Request } from "@playwright/test";

export const SESSION_URL = "**/api/v1/session";

export const demoSession = {
  user: {
    id: "7d4c1f2e-0000-4000-8000-000000000001",
    name: "Alex Jones",
    email: "alex@example.org",
    roles: ["class_teacher"],
    trustRoles: [],
    permissions: [],
  },
  csrfToken: "csrf-test-token",
  secondFactor: "none",
  schools: [{ id: "5c1d0000-0000-4000-8000-000000000001", name: "Brook Lane Primary School" }],
  currentSchoolId: "5c1d0000-0000-4000-8000-000000000001",
  locked: false,
  agreementRequired: false,
  trainingRequired: false,
  school: { idleLockMinutes: 10, hideScreenReturn: "click", pupilNoun: "pupil" },
} as const;

export function problem(status: number, slug: string, title: string, detail?: string) {
  return {
    status,
    contentType: "application/problem+json",
    body: JSON.stringify({
      type: `https://tessera.school/problems/${slug}`,
      title,
      status,
      ...(detail ? { detail } : {}),
    }),
  };
}

export const json = (body: unknown, status = 200) => ({
  status,
  contentType: "application/json",
  body: JSON.stringify(body),
});

/**
 * Session endpoints that behave like a server with one account. Returns the requests seen,
 * so tests can check what the client sent.
 */
export async function mockSessionApi(
  page: Page,
  options: { signedIn?: boolean; session?: unknown } = {},
): Promise<Request[]> {
  let signedIn = options.signedIn ?? false;
  const session = options.session ?? demoSession;
  const seen: Request[] = [];
  await mockHomeApi(page);
  await page.route(SESSION_URL, async (route) => {
    const request = route.request();
    seen.push(request);
    switch (request.method()) {
      case "GET":
        return route.fulfill(
          signedIn ? json(session) : problem(401, "not-signed-in", "You need to sign in"),
        );
      case "POST":
        signedIn = true;
        return route.fulfill(json(session));
      case "DELETE":
        signedIn = false;
        return route.fulfill({ status: 204 });
      default:
        return route.fulfill(problem(405, "method-not-allowed", "Not allowed"));
    }
  });
  return seen;
}

/** The home page's own calls (alerts, drafts, incidents awaiting review), answered empty. */
export async function mockHomeApi(page: Page): Promise<void> {
  await page.route("**/api/v1/alerts", (route) => route.fulfill(json({ unread: 0, items: [] })));
  await page.route("**/api/v1/drafts", (route) => route.fulfill(json({ items: [] })));
  await page.route("**/api/v1/incidents?*", (route) =>
    route.fulfill(json({ items: [], nextCursor: null })),
  );
}
