import {
  RunsProvider,
  responseKeys,
  responseQueryOptions,
  useResponse,
  useSuspenseResponse,
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

function ResponseView(props: { responseId: string; name?: string; pollIntervalMs?: number }) {
  const response = useResponse(
    props.responseId,
    props.pollIntervalMs !== undefined ? { pollIntervalMs: props.pollIntervalMs } : {},
  )
  return <p data-testid={props.name ?? 'response'}>{response.data?.status ?? '-'}</p>
}

function SuspenseResponse(props: { responseId: string }) {
  const response = useSuspenseResponse(props.responseId)
  return <p data-testid="response">{response.data.status}</p>
}

const gets = (h: Harness) => h.count('GET', /^\/responses\/resp_[^/]+$/)

/** Fake timers, a fresh harness, and a background response created (queued, not yet paced). */
async function queuedResponse() {
  fakeTimers()
  const h = createHarness()
  const response = await h.client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true })
  return { h, response }
}

/** Real timers, an auto-paced harness, and a background response polled to `completed`. */
async function completedResponse() {
  const h = createHarness()
  h.pace.auto()
  const created = await h.client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true })
  const response = await h.client.responses.poll(created.id)
  return { h, response }
}

describe('useResponse', () => {
  test('polls while the response is queued or in progress, by the interval; stops once it has ended', async () => {
    const { h, response } = await queuedResponse()
    expect(response.status).toBe('queued')
    render(h.wrap(<ResponseView responseId={response.id} />, { strict: false }))
    await tick(0)
    expect(gets(h)).toBe(1)
    expect(['queued', 'in_progress']).toContain(screen.getByTestId('response').textContent)
    await tick(1000)
    expect(gets(h)).toBe(2)
    await tick(1000)
    expect(gets(h)).toBe(3)
    await act(async () => {
      await h.pace.run()
    })
    await tick(1000)
    expect(screen.getByTestId('response').textContent).toBe('completed')
    expect(gets(h)).toBe(4)
    await tick(20_000)
    expect(gets(h)).toBe(4)
  })

  test('pollIntervalMs sets the pace', async () => {
    const { h, response } = await queuedResponse()
    render(h.wrap(<ResponseView responseId={response.id} pollIntervalMs={250} />, { strict: false }))
    await tick(0)
    expect(gets(h)).toBe(1)
    await tick(1000)
    expect(gets(h)).toBe(5)
  })

  test('20 subscribers of one moving response: one request per poll interval', async () => {
    const { h, response } = await queuedResponse()
    render(
      h.wrap(
        Array.from({ length: 20 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical watchers
          <ResponseView key={i} responseId={response.id} name={`response-${i}`} />
        )),
        { strict: false },
      ),
    )
    await tick(0)
    expect(gets(h)).toBe(1)
    for (let i = 1; i <= 3; i++) {
      await tick(1000)
      expect(gets(h)).toBe(1 + i)
    }
  })

  test('StrictMode: mounting sends one GET, and an ended response is not fetched again', async () => {
    const { h, response } = await completedResponse()
    const before = gets(h)
    const view = render(h.wrap(<ResponseView key="a" responseId={response.id} />, { strict: true }))
    await waitFor(() => expect(screen.getByTestId('response').textContent).toBe('completed'))
    view.rerender(h.wrap(<ResponseView key="b" responseId={response.id} />, { strict: true }))
    await act(async () => {})
    expect(gets(h) - before).toBe(1)
  })

  test('a response written into the cache shows with no request; no id means no request', async () => {
    const { h, response } = await completedResponse()
    render(
      h.wrap(
        <>
          <ResponseView responseId={response.id} />
          <ResponseView responseId="" name="none" />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('response').textContent).toBe('completed'))
    const before = h.requests.length
    await act(async () => {
      h.queryClient.setQueryData(responseKeys.detail(response.id), { ...response, status: 'cancelled' })
    })
    await waitFor(() => expect(screen.getByTestId('response').textContent).toBe('cancelled'))
    expect(screen.getByTestId('none').textContent).toBe('-')
    expect(h.requests.length).toBe(before)
  })

  test('useSuspenseResponse suspends, then shows the response', async () => {
    const { h, response } = await completedResponse()
    render(
      h.wrap(
        <Suspense fallback={<p data-testid="fallback">loading</p>}>
          <SuspenseResponse responseId={response.id} />
        </Suspense>,
      ),
    )
    expect(screen.getByTestId('fallback')).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('response').textContent).toBe('completed'))
  })

  test('prefetch on a server, dehydrate, hydrate: the page shows the response with no request', async () => {
    const { h, response } = await completedResponse()
    const server = new QueryClient()
    await server.prefetchQuery(responseQueryOptions(h.client, response.id))
    const state = JSON.parse(JSON.stringify(dehydrate(server)))
    const before = h.requests.length
    render(
      <RunsProvider client={h.client} queryClient={new QueryClient()}>
        <HydrationBoundary state={state}>
          <ResponseView responseId={response.id} />
        </HydrationBoundary>
      </RunsProvider>,
    )
    expect(screen.getByTestId('response').textContent).toBe('completed')
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10))
    })
    expect(h.requests.length).toBe(before)
  })
})
