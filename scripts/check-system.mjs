// Says exactly which system package is missing, and how to install it, before a test
// run fails in a confusing way.
import { existsSync, readdirSync } from "node:fs";

const checks = {
  postgresql: () =>
    existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").length > 0,
  chromium: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
  "poppler-utils": () => existsSync("/usr/bin/pdftotext"),
};

const missing = process.argv.slice(2).filter((name) => !checks[name]?.());
if (missing.length > 0) {
  console.error(
    `Tessera's tests need these system packages: ${missing.join(", ")}.\n` +
      `Install them with:\n  sudo apt-get install -y ${missing.join(" ")}`,
  );
  process.exit(1);
}
