import { defineConfig } from "drizzle-kit";

// drizzle-kit generates migrations/NNNN_name.sql from the schema files below; never edit them by hand
// (except `--custom` ones such as 0004_catalogue_search.sql, which drizzle cannot model).
export default defineConfig({
  dialect: "sqlite",
  schema: [
    "./src/db/schema.ts",
    "./src/marketplace/schema.ts",
    "./src/organisation/schema.ts",
    "./src/github/schema.ts",
    "./src/outputs/schema.ts",
    "./src/learning/schema.ts",
    "./src/audit/schema.ts",
  ],
  out: "./migrations",
});
