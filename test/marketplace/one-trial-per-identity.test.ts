import { beforeEach, describe, expect, it } from "vitest";
import { ErrorBody } from "../../src/schemas/errors";
import { unique } from "../helpers";
import { as, listedDefinition, publish, type SignedUp, signUp } from "./helpers";

const startTrial = (who: SignedUp, agent: string) => as(who, "/v1/trials", { method: "POST", json: { agent } });

describe("one trial per agent per verified e-mail identity", () => {
  let agent: string;
  beforeEach(async () => {
    agent = unique("one-trial");
    await publish(listedDefinition(agent));
  });

  it("refuses a colleague at the same domain a second trial of the agent (409 trial_used_by_identity); other agents and domains are free", async () => {
    const domain = `${unique("corp")}.example`;
    const ada = await signUp("Ada", { email: `ada@${domain}` });
    const grace = await signUp("Grace", { email: `grace@${domain}` });
    expect((await startTrial(ada, agent)).status).toBe(201);
    const refused = await startTrial(grace, agent);
    expect(refused.status).toBe(409);
    const error = ErrorBody.parse(await refused.json()).error;
    expect(error).toMatchObject({ code: "trial_used_by_identity", field: "agent" });
    expect(error.message).toContain(domain);

    const other = unique("other-agent");
    await publish(listedDefinition(other));
    expect((await startTrial(grace, other)).status).toBe(201);
    expect((await startTrial(await signUp("Elsewhere"), agent)).status).toBe(201);
    // Hiring stays open to everyone.
    expect((await as(grace, "/v1/hires", { method: "POST", json: { agent } })).status).toBe(201);
  });

  it("counts whole addresses at public providers: two Gmail users each get a trial, one person's aliases do not", async () => {
    const name = unique("ada").replace(/[^a-z0-9]/g, "");
    const first = await signUp("Ada", { email: `${name}@gmail.com` });
    const stranger = await signUp("Stranger", { email: `${name}x@gmail.com` });
    const alias = await signUp("Ada again", { email: `${name.slice(0, 2)}.${name.slice(2)}+again@gmail.com` });
    expect((await startTrial(first, agent)).status).toBe(201);
    expect((await startTrial(stranger, agent)).status).toBe(201);
    expect((await startTrial(alias, agent)).status).toBe(409);
  });

  it("lets exactly one of concurrent trials from one domain through (a unique index, not a read)", async () => {
    const domain = `${unique("race")}.example`;
    const people = await Promise.all([1, 2, 3, 4].map((n) => signUp(`P${n}`, { email: `p${n}@${domain}` })));
    const statuses = await Promise.all(people.map((p) => startTrial(p, agent).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
  });

  it("tells one customer racing their own second trial that they used it, not that a colleague did", async () => {
    const me = await signUp("Racer", { email: `racer@${unique("solo")}.example` });
    for (let round = 0; round < 3; round++) {
      const slug = unique("race-own");
      await publish(listedDefinition(slug));
      const answers = await Promise.all([0, 1, 2].map(() => startTrial(me, slug)));
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      for (const refused of answers.filter((r) => r.status === 409))
        expect(ErrorBody.parse(await refused.json()).error.code).toBe("trial_used");
    }
  });
});
