import { StreamError } from '../errors.js'
import type { AssistantStreamEvent, ErrorObject, KnownAssistantStreamEvent } from '../types.js'
import type { SSEFrame } from './frameAssembler.js'

const known = new Set<string>([
  'thread.created',
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelling',
  'thread.run.cancelled',
  'thread.run.expired',
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.delta',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.message.incomplete',
])

/**
 * Frame -> typed event. `[DONE]` is the end whatever the event name; `error` data is normalised
 * to a bare ErrorObject (servers send it bare or wrapped in `error`); a name this version does
 * not know becomes `{ event: 'unknown', name, data }` with its data parsed when it is JSON.
 * Invalid JSON in a known event, or JSON that is not an object with an id, is a `StreamError`:
 * the protocol promises one there.
 */
export function toStreamEvent(frame: SSEFrame): AssistantStreamEvent {
  const { event, data } = frame
  if (data === '[DONE]') return { event: 'done', data: '[DONE]' }
  const isKnown = known.has(event)
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch (cause) {
    if (isKnown || event === 'error') {
      throw new StreamError('invalid_json', `The data of a "${event}" event is not JSON`, cause)
    }
    return { event: 'unknown', name: event, data }
  }
  if (event === 'error') return { event: 'error', data: toErrorObject(parsed) }
  if (isKnown) {
    // Every known event carries an object with an id; anything else would reach the reducer as garbage.
    if (!isObject(parsed) || typeof parsed.id !== 'string') {
      throw new StreamError('invalid_event', `The data of a "${event}" event is not an object with an id`)
    }
    return { event, data: parsed } as KnownAssistantStreamEvent
  }
  return { event: 'unknown', name: event, data: parsed }
}

function toErrorObject(data: unknown): ErrorObject {
  const inner = isObject(data) && isObject(data.error) ? data.error : data
  if (isObject(inner) && typeof inner.message === 'string') {
    return { type: 'error', param: null, code: null, ...inner } as ErrorObject
  }
  return { message: JSON.stringify(data), type: 'error', param: null, code: null }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
