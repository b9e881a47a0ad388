import type { Skill } from "../skill";

/** The sales specialists' skills. */
export const salesSkills: readonly Skill[] = [];
