import { applyRunEvent, emptyRunSnapshot } from './applyRunEvent.js'
import { APIConnectionError, APIError, APIUserAbortError, StreamError } from './errors.js'
import { isPollingStatus } from './poll.js'
import { createSSEDecoder } from './sse/sseDecoder.js'
import { toStreamEvent } from './sse/toStreamEvent.js'
import type { AssistantStreamEvent, Message, Run, RunSnapshot, RunStream } from './types.js'

const noop = () => {}

/**
 * A RunStream over the response `start` sends. The request starts at once (so that it is in
 * flight while the caller sets up), the body is read only as the events are asked for.
 */
export function createRunStream(
  start: (signal: AbortSignal) => Promise<Response>,
  signal?: AbortSignal,
): RunStream {
  const controller = new AbortController()
  const abort = () => controller.abort()
  // Aborted by the caller's signal or by abort(): the request, the body and the waits.
  const aborted = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal

  const sent = start(aborted)
  // Whoever reads the stream sees a failure; nobody reading it must not be an unhandled rejection.
  sent.catch(noop)

  let snapshot = emptyRunSnapshot
  let iterator: AsyncIterator<AssistantStreamEvent> | undefined
  let settle: (error?: unknown) => void = noop
  const ended = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve())
  })
  ended.catch(noop)

  async function* read(): AsyncGenerator<AssistantStreamEvent> {
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
    try {
      reader = (await sent).body?.getReader()
      const decode = createSSEDecoder()
      for (;;) {
        // No body reads as an empty stream, which the check below reports. A read that fails is
        // the caller's abort, or the connection cut mid-body (never retried).
        const chunk = await reader?.read().catch((cause) => {
          throw aborted.aborted
            ? new APIUserAbortError()
            : new APIConnectionError('The body was cut off.', cause)
        })
        if (aborted.aborted) throw new APIUserAbortError()
        for (const frame of decode(chunk?.value)) {
          const event = toStreamEvent(frame)
          snapshot = applyRunEvent(snapshot, event)
          yield event
          if (event.event === 'error') throw new APIError(event.data.message, undefined, event.data)
          if (event.event === 'done') return
        }
        if (!chunk || chunk.done) break
      }
      // A server closes the stream after a settled run even without [DONE] (requires_action,
      // completed...); closing while the run is still moving means the stream was lost.
      const status = snapshot.run?.status
      if (!status || isPollingStatus(status)) {
        throw new StreamError('ended_early', `Stream ended without [DONE], run ${status ?? 'not created'}`)
      }
    } catch (error) {
      settle(error)
      throw error
    } finally {
      reader?.cancel().catch(noop)
      // Leaving a for-await early lands here without an error: that is an abort. (After an
      // error, `ended` is settled already and this does nothing.)
      settle(aborted.aborted && !snapshot.done && new APIUserAbortError())
    }
  }

  function iterate(): AsyncIterator<AssistantStreamEvent> {
    if (iterator) throw new TypeError('A RunStream can be iterated once')
    const generator = read()
    const close = generator.return.bind(generator)
    // A generator that has not started skips its finally: abort here so the request ends too.
    generator.return = (value) => {
      abort()
      return close(value).finally(() => settle(new APIUserAbortError()))
    }
    iterator = generator
    return generator
  }

  async function consume(): Promise<RunSnapshot> {
    if (!iterator) {
      const it = iterate()
      while (!(await it.next()).done) {}
    }
    await ended
    return snapshot
  }

  return {
    [Symbol.asyncIterator]: iterate,
    snapshot: () => snapshot,
    abort,
    async finalRun(): Promise<Run> {
      const { run } = await consume()
      if (run) return run
      throw new StreamError('ended_early', 'No run in the stream')
    },
    finalMessages: async (): Promise<Message[]> => (await consume()).messages,
  }
}
