import { errorObject, StreamError } from '../errors.js'
import { isObject } from '../isObject.js'
import type {
  AssistantStreamEvent,
  AssistantStreamEventName,
  ErrorObject,
  KnownAssistantStreamEvent,
} from '../types.js'
import { parseDelta } from './parseDelta.js'
import type { SSEFrame } from './sseDecoder.js'

/**
 * Every documented event name but `error` and `done`, each carrying an object with an id. Keyed
 * by the names of `KnownAssistantStreamEvent`, so that a name missing here, or one the types do
 * not know, does not compile.
 */
const knownEvents: Record<Exclude<AssistantStreamEventName, 'error' | 'done'>, true> = {
  'thread.created': true,
  'thread.run.created': true,
  'thread.run.queued': true,
  'thread.run.in_progress': true,
  'thread.run.requires_action': true,
  'thread.run.completed': true,
  'thread.run.incomplete': true,
  'thread.run.failed': true,
  'thread.run.cancelling': true,
  'thread.run.cancelled': true,
  'thread.run.expired': true,
  'thread.run.step.created': true,
  'thread.run.step.in_progress': true,
  'thread.run.step.delta': true,
  'thread.run.step.completed': true,
  'thread.run.step.failed': true,
  'thread.run.step.cancelled': true,
  'thread.run.step.expired': true,
  'thread.message.created': true,
  'thread.message.in_progress': true,
  'thread.message.delta': true,
  'thread.message.completed': true,
  'thread.message.incomplete': true,
}
const known = new Set<string>(Object.keys(knownEvents))

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
  const delta = event === 'thread.message.delta' && parseDelta(data)
  if (delta) return { event, data: delta }
  const isKnown = known.has(event)
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch (cause) {
    if (isKnown || event === 'error') {
      throw new StreamError('invalid_json', `The data of a ${event} event is not JSON.`, { cause })
    }
    // An event this version does not know may carry any text: passed on as it came.
    return { event: 'unknown', name: event, data }
  }
  if (event === 'error') return { event, data: toErrorObject(parsed) }
  if (!isKnown) return { event: 'unknown', name: event, data: parsed }
  // Every known event carries an object with an id; anything else would reach the reducer as garbage.
  if (!isObject(parsed) || typeof parsed.id !== 'string') {
    throw new StreamError('invalid_event', `The data of a ${event} event is not an object with an id.`)
  }
  return { event, data: parsed } as KnownAssistantStreamEvent
}

/**
 * An error event's data as a fresh ErrorObject, the API's defaults filled in for what a server
 * left out; data that is no error object still says something, so it becomes the message.
 */
function toErrorObject(data: unknown): ErrorObject {
  const error = errorObject(data) ?? { message: JSON.stringify(data) }
  return { type: 'error', param: null, code: null, ...error }
}
