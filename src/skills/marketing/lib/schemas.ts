import { z } from "zod";
import { looseNumber } from "./csv";

/** Input pieces the marketing skills share. */

/** Money or a count as JSON numbers, or CSV cells like "1,234.50" or "$12". */
export const amount = z.preprocess(looseNumber, z.number({ error: "expected a number" }).nonnegative().max(1e10));
export const count = z.preprocess(looseNumber, z.number({ error: "expected a number" }).int().nonnegative().max(1e12));
export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "currency is a 3-letter ISO 4217 code, like USD")
  .default("USD");
