import { eventStream } from './eventStream.js'
import { renderForInclude } from './renderForInclude.js'
import type { RunRecord } from './state.js'

/** A run's SSE body: its events from now on, ending after `done` or `error`. */
export function runStream(rec: RunRecord, include: readonly string[]): ReadableStream<Uint8Array> {
  return eventStream(rec.listeners, {
    render: (_event, data) => (typeof data === 'string' ? data : renderForInclude(data, include)),
    isLast: (event) => event === 'done' || event === 'error',
  })
}
