import type { Response, ResponseOutputItem, ResponseSnapshot, ResponseStreamEvent } from './responseTypes.js'

/**
 * The snapshot before any event, shared by every stream: the reducer never writes to a snapshot
 * (it makes a new one), and neither may its callers.
 */
export const emptyResponseSnapshot: Readonly<ResponseSnapshot> = {
  response: null,
  sequenceNumber: null,
  error: null,
  done: false,
}

type Item = ResponseOutputItem & Record<string, unknown>
type Part = Record<string, unknown>

/**
 * The pure reducer of a response's stream: `(snapshot, event) => snapshot`. It never mutates its
 * input; a delta copies the one item it grows, the slot of the part it touches and the output
 * array, and what it does not touch keeps its identity. An event it has nothing to do with (one
 * this version does not know, audio, an item it never saw added) gives back the same response;
 * an unknown event gives back the same snapshot.
 */
export function applyResponseEvent(snapshot: ResponseSnapshot, event: ResponseStreamEvent): ResponseSnapshot {
  if (event.type === 'unknown') return snapshot
  const sequenceNumber =
    typeof event.sequence_number === 'number' ? event.sequence_number : snapshot.sequenceNumber
  const next: ResponseSnapshot = { ...snapshot, sequenceNumber }
  const { response } = snapshot
  switch (event.type) {
    case 'response.created':
    case 'response.queued':
    case 'response.in_progress':
      // The response as the server has it; its `output` is usually still empty while ours holds
      // what the deltas built, which the final event replaces.
      next.response = keepOutput(event.response, response)
      return next
    case 'response.completed':
    case 'response.failed':
    case 'response.incomplete':
      // The server's last word, as it is: what the deltas built gives way to it.
      next.response = event.response
      next.done = true
      return next
    case 'error':
      next.error = { message: event.message, code: event.code, param: event.param }
      return next
    case 'response.output_item.added':
    case 'response.output_item.done':
      if (response) next.response = withOutput(response, event.output_index, () => ({ ...event.item }))
      return next
  }
  const outputIndex = event.output_index
  if (!response || typeof outputIndex !== 'number') return next
  const itemId = typeof event.item_id === 'string' ? event.item_id : undefined
  const update = (change: (item: Item) => Item) => {
    next.response = withOutput(
      response,
      outputIndex,
      (item) => (item ? change(item as Item) : undefined),
      itemId,
    )
    return next
  }
  switch (event.type) {
    case 'response.content_part.added':
    case 'response.content_part.done':
      return update((item) => withPart(item, 'content', event.content_index, () => ({ ...event.part })))
    case 'response.output_text.delta':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) =>
          grow(part, 'text', event.delta, 'output_text'),
        ),
      )
    case 'response.output_text.done':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) => ({
          ...part,
          type: part?.type ?? 'output_text',
          text: event.text,
        })),
      )
    case 'response.output_text.annotation.added':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) => {
          const annotations = Array.isArray(part?.annotations) ? [...part.annotations] : []
          annotations[event.annotation_index] = event.annotation
          return { ...part, annotations }
        }),
      )
    case 'response.refusal.delta':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) =>
          grow(part, 'refusal', event.delta, 'refusal'),
        ),
      )
    case 'response.refusal.done':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) => ({
          ...part,
          type: 'refusal',
          refusal: event.refusal,
        })),
      )
    case 'response.reasoning_summary_part.added':
    case 'response.reasoning_summary_part.done':
      return update((item) => withPart(item, 'summary', event.summary_index, () => ({ ...event.part })))
    case 'response.reasoning_summary_text.delta':
      return update((item) =>
        withPart(item, 'summary', event.summary_index, (part) =>
          grow(part, 'text', event.delta, 'summary_text'),
        ),
      )
    case 'response.reasoning_summary_text.done':
      return update((item) =>
        withPart(item, 'summary', event.summary_index, (part) => ({
          ...part,
          type: 'summary_text',
          text: event.text,
        })),
      )
    case 'response.reasoning_text.delta':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) =>
          grow(part, 'text', event.delta, 'reasoning_text'),
        ),
      )
    case 'response.reasoning_text.done':
      return update((item) =>
        withPart(item, 'content', event.content_index, (part) => ({
          ...part,
          type: 'reasoning_text',
          text: event.text,
        })),
      )
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call_arguments.delta':
      return update((item) => ({ ...item, arguments: `${stringAt(item, 'arguments')}${event.delta}` }))
    case 'response.function_call_arguments.done':
      // Real servers leave `name` out: the item keeps the one its `output_item.added` gave.
      return update((item) => ({
        ...item,
        arguments: event.arguments,
        ...(event.name ? { name: event.name } : {}),
      }))
    case 'response.mcp_call_arguments.done':
      return update((item) => ({ ...item, arguments: event.arguments }))
    case 'response.custom_tool_call_input.delta':
      return update((item) => ({ ...item, input: `${stringAt(item, 'input')}${event.delta}` }))
    case 'response.custom_tool_call_input.done':
      return update((item) => ({ ...item, input: event.input }))
    case 'response.code_interpreter_call_code.delta':
      return update((item) => ({ ...item, code: `${stringAt(item, 'code')}${event.delta}` }))
    case 'response.code_interpreter_call_code.done':
      return update((item) => ({ ...item, code: event.code }))
    case 'response.file_search_call.in_progress':
    case 'response.file_search_call.searching':
    case 'response.file_search_call.completed':
    case 'response.web_search_call.in_progress':
    case 'response.web_search_call.searching':
    case 'response.web_search_call.completed':
    case 'response.image_generation_call.in_progress':
    case 'response.image_generation_call.generating':
    case 'response.image_generation_call.completed':
    case 'response.code_interpreter_call.in_progress':
    case 'response.code_interpreter_call.interpreting':
    case 'response.code_interpreter_call.completed':
    case 'response.mcp_call.in_progress':
    case 'response.mcp_call.completed':
    case 'response.mcp_call.failed':
    case 'response.mcp_list_tools.in_progress':
    case 'response.mcp_list_tools.completed':
    case 'response.mcp_list_tools.failed': {
      // The event's last segment is the tool's new status: `searching`, `completed`...
      const status = event.type.slice(event.type.lastIndexOf('.') + 1)
      return update((item) => ({ ...item, status }))
    }
    default:
      // Audio, partial images, shell commands: carried by their events, not by an output item.
      return next
  }
}

/** A response event's response, with the output the deltas built when the event's own is shorter. */
function keepOutput(incoming: Response, current: Response | null): Response {
  const built = current?.id === incoming.id ? current.output : undefined
  const output = Array.isArray(incoming.output) ? incoming.output : []
  return built && built.length > output.length ? { ...incoming, output: built } : { ...incoming, output }
}

/**
 * The response with the item at `index` changed; `itemId`, when given, must name it (else the
 * item is looked up by id). An item that is nowhere leaves the response as it is.
 */
function withOutput(
  response: Response,
  index: number,
  change: (item: ResponseOutputItem | undefined) => ResponseOutputItem | undefined,
  itemId?: string,
): Response {
  const output = [...response.output]
  let at = index
  if (itemId !== undefined && output[at]?.id !== itemId) {
    at = output.findIndex((item) => item?.id === itemId)
    if (at < 0) return response
  }
  const changed = change(output[at])
  if (!changed) return response
  output[at] = changed
  return { ...response, output }
}

/** The item with the part at `index` of its `field` array (`content`, `summary`) changed. */
function withPart(
  item: Item,
  field: 'content' | 'summary',
  index: number,
  change: (part: Part | undefined) => Part,
): Item {
  const parts: unknown[] = Array.isArray(item[field]) ? [...(item[field] as unknown[])] : []
  parts[index] = change(parts[index] as Part | undefined)
  return { ...item, [field]: parts }
}

/** The part with `delta` appended to its `field`; a part no event announced starts as `type`. */
function grow(part: Part | undefined, field: string, delta: string, type: string): Part {
  return { type, ...part, [field]: `${stringAt(part, field)}${delta}` }
}

function stringAt(object: Record<string, unknown> | undefined, field: string): string {
  const value = object?.[field]
  return typeof value === 'string' ? value : ''
}
