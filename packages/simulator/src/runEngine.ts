import type { Message, RunStep, RunToolCall, TextContent, ToolCall } from '@runlens/client'
import { type EngineContext, seconds } from './engineContext.js'
import { makeMessage, makeStep, messageText } from './objects.js'
import { tokenPause } from './pacing.js'
import type { ScenarioContext, ScenarioStep, ScenarioText, SubmittedToolOutput } from './scenario.js'
import type { RunRecord } from './state.js'
import { countTokens, splitTokens } from './tokens.js'
import { sumUsage, usage } from './usage.js'

/*
 * One run is one async driver walking its scenario script. The driver writes the run, its steps
 * and its messages in place (so `GET` and lists see every intermediate state) and emits each change
 * to the run's listeners (the open SSE streams). It stops at `requires_action` and is started
 * again by submit_tool_outputs; a cancel or a reset() is noticed at its next pause.
 */

/** Thrown out of a pause when the run was asked to cancel. */
class CancelRequested {}
/** Thrown out of a pause when reset() dropped the run. */
class Abandoned {}

export function emit(rec: RunRecord, event: string, data: unknown): void {
  for (const listener of rec.listeners) listener(event, data)
}

/** Ends the open streams: `done` (or `error`) is their last event. */
function closeStreams(rec: RunRecord, event: 'done' | 'error', data: unknown): void {
  emit(rec, event, data)
  rec.listeners.clear()
}

/** After any wait: stop if reset() dropped the run or a cancel came in meanwhile. */
function checkStillWanted(ctx: EngineContext, rec: RunRecord): void {
  if (rec.generation !== ctx.generation()) throw new Abandoned()
  if (rec.run.status === 'cancelling') throw new CancelRequested()
}

async function pause(ctx: EngineContext, rec: RunRecord, ms: number): Promise<void> {
  await ctx.sleep(ms)
  checkStillWanted(ctx, rec)
}

/** A turn of the microtask queue: lets other requests interleave without spending any time. */
const tick = (ctx: EngineContext, rec: RunRecord): Promise<void> => beforeToken(ctx, rec, 0)

/** The wait before each streamed token (see tokenPause). */
async function beforeToken(ctx: EngineContext, rec: RunRecord, delay: number): Promise<void> {
  await tokenPause(ctx, delay)
  checkStillWanted(ctx, rec)
}

function scenarioContext(rec: RunRecord): ScenarioContext {
  const lastUser = [...rec.thread.messages].reverse().find((message) => message.role === 'user')
  return { lastUserMessage: lastUser ? messageText(lastUser) : '', toolOutputs: [...rec.toolOutputs] }
}

const resolveText = (rec: RunRecord, text: ScenarioText): string =>
  typeof text === 'function' ? text(scenarioContext(rec)) : text

/** A step's prompt: the thread as the run found it, plus whatever the run produced or got since. */
function promptTokens(rec: RunRecord): number {
  let tokens = rec.basePromptTokens
  for (const step of rec.steps) tokens += step.usage?.completion_tokens ?? 0
  for (const output of rec.toolOutputs) tokens += countTokens(output.output)
  return tokens
}

function tokenDelay(ctx: EngineContext, rec: RunRecord): number {
  return ctx.tokenDelayMs * (rec.scenario.delayFactor ?? 1)
}

/** Emits the run created and queued, then drives it in the background. */
export function startRun(ctx: EngineContext, rec: RunRecord): void {
  emit(rec, 'thread.run.created', rec.run)
  emit(rec, 'thread.run.queued', rec.run)
  void drive(ctx, rec)
}

/** Runs the script from the record's cursor until it pauses for tool outputs or ends. */
export async function drive(ctx: EngineContext, rec: RunRecord): Promise<void> {
  try {
    // A whole macrotask between queued and in_progress: a poller can see the run queued.
    await pause(ctx, rec, 0)
    rec.run.status = 'in_progress'
    rec.run.started_at ??= seconds(ctx)
    emit(rec, 'thread.run.in_progress', rec.run)
    if (rec.cursor === 0 && overPromptLimit(rec)) {
      endIncomplete(ctx, rec, 'max_prompt_tokens', null)
      return
    }
    while (rec.cursor < rec.scenario.steps.length) {
      const step = rec.scenario.steps[rec.cursor++] as ScenarioStep
      await pause(ctx, rec, 0)
      if ((await runStep(ctx, rec, step)) === 'stop') return
    }
    finish(ctx, rec, 'completed')
  } catch (error) {
    if (error instanceof Abandoned) return
    if (error instanceof CancelRequested) {
      finishCancel(ctx, rec)
      return
    }
    // A bug in a user's scenario (a throwing text function) fails the run, never the simulator.
    failRun(ctx, rec, 'server_error', error instanceof Error ? error.message : 'The scenario failed.', false)
  }
}

/** Plays one script step: 'next' goes on, 'stop' ends this drive (waiting for outputs, or the run ended). */
async function runStep(ctx: EngineContext, rec: RunRecord, step: ScenarioStep): Promise<'stop' | 'next'> {
  switch (step.type) {
    case 'message': {
      const { message, cut } = await streamMessage(ctx, rec, resolveText(rec, step.text))
      if (cut) {
        endIncomplete(ctx, rec, 'max_completion_tokens', message)
        return 'stop'
      }
      completeMessage(ctx, rec, message)
      return 'next'
    }
    case 'tool_calls':
      await requestFunctionCalls(ctx, rec, step.calls)
      return 'stop'
    case 'code_interpreter':
      await runCodeInterpreter(ctx, rec, step.input, step.logs)
      return 'next'
    case 'file_search':
      await runFileSearch(ctx, rec, step.results)
      return 'next'
    case 'wait':
      await pause(ctx, rec, step.ms)
      return 'next'
    case 'fail':
      if (step.text !== undefined) await streamMessage(ctx, rec, resolveText(rec, step.text))
      failRun(ctx, rec, step.code, step.message, step.streamError ?? false)
      return 'stop'
    case 'incomplete': {
      const message =
        step.text === undefined ? null : (await streamMessage(ctx, rec, resolveText(rec, step.text))).message
      endIncomplete(ctx, rec, step.reason, message)
      return 'stop'
    }
  }
}

function openStep(ctx: EngineContext, rec: RunRecord, details: RunStep['step_details']): RunStep {
  const step = makeStep(rec.run, ctx.random.id('step'), seconds(ctx), details)
  rec.steps.push(step)
  rec.openStep = step
  emit(rec, 'thread.run.step.created', step)
  emit(rec, 'thread.run.step.in_progress', step)
  return step
}

function completeStep(ctx: EngineContext, rec: RunRecord, completionTokens: number): void {
  const step = rec.openStep
  if (!step) return
  step.usage = usage(promptTokens(rec), completionTokens)
  step.status = 'completed'
  step.completed_at = seconds(ctx)
  rec.openStep = null
  emit(rec, 'thread.run.step.completed', step)
}

/** A run's `max_prompt_tokens`, when set, below what the thread already holds. */
function overPromptLimit(rec: RunRecord): boolean {
  const limit = rec.run.max_prompt_tokens
  return limit !== null && rec.basePromptTokens > limit
}

/** What `max_completion_tokens` still allows this run to write (no limit when unset). */
function completionBudget(rec: RunRecord): number {
  const limit = rec.run.max_completion_tokens
  if (limit === null) return Number.POSITIVE_INFINITY
  return limit - rec.steps.reduce((sum, step) => sum + (step.usage?.completion_tokens ?? 0), 0)
}

/** Ends the run `incomplete`; a message being written ends incomplete too (`max_tokens`). */
function endIncomplete(
  ctx: EngineContext,
  rec: RunRecord,
  reason: 'max_completion_tokens' | 'max_prompt_tokens',
  message: Message | null,
): void {
  if (message) {
    endMessage(ctx, rec, message, 'incomplete', 'max_tokens')
    completeStep(ctx, rec, countTokens(messageText(message)))
  }
  rec.run.incomplete_details = { reason }
  finish(ctx, rec, 'incomplete')
}

/**
 * A message_creation step whose text arrives one token per delta; the message stays open. The
 * text stops early (`cut`) where the run's `max_completion_tokens` runs out.
 */
async function streamMessage(
  ctx: EngineContext,
  rec: RunRecord,
  text: string,
): Promise<{ message: Message; cut: boolean }> {
  const messageId = ctx.random.id('msg')
  openStep(ctx, rec, { type: 'message_creation', message_creation: { message_id: messageId } })
  const message = makeMessage({
    id: messageId,
    createdAt: seconds(ctx),
    threadId: rec.thread.thread.id,
    role: 'assistant',
    content: [],
    assistantId: rec.run.assistant_id,
    runId: rec.run.id,
    status: 'in_progress',
    metadata: {},
  })
  rec.thread.messages.push(message)
  rec.openMessage = message
  emit(rec, 'thread.message.created', message)
  emit(rec, 'thread.message.in_progress', message)
  const delay = tokenDelay(ctx, rec)
  const tokens = splitTokens(text)
  const budget = Math.max(0, completionBudget(rec))
  for (const token of tokens.slice(0, budget)) {
    await beforeToken(ctx, rec, delay)
    const first = message.content.length === 0
    if (first) message.content.push({ type: 'text', text: { value: '', annotations: [] } })
    ;(message.content[0] as TextContent).text.value += token
    // As recorded: the first delta carries `annotations: []`, the next ones only the value.
    const part = first ? { value: token, annotations: [] } : { value: token }
    emit(rec, 'thread.message.delta', {
      id: message.id,
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: part }] },
    })
  }
  return { message, cut: tokens.length > budget }
}

function completeMessage(ctx: EngineContext, rec: RunRecord, message: Message): void {
  endMessage(ctx, rec, message, 'completed', null)
  completeStep(ctx, rec, countTokens(messageText(message)))
}

function endMessage(
  ctx: EngineContext,
  rec: RunRecord,
  message: Message,
  status: 'completed' | 'incomplete',
  reason: 'max_tokens' | 'run_cancelled' | 'run_expired' | 'run_failed' | null,
): void {
  message.status = status
  if (status === 'completed') message.completed_at = seconds(ctx)
  else {
    message.incomplete_at = seconds(ctx)
    message.incomplete_details = reason ? { reason } : null
  }
  rec.openMessage = null
  emit(rec, `thread.message.${status}`, message)
}

function stepDelta(rec: RunRecord, step: RunStep, toolCall: Record<string, unknown>): void {
  emit(rec, 'thread.run.step.delta', {
    id: step.id,
    object: 'thread.run.step.delta',
    delta: { step_details: { type: 'tool_calls', tool_calls: [toolCall] } },
  })
}

function toolCalls(step: RunStep): ToolCall[] {
  return step.step_details.type === 'tool_calls' ? step.step_details.tool_calls : []
}

/** Streams the calls' arguments by index, then waits in requires_action (the stream ends here). */
async function requestFunctionCalls(
  ctx: EngineContext,
  rec: RunRecord,
  calls: ReadonlyArray<{ name: string; arguments: Record<string, unknown> | string }>,
): Promise<void> {
  const step = openStep(ctx, rec, { type: 'tool_calls', tool_calls: [] })
  const delay = tokenDelay(ctx, rec)
  const required: RunToolCall[] = []
  for (const [index, call] of calls.entries()) {
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)
    const id = ctx.random.id('call')
    const toolCall: ToolCall = {
      id,
      type: 'function',
      function: { name: call.name, arguments: '', output: null },
    }
    toolCalls(step).push(toolCall)
    await tick(ctx, rec)
    stepDelta(rec, step, {
      index,
      id,
      type: 'function',
      function: { name: call.name, arguments: '', output: null },
    })
    for (const fragment of splitTokens(args)) {
      await beforeToken(ctx, rec, delay)
      toolCall.function.arguments += fragment
      stepDelta(rec, step, { index, type: 'function', function: { arguments: fragment } })
    }
    required.push({ id, type: 'function', function: { name: call.name, arguments: args } })
  }
  rec.pending = { step, calls: required }
  rec.run.status = 'requires_action'
  rec.run.required_action = { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: required } }
  emit(rec, 'thread.run.requires_action', rec.run)
  closeStreams(rec, 'done', '[DONE]')
  watchExpiry(ctx, rec)
}

/** Called once the outputs are in, before the run is queued again. */
function completeToolStep(ctx: EngineContext, rec: RunRecord): void {
  const pending = rec.pending
  if (!pending) return
  rec.pending = null
  for (const call of toolCalls(pending.step)) {
    if (call.type !== 'function') continue
    call.function.output = rec.toolOutputs.find((output) => output.tool_call_id === call.id)?.output ?? null
  }
  rec.openStep = pending.step
  const argumentTokens = pending.calls.reduce((sum, call) => sum + countTokens(call.function.arguments), 0)
  completeStep(ctx, rec, argumentTokens)
}

async function runCodeInterpreter(
  ctx: EngineContext,
  rec: RunRecord,
  input: string,
  logs: string,
): Promise<void> {
  const step = openStep(ctx, rec, { type: 'tool_calls', tool_calls: [] })
  const id = ctx.random.id('call')
  const call: ToolCall = { id, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }
  toolCalls(step).push(call)
  await tick(ctx, rec)
  stepDelta(rec, step, {
    index: 0,
    id,
    type: 'code_interpreter',
    code_interpreter: { input: '', outputs: [] },
  })
  const delay = tokenDelay(ctx, rec)
  for (const fragment of splitTokens(input)) {
    await beforeToken(ctx, rec, delay)
    call.code_interpreter.input += fragment
    stepDelta(rec, step, { index: 0, type: 'code_interpreter', code_interpreter: { input: fragment } })
  }
  await pause(ctx, rec, delay)
  call.code_interpreter.outputs.push({ type: 'logs', logs })
  stepDelta(rec, step, {
    index: 0,
    type: 'code_interpreter',
    code_interpreter: { outputs: [{ index: 0, type: 'logs', logs }] },
  })
  completeStep(ctx, rec, countTokens(input))
}

async function runFileSearch(
  ctx: EngineContext,
  rec: RunRecord,
  results: ReadonlyArray<{ file_id: string; file_name: string; score: number; content: string }>,
): Promise<void> {
  const step = openStep(ctx, rec, { type: 'tool_calls', tool_calls: [] })
  const id = ctx.random.id('call')
  const call: ToolCall = {
    id,
    type: 'file_search',
    file_search: { ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 }, results: [] },
  }
  toolCalls(step).push(call)
  await tick(ctx, rec)
  stepDelta(rec, step, { index: 0, id, type: 'file_search', file_search: {} })
  await pause(ctx, rec, tokenDelay(ctx, rec))
  // The content is stored and left out of responses that do not `include` it (see renderForInclude).
  call.file_search.results = results.map((result) => ({
    file_id: result.file_id,
    file_name: result.file_name,
    score: result.score,
    content: [{ type: 'text', text: result.content }],
  }))
  completeStep(ctx, rec, 0)
}

/** Sets the run's final state and ends its streams. Idempotent: only an active run ends. */
function finish(
  ctx: EngineContext,
  rec: RunRecord,
  status: 'completed' | 'failed' | 'incomplete' | 'cancelled' | 'expired',
): void {
  const run = rec.run
  const now = seconds(ctx)
  run.status = status
  run.required_action = null
  if (status === 'completed') run.completed_at = now
  if (status === 'failed') run.failed_at = now
  if (status === 'cancelled') run.cancelled_at = now
  // As recorded: a finished run no longer expires; an expired run keeps the time it expired at.
  if (status !== 'expired') run.expires_at = null
  run.usage = sumUsage(rec.steps.map((step) => step.usage))
  rec.pending = null
  emit(rec, `thread.run.${status}`, run)
  closeStreams(rec, 'done', '[DONE]')
}

/** Closes what is open with the run's end: the message incomplete, the step with `stepStatus`. */
function closeOpenWork(
  ctx: EngineContext,
  rec: RunRecord,
  stepStatus: 'cancelled' | 'failed' | 'expired',
  reason: 'run_cancelled' | 'run_failed' | 'run_expired',
): void {
  if (rec.openMessage) endMessage(ctx, rec, rec.openMessage, 'incomplete', reason)
  const step = rec.pending?.step ?? rec.openStep
  if (!step) return
  const now = seconds(ctx)
  step.status = stepStatus
  if (stepStatus === 'cancelled') step.cancelled_at = now
  if (stepStatus === 'failed') {
    step.failed_at = now
    // A step's last_error only knows these two codes.
    const error = rec.run.last_error
    const code = error?.code === 'rate_limit_exceeded' ? 'rate_limit_exceeded' : 'server_error'
    step.last_error = error ? { code, message: error.message } : null
  }
  if (stepStatus === 'expired') step.expired_at = now
  rec.openStep = null
  emit(rec, `thread.run.step.${stepStatus}`, step)
}

function failRun(
  ctx: EngineContext,
  rec: RunRecord,
  code: string,
  message: string,
  streamError: boolean,
): void {
  if (streamError) {
    // The connection breaks the way a real server's does: an `error` event, then nothing. Its
    // data is wrapped in `error` as real servers send it, unless the spec's bare shape is asked for.
    const error = {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    }
    closeStreams(rec, 'error', ctx.errorEventShape === 'bare' ? error : { error })
  }
  rec.run.last_error = { code, message }
  closeOpenWork(ctx, rec, 'failed', 'run_failed')
  finish(ctx, rec, 'failed')
}

function finishCancel(ctx: EngineContext, rec: RunRecord): void {
  if (rec.run.status !== 'cancelling') return
  closeOpenWork(ctx, rec, 'cancelled', 'run_cancelled')
  finish(ctx, rec, 'cancelled')
}

/**
 * Moves an active run to `cancelling` (the caller gets it so), then to `cancelled` at the driver's
 * next pause, or right away on the next turn if no driver is running (requires_action).
 */
export function requestCancel(ctx: EngineContext, rec: RunRecord): void {
  const waiting = rec.run.status === 'requires_action'
  rec.run.status = 'cancelling'
  emit(rec, 'thread.run.cancelling', rec.run)
  if (waiting) {
    void ctx.sleep(0).then(() => {
      if (rec.generation === ctx.generation()) finishCancel(ctx, rec)
    })
  }
}

/**
 * Records the outputs (already validated), completes the tool call step with them, and runs the
 * rest of the script. The order is the one of the spec's streaming example of submit_tool_outputs
 * (OpenAI's own; no recording of ours covers it): `thread.run.step.completed` (the tool_calls step,
 * outputs filled in) first, then `thread.run.queued`, `thread.run.in_progress` and the next step.
 * In that example `started_at` is also reset at the new `in_progress`; a single example is thin
 * ground for it, so here the run keeps its first `started_at`.
 */
export function resumeWithOutputs(
  ctx: EngineContext,
  rec: RunRecord,
  outputs: ReadonlyArray<{ tool_call_id: string; output: string }>,
): void {
  const calls = rec.pending?.calls ?? []
  for (const output of outputs) {
    const call = calls.find((candidate) => candidate.id === output.tool_call_id)
    const submitted: SubmittedToolOutput = {
      tool_call_id: output.tool_call_id,
      name: call?.function.name ?? '',
      arguments: call?.function.arguments ?? '',
      output: output.output,
    }
    rec.toolOutputs.push(submitted)
  }
  completeToolStep(ctx, rec)
  rec.run.status = 'queued'
  rec.run.required_action = null
  emit(rec, 'thread.run.queued', rec.run)
  void drive(ctx, rec)
}

/**
 * Expires a run still waiting for tool outputs once the clock passes `expires_at`. Called on every
 * read of the run, and once by a timer on the injectable sleep, so a frozen test clock never
 * expires anything by itself and a real clock does.
 */
export function expireIfDue(ctx: EngineContext, rec: RunRecord): void {
  if (rec.run.status !== 'requires_action' || rec.run.expires_at === null) return
  if (ctx.now() < rec.expiresAtMs) return
  closeOpenWork(ctx, rec, 'expired', 'run_expired')
  finish(ctx, rec, 'expired')
}

function watchExpiry(ctx: EngineContext, rec: RunRecord): void {
  if (rec.run.expires_at === null) return
  void ctx.sleepDetached(Math.max(0, rec.expiresAtMs - ctx.now())).then(() => {
    if (rec.generation === ctx.generation()) expireIfDue(ctx, rec)
  })
}
