import {
  applyResponseEvent,
  emptyResponseSnapshot,
  type FunctionCallOutput,
  type Response as ModelResponse,
  type ResponseOutputItem,
  type ResponseOutputMessage,
  type ResponseSnapshot,
  type ResponseStreamEvent,
  type ResponseUsage,
} from '@runlens/client'
import { isActiveResponseStatus } from '../polling.js'
import { requiredToolCalls, shownStatus } from '../requiredToolCalls.js'
import type { ResponseStreamState } from './responseStore.js'

/**
 * A run of the Responses API as a user sees it: a response, and when it stops at function calls,
 * the follow-up that answers them (`previous_response_id`), and so on. The session follows the
 * chain as one run; this is its snapshot, built by the pure reducer `applyChainEvent`.
 */
export interface ResponseChainSnapshot {
  /** The chain's responses before the current one, oldest first (each stopped at function calls). */
  earlier: readonly ModelResponse[]
  /** The outputs sent for their calls (the follow-ups' `function_call_output` items), by call. */
  answers: readonly FunctionCallOutput[]
  /** The current response (the last of the chain), as its events make it. */
  current: ResponseSnapshot
  /** The current response's calls were declined (a cancel while it waited): no answer will come. */
  declined: boolean
}

export const emptyChain: ResponseChainSnapshot = {
  earlier: [],
  answers: [],
  current: emptyResponseSnapshot,
  declined: false,
}

type Lifecycle = Extract<ResponseStreamEvent, { response: ModelResponse }>

/** The response an event carries whole (created, queued, in_progress, completed, failed, incomplete). */
export function responseOf(event: ResponseStreamEvent): ModelResponse | null {
  const response = (event as Partial<Lifecycle>).response
  return typeof response === 'object' && response !== null && typeof response.id === 'string'
    ? response
    : null
}

/** The chain with its current response put behind it: the next response starts. */
function advance(chain: ResponseChainSnapshot): ResponseChainSnapshot {
  const done = chain.current.response
  return {
    earlier: done ? [...chain.earlier, done] : chain.earlier,
    answers: chain.answers,
    current: emptyResponseSnapshot,
    declined: false,
  }
}

/** Whether `response` is another response than the chain's current one (the next of the chain). */
const isNext = (chain: ResponseChainSnapshot, response: ModelResponse) =>
  chain.current.response !== null && response.id !== chain.current.response.id

/**
 * The pure reducer of a chain: the current response's events go to `applyResponseEvent`; an event
 * naming another response (the follow-up's `response.created`) moves the chain on. What an event
 * does not touch keeps its identity.
 */
export function applyChainEvent(
  chain: ResponseChainSnapshot,
  event: ResponseStreamEvent,
): ResponseChainSnapshot {
  const named = responseOf(event)
  const base = named && isNext(chain, named) ? advance(chain) : chain
  const current = applyResponseEvent(base.current, event)
  return current === base.current && base === chain ? chain : { ...base, current }
}

/**
 * The chain with a response learnt by a retrieve or a mutation: the current one as the server has
 * it, an earlier one replaced in place, a newer one (a follow-up made elsewhere) as the next.
 */
export function chainWithResponse(
  chain: ResponseChainSnapshot,
  response: ModelResponse,
): ResponseChainSnapshot {
  const index = chain.earlier.findIndex((earlier) => earlier.id === response.id)
  if (index !== -1) {
    const earlier = chain.earlier.slice()
    earlier[index] = response
    return { ...chain, earlier }
  }
  const base = isNext(chain, response) ? advance(chain) : chain
  const current = { ...base.current, response, done: !isActiveResponseStatus(response.status) }
  return { ...base, current }
}

/** The chain with the outputs just sent; one sent again for the same call replaces the first. */
export function chainAnswered(
  chain: ResponseChainSnapshot,
  outputs: ReadonlyArray<{ tool_call_id: string; output: string }>,
): ResponseChainSnapshot {
  const sent = new Set(outputs.map((output) => output.tool_call_id))
  const items = outputs.map(
    (output): FunctionCallOutput => ({
      type: 'function_call_output',
      call_id: output.tool_call_id,
      output: output.output,
    }),
  )
  return { ...chain, answers: [...chain.answers.filter((answer) => !sent.has(answer.call_id)), ...items] }
}

/** The calls the chain's current response waits for, unless they were declined. */
export const chainCalls = (chain: ResponseChainSnapshot) =>
  chain.declined ? null : requiredToolCalls(chain.current.response)

/** The chain's responses, oldest first. */
function responsesOf(chain: ResponseChainSnapshot): ModelResponse[] {
  const last = chain.current.response
  return last ? [...chain.earlier, last] : chain.earlier.slice()
}

/** The same list as `previous` when every entry is the same object: a view reading it does not re-render. */
function keep<T>(next: T[], previous: T[]): T[] {
  if (next.length !== previous.length) return next
  for (let i = 0; i < next.length; i++) if (next[i] !== previous[i]) return next
  return previous
}

const isMessage = (item: ResponseOutputItem): item is ResponseOutputMessage => item?.type === 'message'

/** The text of a response message: its `output_text` parts (a refusal is no answer text). */
function messageText(message: ResponseOutputMessage): string {
  if (!Array.isArray(message.content)) return ''
  let text = ''
  for (const part of message.content) {
    const value: unknown = part?.type === 'output_text' ? part.text : undefined
    if (typeof value === 'string') text += value
  }
  return text
}

/** The answer's text: every message's, joined by a blank line, as for a run's messages. */
export function outputText(messages: readonly ResponseOutputMessage[]): string {
  let out = ''
  for (const message of messages) {
    const text = messageText(message)
    if (text === '') continue
    out = out === '' ? text : `${out}\n\n${text}`
  }
  return out
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/**
 * The usage of the whole chain: each response's tokens added up (each follow-up reads the chain so
 * far again as input, and is billed for it). `null` until some response reports usage.
 */
export function chainUsage(responses: readonly ModelResponse[]): ResponseUsage | null {
  let sum: ResponseUsage | null = null
  for (const response of responses) {
    const usage = response.usage
    if (typeof usage !== 'object' || usage === null) continue
    sum ??= {
      input_tokens: 0,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 0,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 0,
    }
    sum.input_tokens += count(usage.input_tokens)
    sum.input_tokens_details.cached_tokens += count(usage.input_tokens_details?.cached_tokens)
    sum.output_tokens += count(usage.output_tokens)
    sum.output_tokens_details.reasoning_tokens += count(usage.output_tokens_details?.reasoning_tokens)
    sum.total_tokens += count(usage.total_tokens)
  }
  return sum
}

function sameUsage(a: ResponseUsage | null, b: ResponseUsage | null): boolean {
  if (a === null || b === null) return a === b
  return (
    a.input_tokens === b.input_tokens &&
    a.output_tokens === b.output_tokens &&
    a.total_tokens === b.total_tokens &&
    a.input_tokens_details.cached_tokens === b.input_tokens_details.cached_tokens &&
    a.output_tokens_details.reasoning_tokens === b.output_tokens_details.reasoning_tokens
  )
}

/** What the store shows of a chain; lists that did not change keep the previous state's identity. */
export function chainView(
  chain: ResponseChainSnapshot,
  previous: ResponseStreamState,
): Partial<ResponseStreamState> {
  const response = chain.current.response
  const responses = responsesOf(chain)
  const output: ResponseOutputItem[] = []
  for (const each of responses) if (Array.isArray(each.output)) output.push(...each.output)
  const messages = keep(output.filter(isMessage), previous.messages)
  const steps = keep<ResponseStreamState['steps'][number]>(
    [...output.filter((item) => !isMessage(item)), ...chain.answers],
    previous.steps,
  )
  const usage = chainUsage(responses)
  return {
    response,
    responseId: response?.id ?? null,
    responseIds: keep(
      responses.map((each) => each.id),
      previous.responseIds,
    ),
    // Declined calls are not waited for: the response shows as it is (completed).
    status: chain.declined ? (response?.status ?? null) : shownStatus(response),
    output: keep(output, previous.output),
    messages,
    steps,
    text: messages === previous.messages ? previous.text : outputText(messages),
    usage: sameUsage(usage, previous.usage) ? previous.usage : usage,
    sequenceNumber: chain.current.sequenceNumber,
    streamError: chain.current.error,
  }
}
