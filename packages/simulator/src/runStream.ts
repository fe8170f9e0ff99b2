import { renderForInclude } from './renderForInclude.js'
import type { RunListener, RunRecord } from './state.js'

/**
 * An SSE body fed by a run's events, subscribed at once so it misses nothing the caller emits
 * next. It ends after `done` or `error`. Each chunk is exactly one event: deliverBody counts
 * chunks to apply `cut-after` and `stall-after`. Cancelling the body (the client left) only
 * unsubscribes: the run goes on, as a real server's does when a client disconnects.
 */
export function runStream(rec: RunRecord, include: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let listener: RunListener | null = null
  const stop = () => {
    if (listener) rec.listeners.delete(listener)
    listener = null
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      listener = (event, data) => {
        const payload = typeof data === 'string' ? data : JSON.stringify(renderForInclude(data, include))
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${payload}\n\n`))
        if (event === 'done' || event === 'error') {
          stop()
          controller.close()
        }
      }
      rec.listeners.add(listener)
    },
    cancel: stop,
  })
}
