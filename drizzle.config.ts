import { defineConfig } from "drizzle-kit";

// drizzle-kit generates migrations/NNNN_name.sql from src/db/schema.ts; never edit them by hand.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
