import { isObject } from './isObject.js'
import type {
  Annotation,
  AssistantStreamEvent,
  Message,
  MessageContent,
  MessageDelta,
  Run,
  RunSnapshot,
  RunStatus,
  RunStep,
  RunStepDelta,
  TextDeltaContent,
} from './types.js'

/** The snapshot before any event. The reducer never writes to a snapshot; it makes a new one. */
export const emptyRunSnapshot: RunSnapshot = Object.freeze({
  run: null,
  messages: [],
  steps: [],
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
  const { run, messages, steps, error, done } = snapshot
  switch (event.event) {
    case 'thread.message.delta': {
      const index = indexById(messages, event.data.id)
      const next = applyMessageDelta(messages[index], event.data)
      return { run, messages: replaceAt(messages, index, next), steps, error, done }
    }
    case 'thread.run.step.delta': {
      const index = indexById(steps, event.data.id)
      const next = applyStepDelta(steps[index], event.data)
      return { run, messages, steps: replaceAt(steps, index, next), error, done }
    }
    case 'done':
      return done ? snapshot : { run, messages, steps, error, done: true }
    case 'error':
      // Already a fresh object, the API's error fields filled in (toStreamEvent).
      return { run, messages, steps, error: event.data, done }
  }
  // Every other known event carries a whole run, step or message; so may an unknown one.
  const data = event.data as Run | Message | RunStep
  const object = isObject(data) && data.object
  if (object === 'thread.run') return { run: data as Run, messages, steps, error, done }
  if (object === 'thread.message')
    return {
      run,
      messages: replaceAt(messages, indexById(messages, data.id), data as Message),
      steps,
      error,
      done,
    }
  if (object === 'thread.run.step')
    return { run, messages, steps: replaceAt(steps, indexById(steps, data.id), data as RunStep), error, done }
  return snapshot
}

/** Where the item of `id` is, or -1. From the end: a delta almost always targets the latest. */
function indexById(items: Array<{ id: string }>, id: string): number {
  let index = items.length - 1
  while (index >= 0 && items[index]!.id !== id) index--
  return index
}

/** A new array with `item` at `index` (appended for -1); every other item is the same object. */
function replaceAt<T>(items: T[], index: number, item: T): T[] {
  const next = items.slice()
  if (index === -1) next.push(item)
  else next[index] = item
  return next
}

function applyMessageDelta(message: Message | undefined, delta: MessageDelta): Message {
  // A delta for a message the snapshot has not seen (a stream joined midway): start from a
  // placeholder, so that the text still shows until the completed message replaces it.
  const base =
    message ??
    ({ id: delta.id, object: 'thread.message', role: 'assistant', content: [] } as unknown as Message)
  const parts = delta.delta?.content
  const role = delta.delta?.role
  if (!Array.isArray(parts) || !parts.length) return role && role !== base.role ? { ...base, role } : base
  const content = Array.isArray(base.content) ? base.content.slice() : []
  for (const part of parts) {
    // A part without a usable index has nowhere to go; dropping it beats corrupting the array.
    if (isIndex(part?.index)) {
      const previous = content[part.index]
      content[part.index] =
        part.type === 'text'
          ? mergeText(previous, part)
          : (merge(previous, part) as unknown as MessageContent)
    }
  }
  // Copy, then assign: V8 clones a plain spread in one step, but a literal that overrides a
  // field the spread brought takes a slow path, several times slower on the hottest line here.
  // Each spread site also stays monomorphic (no shared generic helper), for the same reason.
  const next = { ...base }
  next.content = content
  if (role) next.role = role
  return next
}

/** The hot path: text deltas, written out for speed (the generic merge is several times slower). */
function mergeText(previous: MessageContent | undefined, part: TextDeltaContent): MessageContent {
  const text = (previous?.type === 'text' && previous.text) || { value: '', annotations: [] }
  const added = part.text?.annotations
  let annotations = Array.isArray(text.annotations) ? text.annotations : []
  if (Array.isArray(added) && added.length) annotations = mergeIndexed(annotations, added) as Annotation[]
  const value = part.text?.value ? text.value + part.text.value : text.value
  const merged = { ...text }
  merged.value = value
  merged.annotations = annotations
  if (previous?.type !== 'text') return { type: 'text', text: merged }
  const next = { ...previous }
  next.text = merged
  return next
}

function applyStepDelta(step: RunStep | undefined, delta: RunStepDelta): RunStep {
  const base = step ?? ({ id: delta.id, object: 'thread.run.step' } as RunStep)
  const change = delta.delta
  return isObject(change) ? (merge(base, change) as RunStep) : base
}

/** The fields whose string deltas append to what came before; any other field is replaced. */
const appended = new Set(['value', 'arguments', 'input', 'logs', 'refusal'])

type Fields = Record<string, unknown>

/**
 * The generic delta merge behind steps, tool calls and non-text content: objects merge field by
 * field, arrays of `{ index }` items merge by that index (other arrays replace), the strings of
 * `appended` concatenate, and `index` itself is dropped. Never mutates: what changes is copied.
 */
function merge(target: unknown, delta: Fields): Fields {
  const out: Fields = isObject(target) ? { ...target } : {}
  for (const key in delta) {
    if (key === 'index') continue
    const value = delta[key]
    const old = out[key]
    if (typeof value === 'string' && typeof old === 'string' && appended.has(key)) out[key] = old + value
    else if (Array.isArray(value))
      out[key] = value.every((item) => isIndex(item?.index))
        ? mergeIndexed(Array.isArray(old) ? old : [], value)
        : value
    else out[key] = isObject(value) ? merge(old, value) : value
  }
  return out
}

function mergeIndexed(items: unknown[], deltas: Array<{ index?: unknown }>): unknown[] {
  const next = items.slice()
  for (const item of deltas) if (isIndex(item?.index)) next[item.index] = merge(next[item.index], item)
  return next
}

function isIndex(index: unknown): index is number {
  return Number.isInteger(index) && (index as number) >= 0 && (index as number) < 1024
}
