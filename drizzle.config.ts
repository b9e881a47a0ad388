import { defineConfig } from "drizzle-kit";

// drizzle-kit generates migrations/NNNN_name.sql from src/db/*schema.ts; never edit them by hand
// (except `--custom` ones such as 0004_catalogue_search.sql, which drizzle cannot model).
export default defineConfig({
  dialect: "sqlite",
  schema: ["./src/db/schema.ts", "./src/db/marketplace-schema.ts"],
  out: "./migrations",
});
