/** Receives a run's or a response's events as they happen; it must copy what it keeps. */
export type StreamListener = (event: string, data: unknown) => void

export interface EventStreamOptions {
  /** Events already sent before this stream opened, written first, in order. */
  backlog?: ReadonlyArray<readonly [event: string, data: unknown]>
  /** The frame's data: a string as is, anything else as its JSON; null writes nothing. */
  render?: (event: string, data: unknown) => unknown
  /** The stream ends after this event (after writing it, unless render gave null). */
  isLast: (event: string) => boolean
}

/**
 * An SSE body fed by a set of listeners, subscribed at once so it misses nothing emitted next.
 * Each chunk is exactly one event: deliverBody counts chunks to apply `cut-after` and
 * `stall-after`. Cancelling the body (the client left) only unsubscribes: the work goes on, as a
 * real server's does when a client disconnects.
 */
export function eventStream(
  listeners: Set<StreamListener>,
  { backlog = [], render = (_event, data) => data, isLast }: EventStreamOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let listener: StreamListener | null = null
  const stop = () => {
    if (listener) listeners.delete(listener)
    listener = null
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      listener = (event, data) => {
        const rendered = render(event, data)
        if (rendered !== null) {
          const payload = typeof rendered === 'string' ? rendered : JSON.stringify(rendered)
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${payload}\n\n`))
        }
        if (isLast(event)) {
          stop()
          controller.close()
        }
      }
      const write = listener
      for (const [event, data] of backlog) {
        write(event, data)
        if (isLast(event)) return
      }
      listeners.add(write)
    },
    cancel: stop,
  })
}
