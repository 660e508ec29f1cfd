// drizzle-orm's own migrator on a drizzle-kit folder: node drizzle-migrate.cjs <folder>, DATABASE_URL set.
// Used by tests/MigrationTasks.Cli.Tests LargeFolderTests (MIGRATIONTASKS_DRIZZLE_MIGRATE) to compare our
// up with the real tool's; needs `npm install drizzle-orm pg` where NODE_PATH (or the cwd) can find them.
const { Pool } = require('pg');
const { drizzle } = require('drizzle-orm/node-postgres');
const { migrate } = require('drizzle-orm/node-postgres/migrator');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
migrate(drizzle(pool), { migrationsFolder: process.argv[2] })
  .then(() => pool.end())
  .catch((error) => { console.error(error); process.exit(1); });
