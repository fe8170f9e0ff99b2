import { ConnectionReset } from './connectionReset.js'

/** What can go wrong between the simulator and one client, once the response has started. */
export interface WireFaults {
  /** SSE only: end after this many events, with no terminal event and no [DONE]. */
  cutAfter?: number | undefined
  /** SSE only: stop after this many events and stay open and silent. */
  stallAfter?: number | undefined
  /** Fail with a connection reset after this many bytes (at the end if the body is shorter). */
  resetAfterBytes?: number | undefined
}

/** A pull that never settles: a stalled stream asks its source for nothing more. */
const stalled = new Promise<void>(() => {})

/**
 * One client's copy of a response body, with this request's wire faults applied and its abort
 * signal honoured. The faults live here, not where the run's events are written, so that they hit
 * one delivery only: the run goes on, and a replay of an idempotent request is whole again.
 *
 * `events`: the body is an SSE stream whose every chunk is one event (as runStream writes them and
 * the idempotency recording keeps them), so counting chunks counts events.
 */
export function deliverBody(
  body: ReadableStream<Uint8Array> | null,
  { events, faults, signal }: { events: boolean; faults: WireFaults; signal: AbortSignal | null },
): ReadableStream<Uint8Array> {
  const source = (body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })).getReader()
  let sentEvents = 0
  let sentBytes = 0
  let finished = false
  const release = () => {
    finished = true
    signal?.removeEventListener('abort', onAbort)
    source.cancel().catch(() => {})
  }
  let controller: ReadableStreamDefaultController<Uint8Array>
  const onAbort = () => {
    if (finished) return
    release()
    controller.error(new DOMException('This operation was aborted', 'AbortError'))
  }
  const { cutAfter, stallAfter, resetAfterBytes } = faults

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
      if (signal?.aborted) onAbort()
      else signal?.addEventListener('abort', onAbort, { once: true })
    },
    async pull(c) {
      if (events && cutAfter !== undefined && sentEvents >= cutAfter) {
        release()
        c.close()
        return
      }
      if (events && stallAfter !== undefined && sentEvents >= stallAfter) {
        // Open and silent until the client leaves (an abort errors it, a cancel ends it).
        source.cancel().catch(() => {})
        return stalled
      }
      // Checked before the next read, so the last chunk reaches the client before the error.
      if (resetAfterBytes !== undefined && sentBytes >= resetAfterBytes) {
        release()
        c.error(new ConnectionReset('in-body'))
        return
      }
      let next: ReadableStreamReadResult<Uint8Array>
      try {
        next = await source.read()
      } catch (error) {
        if (finished) return
        release()
        c.error(error)
        return
      }
      // Aborted or cancelled while waiting: the stream is already settled.
      if (finished) return
      if (next.done) {
        release()
        if (resetAfterBytes !== undefined) c.error(new ConnectionReset('in-body'))
        else c.close()
        return
      }
      const room = resetAfterBytes === undefined ? next.value.length : resetAfterBytes - sentBytes
      const chunk = next.value.length > room ? next.value.subarray(0, room) : next.value
      sentEvents++
      sentBytes += chunk.length
      c.enqueue(chunk)
    },
    cancel() {
      if (!finished) release()
    },
  })
}
