import { marketingSkills } from "./marketing";
import { salesSkills } from "./sales";
import type { Skill } from "./skill";
import { supportSkills } from "./support";
import { visionSkills } from "./vision";

/** Every skill the specialists of the three Centres of Excellence use, and WowVision Prime's vision checks. */
export const allSkills: readonly Skill[] = [...visionSkills, ...marketingSkills, ...salesSkills, ...supportSkills];
