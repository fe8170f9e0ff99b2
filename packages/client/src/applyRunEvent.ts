import type {
  Annotation,
  AssistantStreamEvent,
  Message,
  MessageContent,
  MessageDelta,
  MessageDeltaContent,
  Run,
  RunSnapshot,
  RunStatus,
  RunStep,
  RunStepDelta,
  ToolCall,
  ToolCallDelta,
} from './types.js'

/** The snapshot before any event. Frozen: the reducer never writes to a snapshot, it makes a new one. */
export const emptyRunSnapshot: RunSnapshot = Object.freeze({
  run: null,
  messages: Object.freeze([]) as unknown as Message[],
  steps: Object.freeze([]) as unknown as RunStep[],
  error: null,
  done: false,
})

const terminal = new Set<RunStatus>(['completed', 'failed', 'cancelled', 'expired', 'incomplete'])

/**
 * True for the statuses a run never leaves: completed, failed, cancelled, expired, incomplete.
 * `requires_action` is not terminal (the run resumes once tool outputs arrive), and neither is a
 * status this version does not know.
 */
export function isTerminalStatus(status: RunStatus): boolean {
  return terminal.has(status)
}

/**
 * The pure reducer of a run's stream: `(snapshot, event) => snapshot`. It never mutates its
 * input, and what an event does not touch keeps its identity (the other messages, the steps,
 * the run), so that selectors over a snapshot re-render only for their slice. A delta costs
 * the copy of one message (or step) and of the array slot holding it, not of the whole state.
 * Events it has nothing to do with give back the same snapshot.
 */
export function applyRunEvent(snapshot: RunSnapshot, event: AssistantStreamEvent): RunSnapshot {
  switch (event.event) {
    case 'thread.message.delta':
      return withMessage(snapshot, event.data.id, (message) => applyMessageDelta(message, event.data))
    case 'thread.run.step.delta':
      return withStep(snapshot, event.data.id, (step) => applyStepDelta(step, event.data))
    case 'done':
      return snapshot.done ? snapshot : { ...snapshot, done: true }
    case 'error': {
      const { message, type, code, param } = event.data
      return { ...snapshot, error: { message, type, code, param } }
    }
    case 'thread.created':
      return snapshot
    case 'unknown':
      return applyObject(snapshot, event.data)
    default:
      // Every other known event carries a whole run, step or message.
      return applyObject(snapshot, event.data)
  }
}

/** A whole object from an event (known or not): it replaces the one with its id. */
function applyObject(snapshot: RunSnapshot, data: unknown): RunSnapshot {
  if (typeof data !== 'object' || data === null) return snapshot
  const object = (data as { object?: unknown }).object
  if (object === 'thread.run') return { ...snapshot, run: data as Run }
  if (object === 'thread.message') {
    const message = data as Message
    return withMessage(snapshot, message.id, () => message)
  }
  if (object === 'thread.run.step') {
    const step = data as RunStep
    return withStep(snapshot, step.id, () => step)
  }
  return snapshot
}

function withMessage(
  snapshot: RunSnapshot,
  id: string,
  update: (message: Message | undefined) => Message,
): RunSnapshot {
  const messages = replaceById(snapshot.messages, id, update)
  return { ...snapshot, messages }
}

function withStep(
  snapshot: RunSnapshot,
  id: string,
  update: (step: RunStep | undefined) => RunStep,
): RunSnapshot {
  const steps = replaceById(snapshot.steps, id, update)
  return { ...snapshot, steps }
}

/** A new array with the item of `id` replaced (or appended); every other item is the same object. */
function replaceById<T extends { id: string }>(
  items: T[],
  id: string,
  update: (item: T | undefined) => T,
): T[] {
  // From the end: the item a delta targets is almost always the latest.
  let index = items.length - 1
  while (index >= 0 && items[index]!.id !== id) index--
  const next = items.slice()
  if (index === -1) next.push(update(undefined))
  else next[index] = update(items[index])
  return next
}

function applyMessageDelta(message: Message | undefined, delta: MessageDelta): Message {
  const base = message ?? stubMessage(delta.id)
  const parts = delta.delta?.content
  const role = delta.delta?.role
  if (!Array.isArray(parts) || !parts.length) return role && role !== base.role ? { ...base, role } : base
  const content = Array.isArray(base.content) ? base.content.slice() : []
  for (const part of parts) {
    // A part without a usable index has nowhere to go; dropping it beats corrupting the array.
    if (isIndex(part?.index)) content[part.index] = mergeContent(content[part.index], part)
  }
  return role ? { ...base, role, content } : { ...base, content }
}

function mergeContent(previous: MessageContent | undefined, part: MessageDeltaContent): MessageContent {
  if (part.type === 'text') {
    const text = (previous?.type === 'text' && previous.text) || { value: '', annotations: [] }
    const added = part.text?.annotations
    let annotations = Array.isArray(text.annotations) ? text.annotations : []
    if (Array.isArray(added) && added.length) {
      annotations = annotations.slice()
      for (const item of added) {
        if (!isIndex(item?.index)) continue
        const { index, ...annotation } = item
        annotations[index] = { ...annotations[index], ...annotation } as Annotation
      }
    }
    const value = part.text?.value ? text.value + part.text.value : text.value
    const merged = { ...text, value, annotations }
    return previous?.type === 'text' ? { ...previous, text: merged } : { type: 'text', text: merged }
  }
  if (part.type === 'refusal') {
    const refusal = (previous?.type === 'refusal' ? previous.refusal : '') + (part.refusal ?? '')
    return { ...previous, type: 'refusal', refusal }
  }
  // Images arrive whole; merging their fields keeps any that come in pieces.
  return mergeFields(previous, part) as MessageContent
}

function applyStepDelta(step: RunStep | undefined, delta: RunStepDelta): RunStep {
  const base = step ?? stubStep(delta.id)
  const details = delta.delta?.step_details
  if (!details) return base
  if (details.type === 'message_creation') {
    const previous =
      base.step_details?.type === 'message_creation' ? base.step_details.message_creation : undefined
    const message_creation = { message_id: '', ...previous, ...details.message_creation }
    return { ...base, step_details: { ...base.step_details, type: 'message_creation', message_creation } }
  }
  const before = base.step_details
  const calls =
    before?.type === 'tool_calls' && Array.isArray(before.tool_calls) ? before.tool_calls.slice() : []
  for (const call of Array.isArray(details.tool_calls) ? details.tool_calls : []) {
    if (isIndex(call?.index)) calls[call.index] = mergeToolCall(calls[call.index], call)
  }
  return { ...base, step_details: { ...base.step_details, type: 'tool_calls', tool_calls: calls } }
}

function mergeToolCall(previous: ToolCall | undefined, delta: ToolCallDelta): ToolCall {
  const id = delta.id ?? previous?.id ?? ''
  if (delta.type === 'function') {
    const before = previous?.type === 'function' ? previous.function : undefined
    const change = delta.function
    return {
      ...previous,
      id,
      type: 'function',
      function: {
        // The name comes once; the arguments come in pieces.
        name: change?.name ?? before?.name ?? '',
        arguments: (before?.arguments ?? '') + (change?.arguments ?? ''),
        output: change?.output ?? before?.output ?? null,
      },
    }
  }
  if (delta.type === 'code_interpreter') {
    const before = previous?.type === 'code_interpreter' ? previous.code_interpreter : undefined
    const change = delta.code_interpreter
    let outputs = Array.isArray(before?.outputs) ? before.outputs : []
    if (Array.isArray(change?.outputs) && change.outputs.length) {
      outputs = outputs.slice()
      for (const item of change.outputs) {
        if (!isIndex(item?.index)) continue
        const { index, ...output } = item
        const old = outputs[index]
        outputs[index] =
          output.type === 'logs' && old?.type === 'logs'
            ? { ...old, logs: old.logs + (output.logs ?? '') }
            : ({ ...old, ...output } as (typeof outputs)[number])
      }
    }
    return {
      ...previous,
      id,
      type: 'code_interpreter',
      code_interpreter: { input: (before?.input ?? '') + (change?.input ?? ''), outputs },
    }
  }
  const before = previous?.type === 'file_search' ? previous.file_search : undefined
  return { ...previous, id, type: 'file_search', file_search: { ...before, ...delta.file_search } }
}

function isIndex(index: unknown): index is number {
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < 1024
}

/** Shallow merge of a delta into an object, one level deep for nested objects, without `index`. */
function mergeFields(previous: object | undefined, delta: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...previous }
  for (const [key, value] of Object.entries(delta) as Array<[string, unknown]>) {
    if (key === 'index') continue
    const old = out[key]
    out[key] =
      value && typeof value === 'object' && old && typeof old === 'object' && !Array.isArray(value)
        ? { ...old, ...value }
        : value
  }
  return out
}

// A delta for an object the snapshot has not seen (a stream joined midway): a placeholder with
// the fields a delta cannot carry left empty, so that the text still shows.
function stubMessage(id: string): Message {
  return {
    id,
    object: 'thread.message',
    created_at: 0,
    thread_id: '',
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: null,
    run_id: null,
    attachments: null,
    metadata: null,
  }
}

function stubStep(id: string): RunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: 0,
    assistant_id: '',
    thread_id: '',
    run_id: '',
    type: 'tool_calls',
    status: 'in_progress',
    step_details: { type: 'tool_calls', tool_calls: [] },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: null,
    usage: null,
  }
}
