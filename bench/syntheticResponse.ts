/**
 * A synthetic background response as the wire carries it: the events of the recorded stream in
 * test/fixtures (their shapes, `obfuscation` and `logprobs` on every delta, `usage: null` until
 * the end) around `deltas` text deltas of one message, cut into chunks as `chunked` cuts a run.
 */
import { chunked, type SyntheticRun, words } from './syntheticRun.js'

const ids = {
  response: 'resp_0976c6df58902d6a0068c9ef349f8881968e62cd0dd40b45bf',
  message: 'msg_0976c6df58902d6a0068c9ef3537f48196a252a62ce5661cef',
}

function responseObject(status: string, output: unknown[]) {
  return {
    id: ids.response,
    object: 'response',
    created_at: 1758064436,
    status,
    background: true,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: 'gpt-4o-mini-2024-07-18',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    reasoning: { effort: null, summary: null },
    safety_identifier: null,
    service_tier: 'auto',
    store: true,
    temperature: 1.0,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1.0,
    truncation: 'auto',
    usage:
      status === 'completed'
        ? {
            input_tokens: 11,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 100000,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 100011,
          }
        : null,
    user: null,
    metadata: {},
  }
}

const pad = 'jsHiuh8bUGxmg9mj4RT1hNfelC'

export function syntheticResponse(deltas = 100_000): SyntheticRun {
  const parts: string[] = []
  let sequence = 0
  const emit = (type: string, fields: object) => {
    parts.push(
      `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`,
    )
  }
  const item = (status: string, text: string | null) => ({
    id: ids.message,
    type: 'message',
    status,
    content: text === null ? [] : [{ type: 'output_text', annotations: [], logprobs: [], text }],
    role: 'assistant',
  })
  const at = { item_id: ids.message, output_index: 0, content_index: 0 }
  emit('response.created', { response: responseObject('queued', []) })
  emit('response.queued', { response: responseObject('queued', []) })
  emit('response.in_progress', { response: responseObject('in_progress', []) })
  emit('response.output_item.added', { output_index: 0, item: item('in_progress', null) })
  emit('response.content_part.added', {
    ...at,
    part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
  })
  let text = ''
  for (let i = 0; i < deltas; i++) {
    const delta = words[i % words.length]!
    text += delta
    emit('response.output_text.delta', {
      ...at,
      delta,
      logprobs: [],
      obfuscation: pad.slice(0, 16 - delta.length),
    })
  }
  emit('response.output_text.done', { ...at, text, logprobs: [] })
  emit('response.content_part.done', {
    ...at,
    part: { type: 'output_text', annotations: [], logprobs: [], text },
  })
  emit('response.output_item.done', { output_index: 0, item: item('completed', text) })
  emit('response.completed', { response: responseObject('completed', [item('completed', text)]) })
  return chunked(parts.join(''), sequence)
}
