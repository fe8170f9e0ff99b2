import { isObject } from './isObject.js'
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
  TextDeltaContent,
} from './types.js'

/**
 * The snapshot before any event, shared by every stream: the reducer never writes to a snapshot
 * (it makes a new one), and neither may its callers.
 */
export const emptyRunSnapshot: Readonly<RunSnapshot> = {
  run: null,
  messages: [],
  steps: [],
  error: null,
  done: false,
}

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
      messages = put(messages, event.data, applyMessageDelta)
      break
    case 'thread.run.step.delta':
      steps = put(steps, event.data, applyStepDelta)
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
      else if (data.object === 'thread.message') messages = put(messages, data as Message, replace)
      else if (data.object === 'thread.run.step') steps = put(steps, data as RunStep, replace)
      else return snapshot
  }
  // One literal for every change, built the same way: one shape for V8, whatever the event.
  return { run, messages, steps, error, done }
}

/**
 * A new array where the item with the id of `change` (searched from the end: a delta almost
 * always targets the latest) is replaced by `update(item, change)`, or `update(undefined,
 * change)` appended; every other item is the same object. `update` is given `change` rather than
 * closing over it: no function is made per event.
 */
function put<T extends { id: string }, C extends { id: string }>(
  items: T[],
  change: C,
  update: (item: T | undefined, change: C) => T,
): T[] {
  let index = items.length - 1
  while (index >= 0 && items[index]!.id !== change.id) index--
  const next = items.slice()
  next[index < 0 ? items.length : index] = update(items[index], change)
  return next
}

/** A whole message or step, as the server sent it, takes the place of what the snapshot had. */
const replace = <T>(_: T | undefined, item: T) => item

/**
 * A message with a delta's content and role merged in. A delta for a message the snapshot has not
 * seen (a stream joined midway) starts from a placeholder, so that its text still shows until the
 * whole message arrives; `applyStepDelta` does the same for steps.
 */
function applyMessageDelta(message: Message | undefined, { id, delta }: MessageDelta): Message {
  // Copy, then assign: V8 clones a plain spread in one step, but a literal that overrides a
  // field the spread brought takes a slow path, several times slower on the hottest line here.
  // This spread site also stays monomorphic (messages only), for the same reason.
  const next = {
    ...(message ?? ({ id, object: 'thread.message', role: 'assistant', content: [] } as unknown as Message)),
  }
  if (Array.isArray(delta?.content))
    next.content = mergeIndexed(
      Array.isArray(next.content) ? next.content : [],
      delta.content,
      mergePart,
    ) as MessageContent[]
  if (delta?.role) next.role = delta.role
  return next
}

function applyStepDelta(step: RunStep | undefined, { id, delta }: RunStepDelta): RunStep {
  const base = step ?? ({ id, object: 'thread.run.step' } as RunStep)
  return isObject(delta) ? (merge(base, delta) as RunStep) : base
}

const mergePart = (previous: unknown, part: MessageDeltaContent) =>
  part.type === 'text' ? mergeText(previous as MessageContent | undefined, part) : merge(previous, part)

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

/** Merges each delta into the item at its index; a delta without a usable index has nowhere to go. */
function mergeIndexed<D extends Fields>(
  items: unknown[],
  deltas: D[],
  mergeItem: (item: unknown, delta: D) => unknown = merge,
): unknown[] {
  const next = items.slice()
  for (const delta of deltas)
    if (isIndex(delta?.index)) next[delta.index] = mergeItem(next[delta.index], delta)
  return next
}

function isIndex(index: unknown): index is number {
  return Number.isInteger(index) && (index as number) >= 0 && (index as number) < 1024
}
