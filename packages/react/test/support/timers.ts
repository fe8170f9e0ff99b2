import { notifyManager } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { vi } from 'vitest'

/**
 * Fake timers for the polling; the simulator moves only when the test steps it. React Query's
 * notifications go through microtasks meanwhile, so that they never wait on the fake clock.
 */
export function fakeTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  notifyManager.setScheduler(queueMicrotask)
}

export function realTimers(): void {
  vi.useRealTimers()
  notifyManager.setScheduler((callback) => setTimeout(callback, 0))
}

const realSetTimeout = globalThis.setTimeout

/** Advances the fake clock by `ms`, then lets responses land and React render. */
export async function tick(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
    // Reading a response body takes real macrotasks, not timers.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => realSetTimeout(resolve, 0))
      await vi.advanceTimersByTimeAsync(0)
    }
  })
}
