import type { Skill } from "../skill";
import { readabilityCheck } from "./content";
import { briefBuilder } from "./content-brief";

/** The marketing specialists' skills. */
export const marketingSkills: readonly Skill[] = [readabilityCheck, briefBuilder];
