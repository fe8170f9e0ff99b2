import { APITimeoutError } from './errors.js'

/** How long a response body may stay silent before it fails: two minutes. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000

/**
 * `body`, failing with `APITimeoutError` when a read waits longer than `ms` for its next chunk.
 * The clock runs only while someone reads (a pull pending, high-water mark 0): a stream left
 * unread is not "silent". One timer at a time, cleared by the chunk, the end, an error or a cancel,
 * so nothing is left to keep a process alive.
 */
export function withIdleTimeout(body: ReadableStream<Uint8Array>, ms: number): ReadableStream<Uint8Array> {
  const source = body.getReader()
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = () => clearTimeout(timer)
  return new ReadableStream<Uint8Array>(
    {
      pull: (controller) =>
        new Promise<void>((resolve) => {
          // The first of the chunk and the timer wins; the other finds the pull settled.
          let settled = false
          const settle = (act: () => void) => {
            if (settled) return
            settled = true
            stop()
            try {
              act()
            } catch {
              // The reader cancelled meanwhile: the stream takes nothing more.
            }
            resolve()
          }
          timer = setTimeout(
            () =>
              settle(() => {
                controller.error(new APITimeoutError())
                source.cancel().catch(() => {})
              }),
            Math.min(ms, 2 ** 31 - 1),
          )
          source.read().then(
            ({ done, value }) => settle(() => (done ? controller.close() : controller.enqueue(value))),
            (error: unknown) => settle(() => controller.error(error)),
          )
        }),
      cancel: (reason) => {
        stop()
        return source.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
