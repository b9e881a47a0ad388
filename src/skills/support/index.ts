import type { Skill } from "../skill";
import { healthScore } from "./success-health";
import { onboardingProgress } from "./success-onboarding";
import { qbrSummary } from "./success-qbr";
import { classifyTicket } from "./techsupport-classify";
import { matchKnownIssue } from "./techsupport-known-issues";
import { slaTimers } from "./techsupport-sla";
import { troubleshootingChecklist } from "./techsupport-troubleshoot";

/** The support specialists' skills: customer success (`success.*`) and technical support (`techsupport.*`). */
export const supportSkills: readonly Skill[] = [
  healthScore,
  qbrSummary,
  onboardingProgress,
  classifyTicket,
  matchKnownIssue,
  slaTimers,
  troubleshootingChecklist,
];
