// Starts Tessera for the browser tests (playwright.config.ts `webServer`): a fresh embedded
// database every run, in .tessera-e2e/ at the repository root, wiped before start.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const stateDir = fileURLToPath(new URL("../../.tessera-e2e/", import.meta.url));
const dataDir = `${stateDir}data`;

if (!existsSync(`${root}web/dist/index.html`)) {
  console.error("web/dist is missing: build the web app first (npm run build -w web).");
  process.exit(1);
}

rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir, { recursive: true });

const env = {
  ...process.env,
  PORT: process.env.PORT ?? "3210",
  HOST: process.env.HOST ?? "127.0.0.1",
  DATA_DIR: dataDir,
};
// Always the embedded database, never a PostgreSQL server the shell happens to point at.
delete env.DATABASE_URL;

// This is `npx tsx server/src/main.ts`, calling the local tsx directly: with npm in between,
// a stop signal sent to this script would not reach the server, which would be left running.
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const server = spawn(tsx, ["server/src/main.ts"], { cwd: root, env, stdio: "inherit" });

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
