import { useRun } from '@runlens/react'
import { cleanup, render } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { createHarness, type Harness } from '../support/harness.js'
import { fakeTimers, realTimers, tick } from '../support/timers.js'

// In a file of its own: the server's hints are kept per run for the whole module.

afterEach(() => {
  cleanup()
  realTimers()
})

function RunView(props: { threadId: string; runId: string; pollIntervalMs?: number }) {
  const run = useRun(
    props.threadId,
    props.runId,
    props.pollIntervalMs !== undefined ? { pollIntervalMs: props.pollIntervalMs } : {},
  )
  return <p>{run.data?.status ?? '-'}</p>
}

const gets = (h: Harness) => h.count('GET', /\/runs\/run_[^/]+$/)

test("the server's openai-poll-after-ms sets the pace, with a plain client", async () => {
  fakeTimers()
  const h = createHarness({ sim: { pollAfterMs: 300 } })
  const threadId = await h.thread()
  const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('text') })
  render(h.wrap(<RunView threadId={threadId} runId={run.id} />, { strict: false }))
  await tick(0)
  expect(gets(h)).toBe(1)
  await tick(900)
  expect(gets(h)).toBe(4)
  // The caller's pollIntervalMs wins over the server's hint.
  cleanup()
  render(h.wrap(<RunView threadId={threadId} runId={run.id} pollIntervalMs={100} />, { strict: false }))
  await tick(0)
  const before = gets(h)
  await tick(1000)
  expect(gets(h) - before).toBe(10)
})
