import type { Metadata } from '@runlens/client'

/*
 * The Responses API objects the simulator writes, as the spec names them (`Response`, the
 * `OutputItem`s, `ResponseUsage`) and with the field order of the recorded stream, so a diff
 * against it reads line by line.
 */

export type ResponseStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'incomplete' | 'cancelled'
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete'

export interface OutputText {
  type: 'output_text'
  annotations: unknown[]
  logprobs: unknown[]
  text: string
}

export interface OutputMessage {
  id: string
  type: 'message'
  status: ItemStatus
  content: OutputText[]
  role: 'assistant'
}

export interface FunctionCallItem {
  id: string
  type: 'function_call'
  status: ItemStatus
  arguments: string
  call_id: string
  name: string
}

export interface ReasoningItem {
  id: string
  type: 'reasoning'
  summary: Array<{ type: 'summary_text'; text: string }>
}

export type OutputItem = OutputMessage | FunctionCallItem | ReasoningItem

/** A function tool as a response echoes it (the spec's FunctionTool). */
export interface ResponseFunctionTool {
  type: 'function'
  name: string
  description?: string | null
  parameters: Record<string, unknown> | null
  strict: boolean | null
}

export type ResponseToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; name: string }

export interface ResponseUsage {
  input_tokens: number
  input_tokens_details: { cached_tokens: number }
  output_tokens: number
  output_tokens_details: { reasoning_tokens: number }
  total_tokens: number
}

export interface ResponseObject {
  id: string
  object: 'response'
  created_at: number
  status: ResponseStatus
  background: boolean
  error: { code: string; message: string } | null
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null
  instructions: string | null
  max_output_tokens: number | null
  max_tool_calls: null
  model: string
  output: OutputItem[]
  parallel_tool_calls: boolean
  previous_response_id: string | null
  prompt_cache_key: null
  reasoning: { effort: string | null; summary: string | null }
  safety_identifier: null
  service_tier: 'auto' | 'default'
  store: boolean
  temperature: number
  text: { format: { type: 'text' }; verbosity: 'medium' }
  tool_choice: ResponseToolChoice
  tools: ResponseFunctionTool[]
  top_logprobs: 0
  top_p: number
  truncation: 'disabled'
  /** null while the response is being written, as recorded. */
  usage: ResponseUsage | null
  /** null, as recorded (the spec says string). */
  user: null
  metadata: Metadata
}

/** One input item as `GET /responses/{id}/input_items` lists it (the spec's ItemResource). */
export type InputItemResource =
  | {
      id: string
      type: 'message'
      role: 'user' | 'system' | 'developer'
      status: 'completed'
      content: Array<Record<string, unknown>>
    }
  | OutputMessage
  | FunctionCallItem
  | { id: string; type: 'function_call_output'; call_id: string; output: string; status: 'completed' }

/** One event of a response's stream: its `type` and the rest of its data. */
export interface ResponseEvent {
  type: string
  sequence_number: number
  [field: string]: unknown
}
