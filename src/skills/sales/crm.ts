/** CRM management's skills: clean and de-duplicate contacts, report on data hygiene. */
export { dedupeContacts } from "./crm-dedupe";
export { hygieneReport } from "./crm-hygiene";
