/** The account executive's skills: review a deal, plan its close, forecast the pipeline. */
export { planClose } from "./ae-close-plan";
export { forecastPipeline } from "./ae-forecast";
export { reviewDeal } from "./ae-review";
