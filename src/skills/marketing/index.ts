import type { Skill } from "../skill";

/** The marketing specialists' skills. */
export const marketingSkills: readonly Skill[] = [];
