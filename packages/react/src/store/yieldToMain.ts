/**
 * How long a session handles events before it gives the main thread back: a burst of thousands of
 * events (a stream read faster than it is shown, a replay after a reload) would otherwise be one
 * long task, with no input handled and nothing painted until its end. Well under the 50 ms of a
 * "long task", and a few frames' worth of events per slice.
 */
export const SLICE_MS = 12

/** How many events pass between two looks at the clock. */
export const CHECK_EVERY = 16

interface Scheduler {
  yield?: () => Promise<void>
}

/**
 * Resolves in a later task: `scheduler.yield()` where the browser has it (the continuation keeps
 * its place ahead of other work), else a message through a `MessageChannel` (a task, without
 * `setTimeout`'s clamping, and left alone by test fake timers).
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/** A clock for the slices: a monotonic one where there is, else the wall clock. */
export const sliceClock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now())
