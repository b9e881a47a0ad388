/** The SDR's skills: qualify a lead, then plan the outreach to it. */
export { scoreLead } from "./sdr-score";
export { planSequence } from "./sdr-sequence";
