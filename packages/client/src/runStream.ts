import { applyRunEvent, emptyRunSnapshot } from './applyRunEvent.js'
import { APIError, StreamError } from './errors.js'
import { createEventStream, type EventProtocol } from './eventStream.js'
import { isPollingStatus } from './poll.js'
import { toStreamEvent } from './sse/toStreamEvent.js'
import type { Transport, TransportRequest } from './transport.js'
import type { AssistantStreamEvent, Message, RequestOptions, Run, RunSnapshot, RunStream } from './types.js'

/**
 * A RunStream of the request `build` gives, sent with `stream: true`. `build` is called inside
 * the stream's start, so that a param it rejects surfaces where the stream is read, like any
 * other failure of the request, rather than as a throw from the method that made the stream.
 */
export function streamRun(
  transport: Transport,
  build: () => TransportRequest,
  opts: RequestOptions | undefined,
): RunStream {
  return createRunStream(
    async (signal) => transport.request({ ...build(), stream: true, options: { ...opts, signal } }),
    opts?.signal,
    transport.maxEventSize,
  )
}

/**
 * A run's stream: `[DONE]` ends it, an `error` event fails it once yielded. A body cut mid-way is
 * never retried (the run went on without us: follow it with runs.poll()).
 */
const runProtocol: EventProtocol<AssistantStreamEvent, RunSnapshot> = {
  empty: emptyRunSnapshot,
  toEvent: toStreamEvent,
  apply: applyRunEvent,
  isLast(event) {
    if (event.event === 'error') throw new APIError(event.data.message, { error: event.data })
    return event.event === 'done'
  },
  async continueAfter(cut, snapshot) {
    if (cut) throw cut
    // A server closes the stream after a settled run even without [DONE] (requires_action,
    // completed...); closing while the run is still moving means the stream was lost.
    const status = snapshot.run?.status
    if (!status) {
      throw new StreamError(
        'ended_early',
        'The stream ended without [DONE] before any run event: the run may not have been created.',
      )
    }
    if (isPollingStatus(status)) {
      throw new StreamError(
        'ended_early',
        `The stream ended without [DONE] while the run was still ${status}: the connection was ` +
          'probably lost. Follow the run with runs.poll() or runs.retrieve().',
      )
    }
    return { end: snapshot }
  },
}

/** A RunStream over the response `start` sends. */
export function createRunStream(
  start: (signal: AbortSignal) => Promise<Response>,
  signal?: AbortSignal,
  maxEventSize?: number,
): RunStream {
  const stream = createEventStream(runProtocol, start, signal, maxEventSize, 'RunStream')
  return {
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
    snapshot: stream.snapshot,
    abort: stream.abort,
    async finalRun(): Promise<Run> {
      const { run } = await stream.consume()
      if (run) return run
      throw new StreamError(
        'ended_early',
        'The stream ended without any thread.run event: there is no run to give.',
      )
    },
    finalMessages: async (): Promise<Message[]> => (await stream.consume()).messages,
  }
}
