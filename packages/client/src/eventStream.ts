import { APIConnectionError, type APIError, APITimeoutError, APIUserAbortError } from './errors.js'
import { createSSEDecoder, type SSEFrame } from './sse/sseDecoder.js'

const noop = () => {}

/** The most bytes decoded at once (a few hundred events). */
const DECODE_SLICE = 64 * 1024

/** What the next body is, once one has ended without its last event. */
export type Continuation<S> = { body: Response } | { end: S }

/** What one kind of stream (a run's, a response's) makes of the machinery below. */
export interface EventProtocol<E, S> {
  /** The snapshot before any event. */
  empty: S
  /** Frame -> typed event; what it throws fails the stream. */
  toEvent(frame: SSEFrame): E
  /** The pure reducer. */
  apply(snapshot: S, event: E): S
  /** False for an event to drop unseen (one a resumed stream sends again). Default: every event is new. */
  isNew?(snapshot: S, event: E): boolean
  /** After an event was yielded: true when it is the last; what it throws fails the stream. */
  isLast(event: E, snapshot: S): boolean
  /**
   * A body ended before its last event: cut (`cut`: the connection error, an idle timeout) or
   * closed. Gives the body to read on (a resumed stream), or the snapshot to end with; what it
   * throws fails the stream. `signal` is the stream's.
   */
  continueAfter(cut: APIError | undefined, snapshot: S, signal: AbortSignal): Promise<Continuation<S>>
}

/** The stream's machinery, for the public stream objects (RunStream, ResponseStream) to wrap. */
export interface EventStream<E, S> {
  [Symbol.asyncIterator](): AsyncIterator<E>
  snapshot(): S
  abort(): void
  /** Reads the stream to its end (if nobody iterates it) and gives the last snapshot. */
  consume(): Promise<S>
}

/**
 * The one read loop of every stream: the request `start` sends starts at once (so that it is in
 * flight while the caller sets up), the body is read only as the events are asked for, each frame
 * made an event, reduced and yielded; an abort (the caller's signal, `abort()`, leaving a
 * `for await`) ends the request, the body and the waits; a body that ends early goes to the
 * protocol, which may give another one to read on.
 */
export function createEventStream<E, S>(
  protocol: EventProtocol<E, S>,
  start: (signal: AbortSignal) => Promise<Response>,
  signal: AbortSignal | undefined,
  maxEventSize: number | undefined,
  description: string,
): EventStream<E, S> {
  const controller = new AbortController()
  const abort = () => controller.abort()
  const aborted = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal

  const sent = start(aborted)
  // Whoever reads the stream sees a failure; nobody reading it must not be an unhandled rejection.
  sent.catch(noop)

  let snapshot = protocol.empty
  let finished = false
  let iterator: AsyncIterator<E> | undefined
  // Settled once the stream is read to its end (or has failed), for consume(). Only its first
  // settlement counts: an error settles it where it is caught, before `finally`.
  let endOk: () => void = noop
  let endWith: (error: unknown) => void = noop
  const ended = new Promise<void>((resolve, reject) => {
    endOk = resolve
    endWith = reject
  })
  ended.catch(noop)

  async function* read(): AsyncGenerator<E> {
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
    try {
      let body: Response = await sent
      for (;;) {
        reader = body.body?.getReader()
        const decode = createSSEDecoder(maxEventSize)
        let cut: APIError | undefined
        // No body reads as an empty one, which the protocol judges.
        while (reader) {
          // A read that fails is the caller's abort, a silence past idleTimeoutMs, or the
          // connection cut mid-body.
          let chunk: ReadableStreamReadResult<Uint8Array>
          try {
            chunk = await reader.read()
          } catch (cause) {
            if (aborted.aborted) throw new APIUserAbortError()
            cut =
              cause instanceof APITimeoutError
                ? cause
                : new APIConnectionError('The stream was cut off before its end.', { cause })
            break
          }
          if (aborted.aborted) throw new APIUserAbortError()
          // A big read (a fast server, a replay) is decoded a slice at a time, its events given
          // out between slices: a reader that yields to the main thread (the React session) is
          // never held by one decode of megabytes. At the end (no value), the decoder gives the
          // frames it still holds.
          const bytes = chunk.value
          for (let at = 0; at < (bytes?.length ?? 1); at += DECODE_SLICE) {
            for (const frame of decode(bytes?.subarray(at, at + DECODE_SLICE))) {
              const event = protocol.toEvent(frame)
              if (protocol.isNew && !protocol.isNew(snapshot, event)) continue
              snapshot = protocol.apply(snapshot, event)
              yield event
              if (protocol.isLast(event, snapshot)) {
                finished = true
                return
              }
            }
          }
          if (chunk.done) break
        }
        reader?.cancel().catch(noop)
        reader = undefined
        const next = await protocol.continueAfter(cut, snapshot, aborted)
        if (aborted.aborted) throw new APIUserAbortError()
        if ('end' in next) {
          snapshot = next.end
          finished = true
          return
        }
        body = next.body
      }
    } catch (error) {
      endWith(error)
      throw error
    } finally {
      reader?.cancel().catch(noop)
      // Leaving a for await early lands here without an error: that is an abort.
      if (aborted.aborted && !finished) endWith(new APIUserAbortError())
      else endOk()
    }
  }

  function iterate(): AsyncIterator<E> {
    if (iterator) {
      throw new TypeError(
        `A ${description} can be iterated only once. Read its events in one for await; snapshot() and its final...() methods give what they built.`,
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

  return {
    [Symbol.asyncIterator]: iterate,
    snapshot: () => snapshot,
    abort,
    async consume() {
      if (!iterator) {
        const it = iterate()
        while (!(await it.next()).done) {}
      }
      await ended
      return snapshot
    },
  }
}
