import { renderForInclude } from './renderForInclude.js'
import type { RunListener, RunRecord } from './state.js'

export interface StreamFaults {
  cutAfter?: number | undefined
  stallAfter?: number | undefined
}

/**
 * An SSE body fed by a run's events, subscribed at once so it misses nothing the caller emits
 * next. It ends after `done` or `error`, or early for a `cut-after` fault; a `stall-after` fault
 * keeps it open and silent. Cancelling the body (or aborting the request) only unsubscribes: the
 * run goes on, as a real server's does when a client disconnects.
 */
export function runStream(
  rec: RunRecord,
  include: readonly string[],
  faults: StreamFaults,
  signal: AbortSignal | null,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let listener: RunListener | null = null
  const stop = () => {
    if (listener) rec.listeners.delete(listener)
    listener = null
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let sent = 0
      listener = (event, data) => {
        if (faults.stallAfter !== undefined && sent >= faults.stallAfter) return
        const payload = typeof data === 'string' ? data : JSON.stringify(renderForInclude(data, include))
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${payload}\n\n`))
        sent++
        const cut = faults.cutAfter !== undefined && sent >= faults.cutAfter
        if (event === 'done' || event === 'error' || cut) {
          stop()
          controller.close()
        }
      }
      rec.listeners.add(listener)
      signal?.addEventListener(
        'abort',
        () => {
          stop()
          try {
            controller.error(new DOMException('This operation was aborted', 'AbortError'))
          } catch {
            // Already closed: nothing left to abort.
          }
        },
        { once: true },
      )
    },
    cancel: stop,
  })
}
