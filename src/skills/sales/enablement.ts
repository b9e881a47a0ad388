/** Sales enablement's skills: competitive battlecards and objection handling. */
export { buildBattlecard } from "./enablement-battlecard";
export { handleObjections } from "./enablement-objections";
