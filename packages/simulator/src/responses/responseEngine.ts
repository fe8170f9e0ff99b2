import type { EngineContext } from '../engineContext.js'
import { tokenPause } from '../pacing.js'
import { splitTokens } from '../tokens.js'
import { valueForSchema } from './argumentsForSchema.js'
import { END_OF_STREAM, type ResponseRecord, type ResponseStep } from './responseRecord.js'
import type {
  FunctionCallItem,
  OutputItem,
  OutputMessage,
  ReasoningItem,
  ResponseFunctionTool,
  ResponseObject,
} from './responseTypes.js'

/*
 * One response is one async driver walking its scenario's steps, as runEngine does for runs: it
 * writes the response in place (so `GET` sees every intermediate state), numbers every event from
 * 0, keeps them (a resumed stream replays them) and hands each to the open streams. A cancel or a
 * reset() is noticed at its next pause.
 */

/** Thrown out of a pause when the response was cancelled or reset() dropped it. */
class Stopped {}

function emit(rec: ResponseRecord, type: string, fields: Record<string, unknown>): void {
  // A copy: the stored event must stay as it was sent while the response moves on.
  const event = structuredClone({ type, sequence_number: rec.events.length, ...fields })
  rec.events.push(event)
  for (const listener of rec.listeners) listener(type, event)
}

const snapshot = (rec: ResponseRecord) => ({ response: rec.response })

const OBFUSCATION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * The `obfuscation` of a delta event, as real servers add it by default: random characters that
 * pad each delta to about 16 (in the recording, "Hello" gets 11, "!" 15). Drawn from a stream of
 * the response's own, so the ids stay the same whether a client asks for it or not.
 */
function obfuscation(rec: ResponseRecord, delta: string): { obfuscation: string } {
  let text = ''
  for (let i = Math.max(2, 16 - delta.length); i > 0; i--) {
    text += OBFUSCATION_ALPHABET[Math.floor(rec.obfuscation.next() * OBFUSCATION_ALPHABET.length)]
  }
  return { obfuscation: text }
}

function checkStillWanted(ctx: EngineContext, rec: ResponseRecord): void {
  if (rec.generation !== ctx.generation() || rec.response.status === 'cancelled') throw new Stopped()
}

async function beforeToken(ctx: EngineContext, rec: ResponseRecord): Promise<void> {
  await tokenPause(ctx, ctx.tokenDelayMs * (rec.scenario.delayFactor ?? 1))
  checkStillWanted(ctx, rec)
}

/** Emits the response created (and queued, in background), then drives it. */
export function startResponse(ctx: EngineContext, rec: ResponseRecord): void {
  emit(rec, 'response.created', snapshot(rec))
  if (rec.response.status === 'queued') emit(rec, 'response.queued', snapshot(rec))
  void drive(ctx, rec)
}

async function drive(ctx: EngineContext, rec: ResponseRecord): Promise<void> {
  try {
    // A whole macrotask before in_progress: a poller can see a background response queued.
    await ctx.sleep(0)
    checkStillWanted(ctx, rec)
    rec.response.status = 'in_progress'
    emit(rec, 'response.in_progress', snapshot(rec))
    for (const step of rec.scenario.steps) {
      if ((await runStep(ctx, rec, step)) === 'stop') return
    }
    finish(rec, 'completed')
  } catch (error) {
    if (error instanceof Stopped) {
      // Cancelled, all is done already; dropped by reset(), its streams and waiting create end.
      abandon(rec)
      return
    }
    fail(rec, 'server_error', error instanceof Error ? error.message : 'The scenario failed.')
  }
}

async function runStep(
  ctx: EngineContext,
  rec: ResponseRecord,
  step: ResponseStep,
): Promise<'stop' | 'next'> {
  switch (step.type) {
    case 'answer':
      return answer(ctx, rec)
    case 'parallel_calls': {
      const tools = callableTools(rec)
      if (tools.length === 0) return answer(ctx, rec)
      const calls = tools.length === 1 ? [tools[0], tools[0]] : tools
      for (const tool of rec.response.parallel_tool_calls ? calls : calls.slice(0, 1)) {
        await streamFunctionCall(ctx, rec, tool as ResponseFunctionTool)
      }
      return 'next'
    }
    case 'reasoning':
      await streamReasoning(ctx, rec, step.summary)
      return 'next'
    case 'message':
      return (await streamMessage(ctx, rec, step.text, false)) ? cutShort(rec) : 'next'
    case 'cut': {
      const cut = await streamMessage(ctx, rec, step.text, false, rec.response.max_output_tokens ?? 16)
      return cut ? cutShort(rec) : 'next'
    }
    case 'fail':
      await streamMessage(ctx, rec, step.text, true)
      fail(rec, step.code, step.message, step.streamError ?? false)
      return 'stop'
  }
}

/** The function tools the model may call now, or none when it should answer in text. */
function callableTools(rec: ResponseRecord): ResponseFunctionTool[] {
  const { tools, tool_choice: choice } = rec.response
  if (tools.length === 0 || choice === 'none') return []
  if (typeof choice === 'object') return tools.filter((tool) => tool.name === choice.name)
  // With outputs to read, an `auto` model answers; `required` always calls.
  const bringsOutputs = rec.params.input.some((item) => item.type === 'function_call_output')
  return choice === 'auto' && bringsOutputs ? [] : tools
}

async function answer(ctx: EngineContext, rec: ResponseRecord): Promise<'stop' | 'next'> {
  const tool = callableTools(rec)[0]
  if (tool) {
    await streamFunctionCall(ctx, rec, tool)
    return 'next'
  }
  return (await streamMessage(ctx, rec, answerText(rec), false)) ? cutShort(rec) : 'next'
}

/** The text of an answer: what the function outputs said, or a greeting naming what was asked. */
function answerText(rec: ResponseRecord): string {
  const outputs = rec.params.input.flatMap((item) => (item.type === 'function_call_output' ? [item] : []))
  if (outputs.length > 0) {
    const facts = outputs.map((output) => {
      const name = rec.knownCalls.get(output.call_id)?.name ?? 'the function'
      return `${name} says ${output.output}`
    })
    return `Here is what I found: ${facts.join('; ')}.`
  }
  const asked = [...rec.params.input]
    .reverse()
    .find((item) => item.type === 'message' && item.role === 'user')
  const question = asked?.type === 'message' ? asked.text.trim().slice(0, 80) : ''
  return question
    ? `Hello! I'm a simulated model, so this answer is scripted, but I did read your message: "${question}".`
    : "Hello! I'm a simulated model, so this answer is scripted. How can I help you today?"
}

/** Adds an item to the output and announces it; its index in `output` is its `output_index`. */
function addItem(rec: ResponseRecord, item: OutputItem): number {
  rec.response.output.push(item)
  const outputIndex = rec.response.output.length - 1
  emit(rec, 'response.output_item.added', { output_index: outputIndex, item })
  return outputIndex
}

/** Whether `max_output_tokens` (or `limit`) leaves room for one more token. */
function hasRoom(rec: ResponseRecord, limit: number | null): boolean {
  return limit === null || rec.outputTokens < limit
}

/**
 * A message whose text streams one token per delta, in the recorded order. Returns true when the
 * token limit cut it short (it ends `incomplete`); `incomplete` ends it so anyway (a failure).
 */
async function streamMessage(
  ctx: EngineContext,
  rec: ResponseRecord,
  text: string,
  incomplete: boolean,
  limit: number | null = rec.response.max_output_tokens,
): Promise<boolean> {
  const item: OutputMessage = {
    id: ctx.random.id('msg'),
    type: 'message',
    status: 'in_progress',
    content: [],
    role: 'assistant',
  }
  const outputIndex = addItem(rec, item)
  const where = { item_id: item.id, output_index: outputIndex, content_index: 0 }
  const part = { type: 'output_text' as const, annotations: [], logprobs: [], text: '' }
  item.content.push(part)
  emit(rec, 'response.content_part.added', { ...where, part })
  let cut = false
  for (const token of splitTokens(text)) {
    if (!hasRoom(rec, limit)) {
      cut = true
      break
    }
    await beforeToken(ctx, rec)
    part.text += token
    rec.outputTokens++
    emit(rec, 'response.output_text.delta', {
      ...where,
      delta: token,
      logprobs: [],
      ...obfuscation(rec, token),
    })
  }
  if (incomplete) {
    // A failure leaves the message where it stood: no done events, only its status.
    item.status = 'incomplete'
    return cut
  }
  emit(rec, 'response.output_text.done', { ...where, text: part.text, logprobs: [] })
  emit(rec, 'response.content_part.done', { ...where, part })
  item.status = cut ? 'incomplete' : 'completed'
  emit(rec, 'response.output_item.done', { output_index: outputIndex, item })
  return cut
}

/** A function call whose arguments, valid for the tool's schema, stream as deltas. */
async function streamFunctionCall(ctx: EngineContext, rec: ResponseRecord, tool: ResponseFunctionTool) {
  const args = JSON.stringify(
    valueForSchema(tool.parameters ?? { type: 'object', properties: {} }, ctx.random),
  )
  const item: FunctionCallItem = {
    id: ctx.random.id('fc'),
    type: 'function_call',
    status: 'in_progress',
    arguments: '',
    call_id: ctx.random.id('call'),
    name: tool.name,
  }
  const outputIndex = addItem(rec, item)
  rec.knownCalls.set(item.call_id, { name: item.name, arguments: args })
  for (const fragment of splitTokens(args)) {
    await beforeToken(ctx, rec)
    item.arguments += fragment
    rec.outputTokens++
    emit(rec, 'response.function_call_arguments.delta', {
      item_id: item.id,
      output_index: outputIndex,
      delta: fragment,
      ...obfuscation(rec, fragment),
    })
  }
  // As recorded: the done event carries no `name` (the item does).
  emit(rec, 'response.function_call_arguments.done', {
    item_id: item.id,
    output_index: outputIndex,
    arguments: item.arguments,
  })
  item.status = 'completed'
  emit(rec, 'response.output_item.done', { output_index: outputIndex, item })
}

/** A reasoning item whose summary parts stream one token per delta. */
async function streamReasoning(ctx: EngineContext, rec: ResponseRecord, summaries: readonly string[]) {
  const item: ReasoningItem = { id: ctx.random.id('rs'), type: 'reasoning', summary: [] }
  const outputIndex = addItem(rec, item)
  for (const [summaryIndex, text] of summaries.entries()) {
    const where = { item_id: item.id, output_index: outputIndex, summary_index: summaryIndex }
    const part = { type: 'summary_text' as const, text: '' }
    item.summary.push(part)
    emit(rec, 'response.reasoning_summary_part.added', { ...where, part })
    for (const token of splitTokens(text)) {
      await beforeToken(ctx, rec)
      part.text += token
      rec.outputTokens++
      rec.reasoningTokens++
      emit(rec, 'response.reasoning_summary_text.delta', {
        ...where,
        delta: token,
        ...obfuscation(rec, token),
      })
    }
    emit(rec, 'response.reasoning_summary_text.done', { ...where, text: part.text })
    emit(rec, 'response.reasoning_summary_part.done', { ...where, part })
  }
  emit(rec, 'response.output_item.done', { output_index: outputIndex, item })
}

function setUsage(rec: ResponseRecord): void {
  rec.response.usage = {
    input_tokens: rec.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: rec.outputTokens,
    output_tokens_details: { reasoning_tokens: rec.reasoningTokens },
    total_tokens: rec.inputTokens + rec.outputTokens,
  }
}

/** Sets the final state, sends the terminal event and ends the streams. Only an active response ends. */
function finish(rec: ResponseRecord, status: 'completed' | 'failed' | 'incomplete', announce = true): void {
  const response = rec.response
  if (response.status !== 'in_progress') return
  response.status = status
  // As recorded: the tier actually used replaces 'auto' once the response is done.
  response.service_tier = 'default'
  setUsage(rec)
  if (announce) emit(rec, `response.${status}`, snapshot(rec))
  rec.listeners.clear()
  rec.settle()
}

function cutShort(rec: ResponseRecord): 'stop' {
  rec.response.incomplete_details = { reason: 'max_output_tokens' }
  finish(rec, 'incomplete')
  return 'stop'
}

function fail(rec: ResponseRecord, code: string, message: string, streamError = false): void {
  rec.response.error = { code, message }
  if (streamError) {
    // The connection breaks the way a real server's does: an `error` event (numbered and kept, so
    // a resumed stream ends on it too), then nothing.
    emit(rec, 'error', { code, message, param: null })
    rec.listeners.clear()
  }
  finish(rec, 'failed', !streamError)
}

function closeStreams(rec: ResponseRecord): void {
  for (const listener of rec.listeners) listener(END_OF_STREAM, null)
  rec.listeners.clear()
}

/** A response reset() dropped: what waits for it stops waiting, as it stands. */
function abandon(rec: ResponseRecord): void {
  closeStreams(rec)
  rec.settle()
}

/**
 * Cancels a queued or in-progress background response at once: its open items end `incomplete`,
 * its streams close (the spec has no event for it), and the driver stops at its next pause.
 */
export function cancelResponse(rec: ResponseRecord): void {
  const response: ResponseObject = rec.response
  if (response.status !== 'queued' && response.status !== 'in_progress') return
  for (const item of response.output) {
    if (item.type !== 'reasoning' && item.status === 'in_progress') item.status = 'incomplete'
  }
  response.status = 'cancelled'
  setUsage(rec)
  closeStreams(rec)
  rec.settle()
}
