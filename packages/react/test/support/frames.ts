import type { CommitScheduler } from '@runlens/react'
import { act } from '@testing-library/react'
import type { Harness } from './harness.js'

/**
 * A frame clock the test drives: the session's commits wait in `scheduler` until `run` lets the
 * simulator move ten ticks, then fires one frame, `rounds` times. `run` resolves with the number
 * of frames that fired (those with a commit waiting).
 */
export function manualFrames() {
  const frames: Array<() => void> = []
  const scheduler: CommitScheduler = (flush) => {
    frames.push(flush)
    return () => frames.splice(frames.indexOf(flush) >>> 0, 1)
  }
  async function run(h: Harness, rounds: number): Promise<number> {
    let fired = 0
    for (let i = 0; i < rounds; i++) {
      await act(async () => {
        await h.pace.step(10)
      })
      await act(async () => {
        const flush = frames.shift()
        if (flush) {
          fired++
          flush()
        }
      })
    }
    return fired
  }
  return { scheduler, run }
}
