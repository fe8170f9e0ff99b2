import { applyRunEvent, emptyRunSnapshot } from './applyRunEvent.js'
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, StreamError } from './errors.js'
import { isPollingStatus } from './poll.js'
import { createSSEDecoder } from './sse/sseDecoder.js'
import { toStreamEvent } from './sse/toStreamEvent.js'
import type { Transport, TransportRequest } from './transport.js'
import type { AssistantStreamEvent, Message, RequestOptions, Run, RunSnapshot, RunStream } from './types.js'

const noop = () => {}

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
 * A RunStream over the response `start` sends. The request starts at once (so that it is in
 * flight while the caller sets up), the body is read only as the events are asked for.
 */
export function createRunStream(
  start: (signal: AbortSignal) => Promise<Response>,
  signal?: AbortSignal,
  maxEventSize?: number,
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
  // Settled once the stream is read to its end (or has failed), for finalRun() and finalMessages().
  // Only its first settlement counts: an error settles it where it is caught, before `finally`.
  let endOk: () => void = noop
  let endWith: (error: unknown) => void = noop
  const ended = new Promise<void>((resolve, reject) => {
    endOk = resolve
    endWith = reject
  })
  ended.catch(noop)

  async function* read(): AsyncGenerator<AssistantStreamEvent> {
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
    try {
      reader = (await sent).body?.getReader()
      const decode = createSSEDecoder(maxEventSize)
      // No body reads as an empty stream, which the check after the loop reports.
      while (reader) {
        // A read that fails is the caller's abort, a silence past idleTimeoutMs, or the connection
        // cut mid-body (never retried).
        const chunk = await reader.read().catch((cause) => {
          if (aborted.aborted) throw new APIUserAbortError()
          if (cause instanceof APITimeoutError) throw cause
          throw new APIConnectionError('The stream was cut off before its end.', { cause })
        })
        if (aborted.aborted) throw new APIUserAbortError()
        // At the end (no value), the decoder gives the frames it still holds.
        for (const frame of decode(chunk.value)) {
          const event = toStreamEvent(frame)
          snapshot = applyRunEvent(snapshot, event)
          yield event
          if (event.event === 'error') throw new APIError(event.data.message, { error: event.data })
          if (event.event === 'done') return
        }
        if (chunk.done) break
      }
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
    } catch (error) {
      endWith(error)
      throw error
    } finally {
      reader?.cancel().catch(noop)
      // Leaving a for await early lands here without an error: that is an abort.
      if (aborted.aborted && !snapshot.done) endWith(new APIUserAbortError())
      else endOk()
    }
  }

  function iterate(): AsyncIterator<AssistantStreamEvent> {
    if (iterator) {
      throw new TypeError(
        'A RunStream can be iterated only once. Read its events in one for await; snapshot(), finalRun() and finalMessages() give what they built.',
      )
    }
    const generator = read()
    iterator = {
      next: () => generator.next(),
      // Leaving a for await early. A generator that has not started skips its finally: abort
      // here, so that the request ends too.
      return: (value?: unknown) => {
        abort()
        return generator.return(value).finally(() => endWith(new APIUserAbortError()))
      },
    }
    return iterator
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
      throw new StreamError(
        'ended_early',
        'The stream ended without any thread.run event: there is no run to give.',
      )
    },
    finalMessages: async (): Promise<Message[]> => (await consume()).messages,
  }
}
