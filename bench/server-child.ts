// The server the submit load is driven against: Tessera on PostgreSQL, listening on a
// loopback port, in its own process so its memory can be read from /proc and the load
// generator does not share its event loop. Prints "listening <port>" when ready.
import { buildApp } from "../server/src/app.ts";
import { openPostgres } from "../server/src/db/database.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const db = await openPostgres(url);
const app = await buildApp({ db, webRoot: "/nonexistent" });
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
process.once("SIGTERM", async () => {
  await app.close();
  await db.close();
  process.exit(0);
});
