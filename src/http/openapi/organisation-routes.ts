import { z } from "zod";
import { CentreOfExcellence } from "../../schemas/identity";
import { ListQuery } from "../../schemas/marketplace";
import { CoordinatedTask, CoordinatorTask, EscalationPage, RaciMatrix, TaskChain } from "../../schemas/organisation";
import { describeRoute } from "./registry";

// The organisation's API (src/routes/coordinators, the chain in src/routes/tasks, escalations in src/routes/admin).

const Coe = z.object({ coe: CentreOfExcellence });

describeRoute({
  method: "get",
  path: "/v1/coordinators",
  operationId: "listCoordinators",
  summary: "The Centres of Excellence's RACI matrices",
  description: "For each CoE and task type: the role that does the work, answers for it, is consulted and is informed.",
  tags: ["organisation"],
  auth: "none",
  responses: { 200: { description: "Every CoE's matrix", schema: z.object({ items: z.array(RaciMatrix) }) } },
});
describeRoute({
  method: "get",
  path: "/v1/coordinators/{coe}",
  operationId: "getCoordinator",
  summary: "One CoE's RACI matrix",
  tags: ["organisation"],
  auth: "none",
  params: Coe,
  responses: { 200: { description: "The matrix", schema: RaciMatrix } },
});
describeRoute({
  method: "post",
  path: "/v1/coordinators/{coe}/tasks",
  operationId: "createCoeTask",
  summary: "Give a task to a Centre of Excellence",
  description:
    "The CoE's coordinator looks the task type up in its RACI matrix and gives the task to your least loaded hired agent in the Responsible role (paused and ended ones are skipped). Poll `GET /v1/tasks/{taskId}` and its chain.",
  tags: ["organisation"],
  auth: "customer",
  params: Coe,
  body: CoordinatorTask,
  example: { type: "seo-audit", title: "Audit the blog", instructions: "Find the posts losing traffic and say why." },
  responses: { 202: { description: "Where the task went, queued", schema: CoordinatedTask } },
  errors: {
    400: "Invalid body, or a task type the matrix does not have (`unknown_task_type`)",
    409: "You have no hired agent in the Responsible role (`needs_hire`, naming the listing to hire), or its hire has ended",
  },
});
describeRoute({
  method: "get",
  path: "/v1/tasks/{id}/chain",
  operationId: "getTaskChain",
  summary: "Who held a task, when and why, with every message between agents",
  tags: ["tasks", "organisation"],
  auth: "customer",
  responses: { 200: { description: "The task's chain", schema: TaskChain } },
  errors: { 404: "No such task, or not yours (indistinguishable)" },
});
describeRoute({
  method: "get",
  path: "/v1/admin/escalations",
  operationId: "adminListEscalations",
  summary: "Chains handed to a person, newest first",
  tags: ["admin", "organisation"],
  auth: "operator",
  query: ListQuery.omit({ active: true }),
  responses: { 200: { description: "A page of escalations", schema: EscalationPage } },
});
