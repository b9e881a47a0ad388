import { ConflictError, ValidationError } from "../errors";
import { createTask } from "../marketplace/tasks";
import type { CentreOfExcellence } from "../schemas/identity";
import type { CoordinatedTask, CoordinatorTask } from "../schemas/organisation";
import { coordinatorFor } from "./coordinator-ref";
import { RACI } from "./raci";

/**
 * A task given to a Centre of Excellence rather than to one agent: the CoE's coordinator looks
 * the task type up in the RACI matrix and gives it to the customer's least loaded agent in the
 * Responsible role. Without one, the customer is told which listing to hire (409 `needs_hire`).
 */
export async function giveToCoordinator(
  env: Env,
  customerId: string,
  coe: CentreOfExcellence,
  input: CoordinatorTask,
): Promise<CoordinatedTask> {
  const raci = RACI[coe].tasks[input.type];
  if (!raci)
    throw new ValidationError(
      `the ${coe} coordinator has no task type ${input.type}; GET /v1/coordinators/${coe} lists them`,
      "type",
      [],
      "unknown_task_type",
    );
  const answer = await coordinatorFor(env, coe, customerId).route({ customerId, role: raci.responsible });
  if (answer.kind === "needs_hire") {
    const hint = answer.listing ? `; hire ${answer.listing}` : "";
    throw new ConflictError("needs_hire", `a ${input.type} task needs a ${raci.responsible} and you have none hired${hint}`, "type");
  }
  if (answer.kind === "unavailable")
    throw new ConflictError("no_agent_available", `every ${raci.responsible} you hired is paused; resume one or hire another`, "type");
  const inputs = raci.kind && input.inputs.kind === undefined ? { ...input.inputs, kind: raci.kind } : input.inputs;
  const task = await createTask(env, customerId, answer.hireId, { title: input.title, instructions: input.instructions, inputs });
  return { coe, type: input.type, raci, hireId: answer.hireId, instanceId: answer.instanceId, taskId: task.id, status: task.status };
}
