import type { AssistantTool } from '@runlens/client'

/** What a step's text function can read: the conversation so far. */
export interface ScenarioContext {
  /** The text of the last user message on the thread ('' when there is none). */
  lastUserMessage: string
  /** Every tool output submitted to this run so far, in submission order. */
  toolOutputs: SubmittedToolOutput[]
}

export interface SubmittedToolOutput {
  tool_call_id: string
  /** The name of the function that was called. */
  name: string
  arguments: string
  output: string
}

/** Text given as is, or computed when the step runs (to answer with a submitted tool output). */
export type ScenarioText = string | ((context: ScenarioContext) => string)

export interface ScriptedFunctionCall {
  name: string
  /** An object is sent as its JSON; a string is sent as it is. Streamed in token-sized fragments. */
  arguments: Record<string, unknown> | string
}

export interface ScriptedFileSearchResult {
  file_id: string
  file_name: string
  score: number
  /** Only sent when the request asks for `step_details.tool_calls[*].file_search.results[*].content`. */
  content: string
}

/**
 * One step of a scenario script. A run walks the list in order:
 * - `message`: a message_creation step whose text streams as one delta per token.
 * - `tool_calls`: a tool_calls step with function calls; the run stops in `requires_action` until
 *   `submit_tool_outputs` brings an output for every call (or it expires, or it is cancelled).
 * - `code_interpreter` / `file_search`: a tool_calls step the "server" runs by itself.
 * - `fail`: the run fails with `last_error`; with `text`, a partial message streams first; with
 *   `streamError`, a live stream gets `event: error` and ends with no `done` (the run still fails).
 * - `incomplete`: the run ends `incomplete` for a token limit; with `text`, that text streams into a
 *   message that ends `incomplete`.
 * - `wait`: a pause of `ms` on the simulator's clock (through the injectable sleep).
 */
export type ScenarioStep =
  | { type: 'message'; text: ScenarioText }
  | { type: 'tool_calls'; calls: ScriptedFunctionCall[] }
  | { type: 'code_interpreter'; input: string; logs: string }
  | { type: 'file_search'; results: ScriptedFileSearchResult[] }
  | {
      type: 'fail'
      code: 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt'
      message: string
      text?: ScenarioText
      streamError?: boolean
    }
  | { type: 'incomplete'; reason: 'max_completion_tokens' | 'max_prompt_tokens'; text?: ScenarioText }
  | { type: 'wait'; ms: number }

/** A scripted behaviour, served by an assistant of the same name (id `asst_<name>`). */
export interface Scenario {
  /** Letters, digits, `_` and `-`; also the assistant's name. */
  name: string
  description?: string
  /** Default 'gpt-4o'. */
  model?: string
  instructions?: string | null
  /** The assistant's tools; by default, derived from the steps. */
  tools?: AssistantTool[]
  steps: ScenarioStep[]
  /** Seconds from creation until an unfinished run expires. Default 600, as on the real API. */
  expiresAfterSeconds?: number
  /** Multiplies the simulator's `tokenDelayMs` for this scenario's deltas. Default 1. */
  delayFactor?: number
}
