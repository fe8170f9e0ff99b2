/** Runs `flush` later; returns a function that cancels it. */
export type CommitScheduler = (flush: () => void) => () => void

/**
 * How often streamed text reaches the store (and so the screen): `'frame'` at most once per
 * animation frame (the default), a number of milliseconds, or `'event'` on every event. Status
 * changes and the end of a stream are committed at once whatever this says.
 */
export type CommitEvery = 'frame' | 'event' | number

/** One commit per animation frame; `setTimeout(16)` where there are no frames (Node, a hidden tab). */
export const frameScheduler: CommitScheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function' && typeof cancelAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => flush())
    return () => cancelAnimationFrame(id)
  }
  return intervalScheduler(16)(flush)
}

export function intervalScheduler(ms: number): CommitScheduler {
  return (flush) => {
    const id = setTimeout(flush, ms)
    return () => clearTimeout(id)
  }
}

/** The scheduler for a `commitEvery` setting; `null` means commit on every event. */
export function schedulerFor(commitEvery: CommitEvery = 'frame'): CommitScheduler | null {
  if (commitEvery === 'event') return null
  if (commitEvery === 'frame') return frameScheduler
  return intervalScheduler(commitEvery)
}
