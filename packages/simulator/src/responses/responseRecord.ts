import type { StreamListener } from '../eventStream.js'
import type { Random } from '../random.js'
import type { ResponseParams } from './responseParams.js'
import type { InputItemResource, ResponseEvent, ResponseObject } from './responseTypes.js'

/**
 * One step of a model-name scenario. A response walks its scenario's steps in order:
 * - `answer`: what any model does: call one function tool when the request has some (and
 *   `tool_choice` allows it, and the input brings no outputs to read), else answer in text, using
 *   the function outputs the input brings;
 * - `parallel_calls`: call every function tool in one turn (one tool: twice), or one when
 *   `parallel_tool_calls` is false;
 * - `reasoning`: a reasoning item whose summary parts stream as text deltas;
 * - `message`: this text;
 * - `cut`: this text, cut where `max_output_tokens` runs out (at 16 tokens when unset): the
 *   response ends `incomplete`;
 * - `fail`: this text, left incomplete, then the response fails with `error`; with `streamError`,
 *   its streams get an `error` event instead of `response.failed` (pollers see it failed).
 */
export type ResponseStep =
  | { type: 'answer' }
  | { type: 'parallel_calls' }
  | { type: 'reasoning'; summary: string[] }
  | { type: 'message'; text: string }
  | { type: 'cut'; text: string }
  | {
      type: 'fail'
      code: 'server_error' | 'rate_limit_exceeded'
      message: string
      text: string
      /** The stream breaks instead: an `error` event ends it, and no `response.failed` follows. */
      streamError?: boolean
    }

/** A scripted behaviour of the Responses API, picked by the request's `model`. */
export interface ResponseScenario {
  model: string
  description: string
  steps: ResponseStep[]
  /** Multiplies the simulator's `tokenDelayMs` for this scenario's deltas. Default 1. */
  delayFactor?: number
}

/** A function call some response made: what a `function_call_output` may answer. */
export interface KnownCall {
  name: string
  arguments: string
}

/** A response and what its driver, its streams and its follow-ups need. */
export interface ResponseRecord {
  response: ResponseObject
  params: ResponseParams
  scenario: ResponseScenario
  /** This request's input, as `input_items` lists it (in order). */
  inputItems: InputItemResource[]
  /** Every function call of the conversation so far, by call_id, this response's included. */
  knownCalls: Map<string, KnownCall>
  /** Tokens of everything the model read: instructions, earlier turns, this input. */
  inputTokens: number
  outputTokens: number
  reasoningTokens: number
  /** Every event so far, as sent: a resumed stream replays them from a sequence number. */
  events: ResponseEvent[]
  listeners: Set<StreamListener>
  /** Draws the deltas' `obfuscation`, apart from the ids. */
  obfuscation: Random
  /** Settles when the response ends, however it ends. */
  finished: Promise<void>
  settle(): void
  /** Which reset() of the simulator created it: a driver of an older generation stops. */
  generation: number
}

/** The event a stream ends with when the response was cancelled: it closes, writing nothing. */
export const END_OF_STREAM = 'end'

export const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'response.completed',
  'response.failed',
  'response.incomplete',
  'error',
  END_OF_STREAM,
])
