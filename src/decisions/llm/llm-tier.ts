import type Anthropic from "@anthropic-ai/sdk";
import type { AgentContext } from "../../schemas/agent-views";
import type { AgentIdentity } from "../../agents/identity";
import type { BudgetGate, BudgetHold } from "../../budgets/budget-gate";
import type { EngineSettings } from "../../config/settings";
import { errorText } from "../../errors";
import type { BreakerPolicy, BreakerState, Permit } from "../../resilience/breaker-state";
import type { DecisionTier, LlmUsage, TierAnswer } from "../engine";
import { costOf, type ModelPrice } from "../prices";
import type { Situation } from "../situation";
import type { AssembledContext } from "../context/assembler";
import { type ContextSources, decisionContext } from "../context/decision-context";
import { estimateTokens } from "../context/tokens";
import { chooseVariant } from "../context/variants";
import { DECISION_TOOL, DECISION_TOOL_NAME, LlmDecision } from "./decision-tool";
import { callModel } from "./model-call";
import type { SkillToolbox } from "./skill-tools";
import { systemPrompt } from "./prompt";

/** The slice of the shared breaker the tier uses (a Durable Object stub in production). */
export interface Breaker {
  acquire(policy: BreakerPolicy): Promise<Permit>;
  report(policy: BreakerPolicy, outcome: { success: boolean; error?: string }): Promise<BreakerState>;
}

export interface LlmTierDeps {
  identity: AgentIdentity;
  settings: EngineSettings;
  /** Undefined when no API key is configured: the tier then escalates `llm_unconfigured`. */
  client: Anthropic | undefined;
  breaker: Breaker;
  breakerPolicy: BreakerPolicy;
  budget: BudgetGate;
  context: () => AgentContext | Promise<AgentContext>;
  /** The skills the agent's rules run, offered to the model as tools it may call before deciding. */
  skills?: SkillToolbox | undefined;
  /** Memories, few-shot examples and summaries for the context (src/decisions/context); each optional. */
  sources?: ContextSources | undefined;
}

/** The most skill calls one decision may make before the model must decide. */
export const MAX_SKILL_CALLS = 3;

type Attempt = { ok: true; message: Anthropic.Message } | { ok: false; reason: string };

/**
 * The last tier: asks the agent's model, forced to answer through the `record_decision` tool,
 * and validates the answer with zod (one repair round, then escalation). Before every call it
 * reserves the estimated spend in the agent's and customer's budgets and asks the provider's
 * shared circuit breaker; after it, it settles the actual usage and reports the outcome. It
 * always answers: when it cannot ask the model it escalates with a reason a person can act on.
 */
export class LlmTier implements DecisionTier {
  readonly name = "llm" as const;
  private readonly model: string;

  constructor(private readonly deps: LlmTierDeps) {
    this.model = deps.identity.definition.defaults.model;
  }

  /** What the tier can say without calling anything: why it cannot ask a model at all. */
  decideLocally(): TierAnswer | undefined {
    if (!this.deps.client) return this.decline("llm_unconfigured: ANTHROPIC_API_KEY is not set, so no model can decide; a person must");
    if (!this.deps.settings.LLM_PRICES[this.model]) {
      return this.decline(
        `llm_unpriced: model ${this.model} has no price in the price table (LLM_PRICES), so its spend cannot be budgeted`,
      );
    }
    return undefined;
  }

  /**
   * Asks the model with the context assembled under the definition's token budget, and the
   * prompt variant the event falls on (A/B tests); the answer records both.
   */
  async decide(situation: Situation): Promise<TierAnswer> {
    const refused = this.decideLocally();
    if (refused) return refused;
    const { client, settings, identity } = this.deps;
    const price = settings.LLM_PRICES[this.model];
    if (!client || !price) return this.decline("llm_unconfigured"); // not reached: decideLocally answered

    const { defaults } = identity.definition;
    const { event } = situation;
    const variant = chooseVariant(defaults.promptVariants, event.id);
    const assembled = await decisionContext({
      system: systemPrompt(identity, this.deps.skills !== undefined, variant?.instructions),
      event,
      context: await this.deps.context(),
      // A hired agent works for its customer only; a shared one for the event's.
      customerId: identity.customerId ?? event.customerId ?? null,
      budget: defaults.contextTokens ?? settings.LLM_CONTEXT_TOKENS,
      sources: this.deps.sources,
    });
    const answer = await this.converse(client, price, assembled, event.traceId);
    return { ...answer, context: assembled.use, ...(variant ? { promptVariant: variant.id } : {}) };
  }

  /** The exchange with the model: skill calls, the decision, one repair round. */
  private async converse(client: Anthropic, price: ModelPrice, assembled: AssembledContext, traceId: string): Promise<TierAnswer> {
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: assembled.user }];
    const usage: LlmUsage = { model: this.model, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const toolbox = this.deps.skills;
    let skillCalls = 0;
    let repaired = false;
    /** The last skill result: the deliverable when the model acts without writing one. */
    let skillDeliverable: string | undefined;
    for (;;) {
      // With skills the model may call any tool (a skill, or the decision); once the skill
      // calls are spent, or to repair an answer, it must call the decision tool.
      const mayUseSkills = toolbox !== undefined && skillCalls < MAX_SKILL_CALLS && !repaired;
      // The same tools and system prompt on every call (the history names the skill tools, and a
      // stable prefix can be cached); only the choice narrows to the decision tool.
      const result = await this.attempt(client, assembled.system, messages, price, usage, toolbox?.tools ?? [], mayUseSkills, traceId);
      if (!result.ok) return this.decline(result.reason, usage);
      const uses = result.message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
      const toolUse = uses.find((b) => b.name === DECISION_TOOL_NAME);
      if (!toolUse && mayUseSkills && uses.length > 0) {
        messages.push({ role: "assistant", content: result.message.content });
        messages.push({
          role: "user",
          content: uses.map((use): Anthropic.ToolResultBlockParam => {
            // Several calls in one turn count one by one; those past the cap are not run.
            if (skillCalls >= MAX_SKILL_CALLS)
              return {
                type: "tool_result",
                tool_use_id: use.id,
                is_error: true,
                content: `Not run: ${MAX_SKILL_CALLS} skill calls were used; decide now.`,
              };
            skillCalls++;
            const outcome = toolbox.run(use.name, use.input);
            if (outcome?.ok) skillDeliverable = outcome.deliverable;
            return outcome?.ok
              ? { type: "tool_result", tool_use_id: use.id, content: outcome.deliverable }
              : {
                  type: "tool_result",
                  tool_use_id: use.id,
                  is_error: true,
                  content: outcome ? `${outcome.error.code}: ${outcome.error.message}` : `no tool named ${use.name}`,
                };
          }),
        });
        continue;
      }
      const parsed = LlmDecision.safeParse(toolUse?.input);
      if (parsed.success) {
        const output = parsed.data.output ?? (parsed.data.action === "act" ? skillDeliverable : undefined);
        return { ...parsed.data, ...(output === undefined ? {} : { output }), usage };
      }
      const problem = toolUse
        ? parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")
        : `no ${DECISION_TOOL_NAME} call`;
      if (repaired) return this.decline(`llm_invalid_output: the model's answer failed validation twice (${problem.slice(0, 300)})`, usage);
      repaired = true;
      // One repair round: show the model its answer and what was wrong with it.
      messages.push({ role: "assistant", content: result.message.content });
      messages.push({
        role: "user",
        content: uses.length
          ? uses.map(
              (use): Anthropic.ToolResultBlockParam => ({
                type: "tool_result",
                tool_use_id: use.id,
                is_error: true,
                content:
                  use === toolUse
                    ? `Invalid decision: ${problem}. Call ${DECISION_TOOL_NAME} again with a valid input.`
                    : `Not run: decide now by calling ${DECISION_TOOL_NAME}.`,
              }),
            )
          : `You must call the ${DECISION_TOOL_NAME} tool. Call it now.`,
      });
    }
  }

  /** One call, fenced by budget and breaker. Adds what it used to `usage`. */
  private async attempt(
    client: Anthropic,
    system: string,
    messages: Anthropic.MessageParam[],
    price: ModelPrice,
    usage: LlmUsage,
    skillTools: readonly Anthropic.Tool[],
    mayUseSkills: boolean,
    /** The decision's trace: budget alerts the call raises carry it. */
    traceId: string,
  ): Promise<Attempt> {
    const { settings, budget, breaker, breakerPolicy, identity } = this.deps;
    // The decision tool first: a model (or a mock) that picks "the first tool" decides.
    const tools = [DECISION_TOOL, ...skillTools];
    const estimatedTokens = estimateTokens(system + JSON.stringify(messages) + JSON.stringify(tools)) + settings.LLM_MAX_OUTPUT_TOKENS;
    const estimate = {
      tokens: estimatedTokens,
      usd: costOf({ inputTokens: estimatedTokens, outputTokens: settings.LLM_MAX_OUTPUT_TOKENS }, price),
    };

    const gate = await budget.reserve(estimate, traceId);
    if (!gate.ok) return { ok: false, reason: gate.reason };
    let permit: Permit;
    try {
      permit = await breaker.acquire(breakerPolicy);
    } catch (error) {
      await budget.release(gate.holds);
      throw error;
    }
    if (!permit.allowed) {
      await budget.release(gate.holds);
      return {
        ok: false,
        reason: `llm_unavailable: circuit breaker ${permit.phase} after repeated provider failures; retry after ${new Date(permit.retryAt).toISOString()}`,
      };
    }

    const outcome = await callModel(
      client,
      {
        model: this.model,
        max_tokens: settings.LLM_MAX_OUTPUT_TOKENS,
        system,
        messages,
        tools,
        tool_choice: mayUseSkills ? { type: "any" } : { type: "tool", name: DECISION_TOOL_NAME },
        metadata: { user_id: identity.instanceId },
      },
      settings.LLM_DEADLINE_MS,
    );
    const spent = outcome.ok ? this.charge(outcome.message.usage, price, usage) : { tokens: 0, usd: 0 };
    await this.settle(gate.holds, spent, traceId);
    // Client errors (400, 401) mean our request or key is wrong, not that the provider is down.
    const healthy = outcome.ok || !outcome.providerFailure;
    await breaker.report(breakerPolicy, healthy ? { success: true } : { success: false, error: outcome.error });
    if (outcome.ok) return outcome;
    return { ok: false, reason: outcome.providerFailure ? `llm_unavailable: ${outcome.error}` : `llm_error: ${outcome.error}` };
  }

  private charge(reported: Anthropic.Usage, price: ModelPrice, total: LlmUsage): { tokens: number; usd: number } {
    const call = {
      inputTokens: reported.input_tokens,
      outputTokens: reported.output_tokens,
      cacheWriteTokens: reported.cache_creation_input_tokens ?? 0,
      cacheReadTokens: reported.cache_read_input_tokens ?? 0,
    };
    const usd = costOf(call, price);
    total.inputTokens += call.inputTokens + call.cacheWriteTokens + call.cacheReadTokens;
    total.outputTokens += call.outputTokens;
    total.costUsd += usd;
    return { tokens: call.inputTokens + call.cacheWriteTokens + call.cacheReadTokens + call.outputTokens, usd };
  }

  private async settle(holds: readonly BudgetHold[], spent: { tokens: number; usd: number }, traceId: string): Promise<void> {
    try {
      await this.deps.budget.settle(holds, spent, traceId);
    } catch (error) {
      // An unsettled reservation is charged at its estimate when it expires: never under-counted.
      console.error("budget settle failed; the reservation will be charged at its estimate", errorText(error));
    }
  }

  private decline(reason: string, usage?: LlmUsage): TierAnswer {
    return { action: "escalate", reason, declined: true, usage };
  }
}
