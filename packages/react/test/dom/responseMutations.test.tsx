import {
  type UseCancelResponseResult,
  useCancelResponse,
  useCreateResponse,
  useResponse,
  useResponseStream,
} from '@runlens/react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../support/harness.js'

afterEach(() => cleanup())

async function stepUntil(h: Harness, done: () => boolean, rounds = 2000): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    await act(async () => {
      await h.pace.step(1)
    })
  }
  if (!done()) throw new Error(`stepUntil: condition not met after ${rounds} rounds`)
}

let cancel: UseCancelResponseResult | null = null
/** What `Shown` rendered first: the cache had the response before any retrieve, or not. */
let firstShown: string | null = null

/** Creates a background response on mount, shows it through useResponse, and offers its cancel. */
function Background(props: { model: string }) {
  const create = useCreateResponse()
  const { mutate } = create
  useEffect(() => {
    mutate({ model: props.model, input: 'Hi', background: true })
  }, [mutate, props.model])
  const id = create.data?.id ?? ''
  return id ? <Shown responseId={id} /> : <p data-testid="status">-</p>
}

function Shown(props: { responseId: string }) {
  const { data } = useResponse(props.responseId, { pollIntervalMs: 10 })
  cancel = useCancelResponse(props.responseId)
  firstShown ??= data?.status ?? '-'
  return <p data-testid="status">{data?.status ?? '-'}</p>
}

const status = () => screen.getByTestId('status').textContent

let liveId: string | null = null
let cancelling: UseCancelResponseResult | null = null

/** Streams a long response and mounts a canceller of it once its id is known. */
function Live() {
  const stream = useResponseStream({ commitEvery: 'event' })
  liveId = stream.responseId
  const { start } = stream
  useEffect(() => {
    void start({ model: 'sim-slow', input: 'A long story' })
  }, [start])
  return (
    <>
      <p data-testid="status">{stream.state.status ?? '-'}</p>
      {stream.responseId && <Canceller responseId={stream.responseId} />}
    </>
  )
}

function Canceller(props: { responseId: string }) {
  cancelling = useCancelResponse(props.responseId)
  return null
}

describe('useCreateResponse and useCancelResponse', () => {
  test('a created background response is in the cache at once, then polled to its end', async () => {
    const h = createHarness()
    firstShown = null
    render(h.wrap(<Background model="gpt-4o" />, { strict: false }))
    await stepUntil(h, () => status() !== '-')
    // The mutation's answer was written to the cache: the first render shows it, before any retrieve.
    expect(firstShown).toBe('queued')
    expect(h.count('POST', /^\/responses$/)).toBe(1)
    await stepUntil(h, () => status() === 'completed')
    expect(h.count('GET', /^\/responses\/resp_/)).toBeGreaterThan(0)
  })

  test('cancel without a live session: one cancel request, the cache says cancelled', async () => {
    const h = createHarness()
    render(h.wrap(<Background model="sim-slow" />, { strict: false }))
    await stepUntil(h, () => status() === 'in_progress')
    let settled: unknown
    await act(async () => {
      settled = await cancel!.mutateAsync()
    })
    expect(settled).toMatchObject({ status: 'cancelled' })
    expect(status()).toBe('cancelled')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
  })

  test('cancel with a live session of the chain: the session sends it, once, and shows it', async () => {
    const h = createHarness()
    cancelling = null
    render(h.wrap(<Live />, { strict: false }))
    await stepUntil(h, () => status() === 'in_progress' && cancelling !== null)
    await act(async () => {
      await Promise.all([cancelling!.mutateAsync(), cancelling!.mutateAsync()])
    })
    await stepUntil(h, () => status() === 'cancelled')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
    expect((await h.client.responses.retrieve(liveId!)).status).toBe('cancelled')
  })
})
