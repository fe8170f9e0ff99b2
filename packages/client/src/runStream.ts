import { applyRunEvent, emptyRunSnapshot } from './applyRunEvent.js'
import { APIConnectionError, APIError, APIUserAbortError, StreamError } from './errors.js'
import { isPollingStatus } from './poll.js'
import { SSEDecoder } from './sse/sseDecoder.js'
import { toStreamEvent } from './sse/toStreamEvent.js'
import type { Sent } from './transport.js'
import type { AssistantStreamEvent, Message, Run, RunSnapshot, RunStream } from './types.js'

const noop = () => {}

/**
 * A RunStream over the response `start` sends. The request starts at once (so that it is in
 * flight while the caller sets up), the body is read only as the events are asked for.
 */
export function createRunStream(
  start: (signal: AbortSignal) => Promise<Sent>,
  signal?: AbortSignal,
): RunStream {
  const controller = new AbortController()
  const abort = () => controller.abort()
  if (signal?.aborted) abort()
  else signal?.addEventListener('abort', abort, { once: true })

  const sent = start(controller.signal)
  // Whoever reads the stream sees a failure; nobody reading it must not be an unhandled rejection.
  sent.catch(noop)

  let snapshot = emptyRunSnapshot
  let iterator: AsyncIterator<AssistantStreamEvent> | undefined
  let settle: (error?: unknown) => void = noop
  const ended = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error))
  })
  ended.catch(noop)

  async function* read(): AsyncGenerator<AssistantStreamEvent> {
    let failure: unknown
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
    const cancel = () => reader?.cancel().catch(noop)
    try {
      const { response, release } = await sent
      try {
        if (!response.body) throw new StreamError('ended_early', 'No body')
        reader = response.body.getReader()
        // A fetch that ignores its signal still ends: cancelling the reader settles a pending read.
        controller.signal.addEventListener('abort', cancel, { once: true })
        const decoder = new SSEDecoder()
        for (;;) {
          let chunk: ReadableStreamReadResult<Uint8Array>
          try {
            chunk = await reader.read()
          } catch (cause) {
            if (controller.signal.aborted) throw new APIUserAbortError()
            throw new APIConnectionError('The stream was cut.', cause)
          }
          if (controller.signal.aborted) throw new APIUserAbortError()
          const frames = chunk.done ? decoder.end() : decoder.push(chunk.value)
          for (const frame of frames) {
            const event = toStreamEvent(frame)
            snapshot = applyRunEvent(snapshot, event)
            yield event
            if (event.event === 'error') throw new APIError(undefined, event.data, undefined)
            if (event.event === 'done') return
          }
          if (chunk.done) break
        }
        // A server closes the stream after a settled run even without [DONE] (requires_action,
        // completed...); closing while the run is still moving means the stream was lost.
        const run = snapshot.run
        if (!run || isPollingStatus(run.status)) {
          throw new StreamError(
            'ended_early',
            `The stream ended without [DONE] while the run was ${run ? run.status : 'not yet created'}`,
          )
        }
      } finally {
        controller.signal.removeEventListener('abort', cancel)
        cancel()
        release()
      }
    } catch (error) {
      failure = error
      throw error
    } finally {
      signal?.removeEventListener('abort', abort)
      // Leaving a for-await early lands here without an error: that is an abort.
      settle(failure ?? (controller.signal.aborted && !snapshot.done ? new APIUserAbortError() : undefined))
    }
  }

  function iterate(): AsyncIterator<AssistantStreamEvent> {
    if (iterator) throw new TypeError('A RunStream can be iterated only once')
    const generator = read()
    iterator = {
      next: () => generator.next(),
      return: (value?: unknown) => {
        // A generator that has not started skips its finally: abort here so the request ends too.
        abort()
        return generator.return(value).finally(() => settle(new APIUserAbortError()))
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
      if (!run) throw new StreamError('ended_early', 'No run in the stream')
      return run
    },
    finalMessages: async (): Promise<Message[]> => (await consume()).messages,
  }
}
