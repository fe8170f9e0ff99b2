'use client'

import { useEffect, useState } from 'react'

/**
 * The current time in ms, re-read every `tickMs` while `enabled`. The clock is injected so that
 * tests and stories show a fixed moment and never wait.
 */
export function useNow(enabled: boolean, now: () => number = Date.now, tickMs = 1000): number {
  const [time, setTime] = useState(now)
  useEffect(() => {
    if (!enabled) return
    setTime(now())
    const id = setInterval(() => setTime(now()), tickMs)
    return () => clearInterval(id)
  }, [enabled, now, tickMs])
  return enabled ? time : now()
}
