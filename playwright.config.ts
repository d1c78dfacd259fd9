// Browser tests for the web app, run against a real Tessera server on a fresh database.
// Uses Debian's Chromium; Playwright never downloads browsers here.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const ACCOUNT_CHANGES = /account-changes\.spec\.ts$/;
// The loopback OpenID Connect provider for school SSO (web/e2e/start-oidc-provider.mjs).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3311);
// Tests that change the demo school for everyone (a new acceptable-use text makes every
// account accept it again) run after all the others.
const SCHOOL_CHANGES = /school-changes\.spec\.ts$/;

export default defineConfig({
  testDir: "web/e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  // Sign-ins with a code share each account's TOTP steps (support/totp.ts): a test may wait
  // up to 30 s for a fresh code when many tests sign in as the same account.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    browserName: "chromium",
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { viewport: { width: 1280, height: 800 } },
      testIgnore: [ACCOUNT_CHANGES, SCHOOL_CHANGES],
    },
    {
      name: "phone",
      use: { viewport: { width: 320, height: 640 }, isMobile: false },
      // Every demo account signing in once is enough; at desktop size. The one-off incident
      // flows set their own viewport (the phone flow runs at 375 × 667).
      testIgnore: [
        ACCOUNT_CHANGES,
        SCHOOL_CHANGES,
        /demo-accounts\.spec\.ts$/,
        /incidents-once\.spec\.ts$/,
        /leavers-once\.spec\.ts$/,
      ],
    },
    // Tests that change a demo account for good (a new authenticator, a new password) run
    // last, once every other test is done with those accounts.
    {
      name: "account-changes",
      use: { viewport: { width: 1280, height: 800 } },
      testMatch: ACCOUNT_CHANGES,
      dependencies: ["desktop", "phone"],
      // These change a demo account for good: a retry would start from the changed one.
      retries: 0,
    },
    {
      name: "school-changes",
      use: { viewport: { width: 1280, height: 800 } },
      testMatch: SCHOOL_CHANGES,
      dependencies: ["account-changes"],
      retries: 0,
    },
  ],
  webServer: [
    {
      command: "node web/e2e/start-server.mjs",
      url: `${baseURL}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: { PORT: String(port), HOST: "127.0.0.1" },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node web/e2e/start-oidc-provider.mjs",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(oidcPort), TESSERA_URL: baseURL },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
