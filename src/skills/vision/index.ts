import type { Skill } from "../skill";
import { checkChange } from "./check-change";
import { checkFiles } from "./check-files";

/** WowVision Prime's skills: the deterministic vision checks (`vision.*`). */
export const visionSkills: readonly Skill[] = [checkChange, checkFiles];
