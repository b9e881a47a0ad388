import type { Skill } from "../skill";

/** The support specialists' skills. */
export const supportSkills: readonly Skill[] = [];
