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
  let { run, messages, steps, error, done } = snapshot
  const data = event.data as Run | Message | RunStep
  switch (event.event) {
    case 'thread.message.delta':
      messages = put(messages, event.data.id, (message) => applyMessageDelta(message, event.data))
      break
    case 'thread.run.step.delta':
      steps = put(steps, event.data.id, (step) => applyStepDelta(step, event.data))
      break
    case 'done':
      if (done) return snapshot
      done = true
      break
    case 'error':
      // Already a fresh object, the API's error fields filled in (toStreamEvent).
      error = event.data
      break
    default:
      // Every known event but those above carries a whole run, step or message; so may an unknown one.
      if (!isObject(data)) return snapshot
      if (data.object === 'thread.run') run = data as Run
      else if (data.object === 'thread.message') messages = put(messages, data.id, () => data as Message)
      else if (data.object === 'thread.run.step') steps = put(steps, data.id, () => data as RunStep)
      else return snapshot
  }
  // One literal for every change, built the same way: one shape for V8, whatever the event.
  return { run, messages, steps, error, done }
}

/**
 * A new array where the item of `id` (searched from the end: a delta almost always targets the
 * latest) is replaced by `update(item)`, or `update(undefined)` appended; every other item is
 * the same object.
 */
function put<T extends { id: string }>(items: T[], id: string, update: (item: T | undefined) => T): T[] {
  let index = items.length - 1
  while (index >= 0 && items[index]!.id !== id) index--
  const next = items.slice()
  next[index < 0 ? items.length : index] = update(items[index])
  return next
}

function applyMessageDelta(message: Message | undefined, delta: MessageDelta): Message {
  // Copy, then assign: V8 clones a plain spread in one step, but a literal that overrides a
  // field the spread brought takes a slow path, several times slower on the hottest line here.
  // Each spread site also stays monomorphic (no shared generic helper), for the same reason.
  const next = {
    // A delta for a message the snapshot has not seen (a stream joined midway): start from a
    // placeholder, so that the text still shows until the completed message replaces it.
    ...(message ??
      ({ id: delta.id, object: 'thread.message', role: 'assistant', content: [] } as unknown as Message)),
  }
  const { content, role } = delta.delta ?? {}
  if (Array.isArray(content)) {
    const parts = Array.isArray(next.content) ? next.content.slice() : []
    for (const part of content) {
      // A part without a usable index has nowhere to go; dropping it beats corrupting the array.
      if (isIndex(part?.index))
        parts[part.index] =
          part.type === 'text'
            ? mergeText(parts[part.index], part)
            : (merge(parts[part.index], part) as unknown as MessageContent)
    }
    next.content = parts
  }
  if (role) next.role = role
  return next
}

/** The hot path: text deltas, written out for speed (the generic merge is several times slower). */
function mergeText(previous: MessageContent | undefined, part: TextDeltaContent): MessageContent {
  const text = (previous?.type === 'text' && previous.text) || { value: '', annotations: [] }
  const added = part.text?.annotations
  const merged = { ...text }
  merged.value = text.value + (part.text?.value || '')
  merged.annotations = Array.isArray(text.annotations) ? text.annotations : []
  if (Array.isArray(added)) merged.annotations = mergeIndexed(merged.annotations, added) as Annotation[]
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
