// Starts Tessera for the browser tests (playwright.config.ts `webServer`): a fresh embedded
// database every run, in .tessera-e2e/ at the repository root, wiped before start.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const root = fileURLToPath(new URL("../../", import.meta.url));
const stateDir = fileURLToPath(new URL("../../.tessera-e2e/", import.meta.url));
const dataDir = `${stateDir}data`;

if (!existsSync(`${root}web/dist/index.html`)) {
  console.error("web/dist is missing: build the web app first (npm run build -w web).");
  process.exit(1);
}

rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir, { recursive: true });

// A loopback SMTP server catches Tessera's email; each message is written to
// .tessera-e2e/mail/ as JSON (to, subject, text) for the tests to read (support/mail.ts).
const mailDir = `${stateDir}mail/`;
mkdirSync(mailDir, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received += 1;
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : mail.to?.text;
        writeFileSync(
          `${mailDir}${Date.now()}-${received}.json`,
          JSON.stringify({ to: to ?? "", subject: mail.subject ?? "", text: mail.text ?? "" }),
        );
        callback();
      })
      .catch(callback);
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpAddress = smtp.server.address();
const smtpPort = typeof smtpAddress === "object" && smtpAddress ? smtpAddress.port : 0;

const env = {
  ...process.env,
  PORT: process.env.PORT ?? "3210",
  HOST: process.env.HOST ?? "127.0.0.1",
  DATA_DIR: dataDir,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
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
  smtp.close();
  process.exit(code ?? (signal ? 1 : 0));
});
