import {
  APIError,
  type Response as ModelResponse,
  type ResponseCreateParams,
  type ResponseStreamEvent,
  type RunsClient,
  type ToolOutput,
} from '@runlens/client'
import { isActiveResponseStatus, responsePollDelayMs, retrieveResponse } from '../polling.js'
import {
  applyChainEvent,
  chainAnswered,
  chainCalls,
  chainView,
  chainWithResponse,
  emptyChain,
  type ResponseChainSnapshot,
  responseOf,
} from './responseChain.js'
import { initialResponseState, type ResponseStreamState } from './responseStore.js'
import type { SessionAdapter } from './sessionAdapter.js'

/** The types of a Responses run's session: a chain of responses, followed as one run. */
export interface ResponsesProtocol {
  body: ResponseCreateParams
  event: ResponseStreamEvent
  run: ModelResponse
  snapshot: ResponseChainSnapshot
  state: ResponseStreamState
}

const endEvents: ReadonlySet<string> = new Set([
  'response.completed',
  'response.failed',
  'response.incomplete',
])

/**
 * The follow-up that answers `response`'s function calls: the outputs as `function_call_output`
 * items, after `previous_response_id`. That id carries the conversation, not the request's
 * settings (model, tools, instructions...), so they are sent again, read from the response itself:
 * it holds them, and a session that joined the chain after a reload has nothing else.
 */
export function followUpBody(response: ModelResponse, outputs: readonly ToolOutput[]): ResponseCreateParams {
  const body: ResponseCreateParams = {
    model: response.model,
    previous_response_id: response.id,
    input: outputs.map((output) => ({
      type: 'function_call_output',
      call_id: output.tool_call_id,
      output: output.output,
    })),
    background: response.background ?? true,
  }
  if (typeof response.instructions === 'string') body.instructions = response.instructions
  if (Array.isArray(response.tools)) body.tools = response.tools
  if (response.tool_choice != null) body.tool_choice = response.tool_choice
  if (typeof response.parallel_tool_calls === 'boolean')
    body.parallel_tool_calls = response.parallel_tool_calls
  if (response.reasoning != null) body.reasoning = response.reasoning
  if (response.max_output_tokens != null) body.max_output_tokens = response.max_output_tokens
  if (response.temperature != null) body.temperature = response.temperature
  if (response.top_p != null) body.top_p = response.top_p
  if (response.metadata != null) body.metadata = response.metadata
  return body
}

/**
 * Responses in background mode, as a session speaks to them (see `SessionAdapter`). Runs are
 * background responses unless the body says otherwise: only those can be resumed and cancelled.
 */
export function responsesAdapter(client: RunsClient): SessionAdapter<ResponsesProtocol> {
  return {
    initialState: initialResponseState,
    empty: emptyChain,
    start: (body, signal) =>
      client.responses.stream({ ...body, background: body.background ?? true }, { signal }),
    resume: (responseId, signal) => client.responses.resume(responseId, {}, { signal }),
    // The client re-sends a create whose answer was lost with the same Idempotency-Key: no
    // response is made twice, and none is lost to find.
    lostRunFinder: () => null,

    answer: (response, outputs, signal) =>
      client.responses.stream(followUpBody(response, outputs), { signal }),
    answered: chainAnswered,

    cancel: (responseId) => client.responses.cancel(responseId),
    // The server refuses to cancel a response that has ended (400): it ended first.
    cancelCameTooLate: (error) => error instanceof APIError && error.status === 400,
    decline: (chain) => ({ ...chain, declined: true }),

    retrieve: (responseId, signal) => retrieveResponse(client, responseId, signal),
    pollDelayMs: responsePollDelayMs,

    apply: applyChainEvent,
    withRun: chainWithResponse,
    current: (chain) => chain.current.response,
    position: (chain) => chain.current.sequenceNumber,
    view: chainView,
    runOf: responseOf,
    isEnd: (event) => endEvents.has(event.type),
    isError: (event) => event.type === 'error',
    isActive: isActiveResponseStatus,
    waitsForTools: (chain) => chainCalls(chain) !== null,
    requiredCalls: chainCalls,
  }
}
