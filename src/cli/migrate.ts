// `npm run migrate`: brings the schema of the database in DATABASE_URL up to date (src/db/migrations) and says where
// it stands. The bot does the same at every start; this is for deploying the schema ahead of a release.
import { loadConfig, requireKey } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { runCli } from "./run.ts";

runCli("migrate", async () => {
  const config = loadConfig();
  const url = requireKey(config.databaseUrl, "DATABASE_URL", "to migrate a database (e.g. postgres://newsdesk:PASSWORD@localhost/newsdesk)");
  const db = await openDatabase(url);
  const { version, applied } = db.schema;
  await db.close();
  process.stdout.write(
    applied.length > 0
      ? `${db.where}: schema migrated to version ${version} (applied ${applied.join(", ")})\n`
      : `${db.where}: schema already at version ${version}, nothing to do\n`,
  );
});
