import { errorObject, StreamError } from '../errors.js'
import { isObject } from '../isObject.js'
import type { AssistantStreamEvent, KnownAssistantStreamEvent } from '../types.js'
import { parseDelta } from './parseDelta.js'
import type { SSEFrame } from './sseDecoder.js'

// Every documented event name, as one pattern (a set spelled out costs three times the bytes):
// the run and step events share six statuses.
const known =
  /^thread\.(created|run\.((step\.)?(created|in_progress|completed|failed|cancelled|expired)|queued|requires_action|incomplete|cancelling|step\.delta)|message\.(created|in_progress|delta|completed|incomplete))$/

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
  const isKnown = known.test(event)
  let parsed: unknown = data
  try {
    parsed = JSON.parse(data)
  } catch (cause) {
    if (isKnown || event === 'error')
      throw new StreamError('invalid_json', `${event}: data is not JSON`, cause)
  }
  if (event === 'error')
    return {
      event,
      // The API's defaults for what a server may leave out; data that is no error object becomes the message.
      data: Object.assign(
        { type: 'error', param: null, code: null },
        errorObject(parsed) ?? { message: JSON.stringify(parsed) },
      ),
    }
  if (!isKnown) return { event: 'unknown', name: event, data: parsed }
  // Every known event carries an object with an id; anything else would reach the reducer as garbage.
  if (!isObject(parsed) || typeof parsed.id !== 'string')
    throw new StreamError('invalid_event', `${event}: data has no id`)
  return { event, data: parsed } as KnownAssistantStreamEvent
}
