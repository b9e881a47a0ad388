import type { Skill } from "../skill";
import { planSequence, scoreLead } from "./sdr";

/** The sales specialists' skills. */
export const salesSkills: readonly Skill[] = [scoreLead, planSequence];
