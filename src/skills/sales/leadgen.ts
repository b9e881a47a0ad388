/** Lead generation's skills: filter a lead list by the ICP, plan the funnel to a revenue goal. */
export { filterLeads } from "./leadgen-filter";
export { planFunnel } from "./leadgen-funnel";
