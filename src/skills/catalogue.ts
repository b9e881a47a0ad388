import { marketingSkills } from "./marketing";
import { salesSkills } from "./sales";
import type { Skill } from "./skill";
import { supportSkills } from "./support";

/** Every skill the specialists of the three Centres of Excellence use. */
export const allSkills: readonly Skill[] = [...marketingSkills, ...salesSkills, ...supportSkills];
