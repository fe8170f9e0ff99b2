import { errorObject, StreamError } from '../errors.js'
import { isObject } from '../isObject.js'
import type {
  KnownResponseStreamEvent,
  ResponseStreamEvent,
  ResponseStreamEventName,
} from '../responseTypes.js'
import { parseTextDelta } from './parseTextDelta.js'
import type { SSEFrame } from './sseDecoder.js'

/**
 * Every event of the spec, and what its data must hold for the reducer to trust it: the whole
 * `response`, an output `item`, or neither. Keyed by `ResponseStreamEventName`, so that an event
 * missing here, or one the types do not know, does not compile.
 */
const knownEvents: Record<ResponseStreamEventName, 'response' | 'item' | true> = {
  'response.created': 'response',
  'response.queued': 'response',
  'response.in_progress': 'response',
  'response.completed': 'response',
  'response.failed': 'response',
  'response.incomplete': 'response',
  'response.output_item.added': 'item',
  'response.output_item.done': 'item',
  'response.content_part.added': true,
  'response.content_part.done': true,
  'response.output_text.delta': true,
  'response.output_text.done': true,
  'response.output_text.annotation.added': true,
  'response.refusal.delta': true,
  'response.refusal.done': true,
  'response.function_call_arguments.delta': true,
  'response.function_call_arguments.done': true,
  'response.reasoning_summary_part.added': true,
  'response.reasoning_summary_part.done': true,
  'response.reasoning_summary_text.delta': true,
  'response.reasoning_summary_text.done': true,
  'response.reasoning_text.delta': true,
  'response.reasoning_text.done': true,
  'response.audio.delta': true,
  'response.audio.done': true,
  'response.audio.transcript.delta': true,
  'response.audio.transcript.done': true,
  'response.code_interpreter_call_code.delta': true,
  'response.code_interpreter_call_code.done': true,
  'response.code_interpreter_call.in_progress': true,
  'response.code_interpreter_call.interpreting': true,
  'response.code_interpreter_call.completed': true,
  'response.file_search_call.in_progress': true,
  'response.file_search_call.searching': true,
  'response.file_search_call.completed': true,
  'response.web_search_call.in_progress': true,
  'response.web_search_call.searching': true,
  'response.web_search_call.completed': true,
  'response.image_generation_call.in_progress': true,
  'response.image_generation_call.generating': true,
  'response.image_generation_call.completed': true,
  'response.image_generation_call.partial_image': true,
  'response.mcp_call_arguments.delta': true,
  'response.mcp_call_arguments.done': true,
  'response.mcp_call.in_progress': true,
  'response.mcp_call.completed': true,
  'response.mcp_call.failed': true,
  'response.mcp_list_tools.in_progress': true,
  'response.mcp_list_tools.completed': true,
  'response.mcp_list_tools.failed': true,
  'response.custom_tool_call_input.delta': true,
  'response.custom_tool_call_input.done': true,
  'response.shell_call_command.added': true,
  'response.shell_call_command.delta': true,
  'response.shell_call_command.done': true,
  'response.shell_call_output_content.delta': true,
  'response.shell_call_output_content.done': true,
  error: true,
}
const known = new Map<string, 'response' | 'item' | true>(Object.entries(knownEvents))

/**
 * Frame -> typed event. The Responses API names each event twice, in `event:` and in the data's
 * `type`; the data's wins (it is what the spec defines), the frame's stands in when it is absent.
 * An event this version does not know becomes `{ type: 'unknown', name, data }`, its data parsed
 * when it is JSON. Invalid JSON in a known event, or a known event whose data is not an object (or
 * lacks the `response` or `item` it carries), is a `StreamError`. `error` data is normalised to
 * the bare shape, whether the server sent it bare or wrapped in `error`.
 */
export function toResponseEvent(frame: SSEFrame): ResponseStreamEvent {
  const { event, data } = frame
  const delta = event === 'response.output_text.delta' && parseTextDelta(data)
  if (delta) return delta
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch (cause) {
    if (known.has(event)) {
      throw new StreamError('invalid_json', `The data of a ${event} event is not JSON.`, { cause })
    }
    return { type: 'unknown', name: event, data }
  }
  const type = isObject(parsed) && typeof parsed.type === 'string' ? parsed.type : event
  const carries = known.get(type)
  if (!carries) return { type: 'unknown', name: type, data: parsed }
  if (!isObject(parsed)) {
    throw new StreamError('invalid_event', `The data of a ${type} event is not an object.`)
  }
  if (type === 'error') {
    const error = errorObject(parsed) ?? { message: JSON.stringify(parsed) }
    return { code: null, param: null, ...parsed, ...error, type: 'error' } as KnownResponseStreamEvent
  }
  if (carries !== true && !isObject(parsed[carries])) {
    throw new StreamError('invalid_event', `The data of a ${type} event has no ${carries} object.`)
  }
  return (parsed.type === type ? parsed : { ...parsed, type }) as KnownResponseStreamEvent
}
