import type { ResponseParams } from './responseParams.js'
import type { ResponseObject } from './responseTypes.js'

/**
 * A new response as the create answers it, before any output: `queued` in background, else
 * `in_progress`, with `usage` and `user` null and the field order of the recorded stream.
 */
export function makeResponse(id: string, createdAt: number, params: ResponseParams): ResponseObject {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: params.background ? 'queued' : 'in_progress',
    background: params.background,
    error: null,
    incomplete_details: null,
    instructions: params.instructions,
    max_output_tokens: params.maxOutputTokens,
    max_tool_calls: null,
    model: params.model,
    output: [],
    parallel_tool_calls: params.parallelToolCalls,
    previous_response_id: params.previousResponseId,
    prompt_cache_key: null,
    reasoning: params.reasoning,
    safety_identifier: null,
    service_tier: 'auto',
    store: params.store,
    temperature: params.temperature,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: params.toolChoice,
    tools: params.tools,
    top_logprobs: 0,
    top_p: params.topP,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: params.metadata,
  }
}
