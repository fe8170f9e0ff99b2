import {
  RunsProvider,
  runKeys,
  runListInfiniteQueryOptions,
  runQueryOptions,
  useRun,
  useRunList,
  useRunSteps,
  useSuspenseRun,
} from '@runlens/react'
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../support/harness.js'
import { fakeTimers, realTimers, tick } from '../support/timers.js'

afterEach(() => {
  cleanup()
  realTimers()
})

function RunView(props: { threadId: string; runId: string; name?: string; pollIntervalMs?: number }) {
  const run = useRun(
    props.threadId,
    props.runId,
    props.pollIntervalMs !== undefined ? { pollIntervalMs: props.pollIntervalMs } : {},
  )
  return <p data-testid={props.name ?? 'run'}>{run.data?.status ?? '-'}</p>
}

function StepsView(props: { threadId: string; runId: string }) {
  const steps = useRunSteps(props.threadId, props.runId)
  return (
    <p data-testid="steps">{steps.data?.map((step) => `${step.type}:${step.status}`).join(',') ?? '-'}</p>
  )
}

function SuspenseRun(props: { threadId: string; runId: string }) {
  const run = useSuspenseRun(props.threadId, props.runId)
  return <p data-testid="run">{run.data.status}</p>
}

function Rows(props: { threadId: string }) {
  const list = useRunList(props.threadId)
  return <p data-testid="rows">{list.runs.map((run) => run.status).join(',')}</p>
}

const gets = (h: Harness) => h.count('GET', /\/runs\/run_[^/]+$/)

/** Fake timers, a fresh harness and thread, and a run created (not yet paced) with `assistant`. */
async function startRun(assistant: 'text' | 'function_call') {
  fakeTimers()
  const h = createHarness()
  const threadId = await h.thread()
  const run = await h.client.runs.create(threadId, { assistant_id: h.assistant(assistant) })
  return { h, threadId, run }
}

/** Real timers, an auto-paced harness, and a text run already polled to `completed`. */
async function completedRun() {
  const h = createHarness()
  h.pace.auto()
  const threadId = await h.thread()
  const run = await h.client.runs.createAndPoll(threadId, { assistant_id: h.assistant('text') })
  return { h, threadId, run }
}

describe('useRun', () => {
  test('polls while the run is active, by the interval; stops once it is final', async () => {
    const { h, threadId, run } = await startRun('text')
    render(h.wrap(<RunView threadId={threadId} runId={run.id} />, { strict: false }))
    await tick(0)
    expect(screen.getByTestId('run').textContent).toBe('queued')
    expect(gets(h)).toBe(1)
    await tick(1000)
    expect(gets(h)).toBe(2)
    await tick(1000)
    expect(gets(h)).toBe(3)
    await act(async () => {
      await h.pace.run()
    })
    await tick(1000)
    expect(screen.getByTestId('run').textContent).toBe('completed')
    expect(gets(h)).toBe(4)
    await tick(20_000)
    expect(gets(h)).toBe(4)
  })

  test('StrictMode: mounting sends one GET', async () => {
    const { h, threadId, run } = await completedRun()
    const before = gets(h)
    render(h.wrap(<RunView threadId={threadId} runId={run.id} />, { strict: true }))
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('completed'))
    expect(gets(h) - before).toBe(1)
  })

  test('stops polling at requires_action', async () => {
    const { h, threadId, run } = await startRun('function_call')
    await h.pace.run()
    render(h.wrap(<RunView threadId={threadId} runId={run.id} />, { strict: false }))
    await tick(0)
    expect(screen.getByTestId('run').textContent).toBe('requires_action')
    await tick(20_000)
    expect(gets(h)).toBe(1)
  })

  test('pollIntervalMs sets the pace', async () => {
    const { h, threadId, run } = await startRun('text')
    render(h.wrap(<RunView threadId={threadId} runId={run.id} pollIntervalMs={250} />, { strict: false }))
    await tick(0)
    expect(gets(h)).toBe(1)
    await tick(1000)
    expect(gets(h)).toBe(5)
  })

  test('20 subscribers of one active run: one request per poll interval', async () => {
    const { h, threadId, run } = await startRun('text')
    render(
      h.wrap(
        Array.from({ length: 20 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical watchers
          <RunView key={i} threadId={threadId} runId={run.id} name={`run-${i}`} />
        )),
        { strict: false },
      ),
    )
    await tick(0)
    expect(gets(h)).toBe(1)
    for (let i = 1; i <= 5; i++) {
      await tick(1000)
      expect(gets(h)).toBe(1 + i)
    }
    expect(screen.getByTestId('run-19').textContent).toBe('queued')
  })

  test('a run written by anyone shows in useRun and in the list rows, with no request', async () => {
    const { h, threadId, run } = await completedRun()
    render(
      h.wrap(
        <>
          <RunView threadId={threadId} runId={run.id} />
          <Rows threadId={threadId} />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('completed'))
    const before = h.requests.length
    await act(async () => {
      h.queryClient.setQueryData(runKeys.detail(threadId, run.id), { ...run, status: 'expired' })
    })
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('expired'))
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('expired'))
    expect(h.requests.length).toBe(before)
  })

  test('useSuspenseRun suspends, then shows the run', async () => {
    const { h, threadId, run } = await completedRun()
    render(
      h.wrap(
        <Suspense fallback={<p data-testid="fallback">loading</p>}>
          <SuspenseRun threadId={threadId} runId={run.id} />
        </Suspense>,
      ),
    )
    expect(screen.getByTestId('fallback')).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('completed'))
  })

  test('prefetch on a server, dehydrate, hydrate: the page shows the run and the list with no request', async () => {
    const { h, threadId, run } = await completedRun()
    const server = new QueryClient()
    await server.prefetchQuery(runQueryOptions(h.client, threadId, run.id))
    await server.prefetchInfiniteQuery(runListInfiniteQueryOptions(h.client, threadId))
    const state = JSON.parse(JSON.stringify(dehydrate(server)))
    const before = h.requests.length
    const browser = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } })
    render(
      <RunsProvider client={h.client} queryClient={browser}>
        <HydrationBoundary state={state}>
          <RunView threadId={threadId} runId={run.id} />
          <Rows threadId={threadId} />
        </HydrationBoundary>
      </RunsProvider>,
    )
    expect(screen.getByTestId('run').textContent).toBe('completed')
    expect(screen.getByTestId('rows').textContent).toBe('completed')
    await act(async () => {
      await h.pace.run()
    })
    expect(h.requests.length).toBe(before)
  })
})

describe('useRunSteps', () => {
  test("a settled run's steps are cached for good: 1000 mounts, one request", async () => {
    const { h, threadId, run } = await completedRun()
    h.queryClient.setQueryData(runKeys.detail(threadId, run.id), run)
    // Ten rounds of 100 new components (new keys: each one mounts), after the first one's read.
    const page = (round: number, count: number) =>
      h.wrap(
        Array.from({ length: count }, (_, i) => `${round}-${i}`).map((name) => (
          <StepsView key={name} threadId={threadId} runId={run.id} />
        )),
        { strict: false },
      )
    const view = render(page(0, 1))
    await waitFor(() => expect(screen.getByTestId('steps').textContent).toBe('message_creation:completed'))
    for (let round = 1; round <= 10; round++) {
      view.rerender(page(round, 100))
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0))
      })
    }
    expect(screen.getAllByTestId('steps')).toHaveLength(100)
    expect(h.count('GET', /\/steps$/)).toBe(1)
  })

  test('steps read while the run still moved are read once more after it settled, then kept', async () => {
    const { h, threadId, run } = await completedRun()
    const key = runKeys.steps(threadId, run.id)
    // Steps the cache got mid-run (no step yet), then the settled run.
    h.queryClient.setQueryData(key, [])
    await new Promise((resolve) => setTimeout(resolve, 2))
    h.queryClient.setQueryData(runKeys.detail(threadId, run.id), run)
    const page = (i: number) => h.wrap(<StepsView key={i} threadId={threadId} runId={run.id} />)
    const view = render(page(0))
    await waitFor(() => expect(screen.getByTestId('steps').textContent).toBe('message_creation:completed'))
    for (let i = 1; i <= 20; i++) {
      view.rerender(page(i))
      await act(async () => {})
    }
    expect(h.count('GET', /\/steps$/)).toBe(1)
  })

  test('refreshed while the run is active, then no more', async () => {
    const { h, threadId, run } = await startRun('text')
    render(
      h.wrap(
        <>
          <RunView threadId={threadId} runId={run.id} />
          <StepsView threadId={threadId} runId={run.id} />
        </>,
        { strict: false },
      ),
    )
    await tick(0)
    const stepGets = () => h.count('GET', /\/steps$/)
    expect(stepGets()).toBe(1)
    await tick(1000)
    expect(stepGets()).toBe(2)
    await act(async () => {
      await h.pace.run()
    })
    await tick(1000)
    await tick(1000)
    expect(screen.getByTestId('run').textContent).toBe('completed')
    expect(screen.getByTestId('steps').textContent).toBe('message_creation:completed')
    const settled = stepGets()
    await tick(20_000)
    expect(stepGets()).toBe(settled)
  })
})
