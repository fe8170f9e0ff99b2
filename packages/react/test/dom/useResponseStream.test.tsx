import {
  createRunsClient,
  type Response as ModelResponse,
  type ResponseCreateParams,
  type ResponseTool,
} from '@runlens/client'
import {
  type CommitScheduler,
  type ResponseStreamHandle,
  type ResponseStreamState,
  type ResumeStorage,
  selectStatus,
  selectText,
  type ToolHandlers,
  toolHandlers,
  useResponse,
  useResponseStream,
} from '@runlens/react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, describe, expect, test } from 'vitest'
import { manualFrames } from '../support/frames.js'
import { createHarness, type Harness, until } from '../support/harness.js'

afterEach(() => cleanup())

type Handle = ResponseStreamHandle<ResponseStreamState>
const handles: Record<string, Handle> = {}
/** The first text each `Streamer` rendered. */
const firstText: Record<string, string> = {}

const weather: ResponseTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

function Streamer(props: {
  name?: string
  autoStart?: ResponseCreateParams
  tools?: ToolHandlers
  approve?: () => boolean | Promise<boolean>
  resumeKey?: string
  resumeStorage?: ResumeStorage
  /** Also mounts a `useResponse` reader of the response, under the same provider, once its id is known. */
  cached?: boolean
}) {
  const s = useResponseStream({
    ...(props.tools && {
      tools: toolHandlers(props.tools, props.approve ? { approve: props.approve } : {}),
    }),
    commitEvery: 'event',
    ...(props.resumeKey !== undefined && { resumeKey: props.resumeKey }),
    ...(props.resumeStorage && { resumeStorage: props.resumeStorage }),
  })
  handles[props.name ?? 'main'] = s
  if (s.state.text !== '') firstText[props.name ?? 'main'] ??= s.state.text
  const { start } = s
  useEffect(() => {
    if (props.autoStart) void start(props.autoStart)
  }, [start, props.autoStart])
  return (
    <div>
      <p data-testid="status">{s.state.status ?? '-'}</p>
      <p data-testid="text">{s.state.text}</p>
      <p data-testid="connection">{s.state.connection}</p>
      {props.cached && s.responseId && <CachedResponse responseId={s.responseId} />}
    </div>
  )
}

/** A status-only reader of a chain's session, by response id: counts its renders. */
const renders: Record<string, number> = {}
function StatusOnly(props: { responseId: string; name: string }) {
  const s = useResponseStream({ responseId: props.responseId, select: selectStatus })
  renders[props.name] = (renders[props.name] ?? 0) + 1
  return <p data-testid={props.name}>{s.state ?? '-'}</p>
}

function CachedResponse(props: { responseId: string }) {
  const response = useResponse(props.responseId)
  return <p data-testid="cached">{response.data?.status ?? '-'}</p>
}

/** Streams with a scheduler of the test's and shows the text in a child, counting its renders. */
function TextPage(props: { scheduler: CommitScheduler; renders: string[] }) {
  const s = useResponseStream({ scheduler: props.scheduler, select: (st) => st.responseId })
  handles.main = s as unknown as Handle
  return <TextView responseId={s.responseId} renders={props.renders} />
}
function TextView(props: { responseId: string | null; renders: string[] }) {
  const s = useResponseStream({ responseId: props.responseId, select: selectText })
  props.renders.push(s.state)
  return <p data-testid="paced">{s.state}</p>
}

/** The text a response's messages hold on the server, joined as the store joins them. */
function textOf(responses: ModelResponse[]): string {
  const texts: string[] = []
  for (const response of responses)
    for (const item of response.output)
      if (item.type === 'message') {
        const text = item.content.map((part) => (part.type === 'output_text' ? part.text : '')).join('')
        if (text) texts.push(text)
      }
  return texts.join('\n\n')
}

const state = (name = 'main') => handles[name]!.store.getState()
const posts = (h: Harness) => h.requests.filter((r) => r.method === 'POST' && r.path === '/responses')

/** Steps the simulator until `done()`, and no further (`until` lets everything finish after). */
async function stepUntil(h: Harness, done: () => boolean, rounds = 2000): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    await act(async () => {
      await h.pace.step(1)
    })
  }
  if (!done()) throw new Error(`stepUntil: condition not met after ${rounds} rounds`)
}

/** A new page on the same server: a new provider (a new QueryClient, new registries). */
const reload = (h: Harness) => createHarness({ simulator: h.sim, pace: h.pace })

/** An in-memory Web Storage, as a page's sessionStorage survives a reload. */
function memoryStorage(): ResumeStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}

describe('useResponseStream', () => {
  test('streams a background response: text as the server has it, one POST, the cache fed with no GET', async () => {
    const h = createHarness()
    // A useResponse reader mounts while the stream is open: it reads what the stream writes.
    render(h.wrap(<Streamer autoStart={{ model: 'gpt-4o', input: 'Hi' }} cached />))
    await stepUntil(h, () => screen.queryByTestId('cached') !== null)
    expect(state().connection).toBe('streaming')
    const id = state().responseId!
    await until(h, () => state().connection === 'closed')
    // The stream fed useResponse: no GET (the one below is the test's own).
    expect(h.count('GET', /^\/responses\//)).toBe(0)

    const server = await h.client.responses.retrieve(id)
    expect(server.status).toBe('completed')
    expect(state()).toMatchObject({
      status: 'completed',
      text: textOf([server]),
      responseIds: [id],
      error: null,
    })
    expect(state().text).not.toBe('')
    expect(screen.getByTestId('text').textContent).toBe(textOf([server]))
    expect(posts(h)).toHaveLength(1)
    expect(posts(h)[0]!.body).toMatchObject({ background: true, stream: true })
    // StrictMode mounted the starter twice: still one stream; useResponse read what it wrote.
    expect(screen.getByTestId('cached').textContent).toBe('completed')
    expect(state().usage).toEqual(server.usage)
  })

  test('a function call answered by a handler: one follow-up, the chain followed as one run, usage summed', async () => {
    const h = createHarness()
    const handled: unknown[] = []
    render(
      h.wrap(
        <Streamer
          autoStart={{ model: 'gpt-4o', input: 'Weather in Paris?', tools: [weather] }}
          tools={{
            get_weather: (args) => {
              handled.push(args)
              return { temperature: 21 }
            },
          }}
        />,
      ),
    )
    await until(h, () => state().responseIds.length === 2 && state().connection === 'closed')

    const [firstId, secondId] = state().responseIds as [string, string]
    const [first, second] = await Promise.all([
      h.client.responses.retrieve(firstId),
      h.client.responses.retrieve(secondId),
    ])
    expect(handled).toHaveLength(1)
    const followUps = posts(h).filter(
      (r) => (r.body as { previous_response_id?: string }).previous_response_id,
    )
    expect(followUps).toHaveLength(1)
    const call = first.output.find((item) => item.type === 'function_call')!
    expect(followUps[0]!.body).toMatchObject({
      previous_response_id: firstId,
      model: 'gpt-4o',
      tools: [expect.objectContaining({ name: 'get_weather' })],
      input: [{ type: 'function_call_output', call_id: (call as { call_id: string }).call_id }],
    })
    expect(second.previous_response_id).toBe(firstId)
    expect(state()).toMatchObject({
      status: 'completed',
      responseId: secondId,
      text: textOf([first, second]),
    })
    // The call and its output, beside each other in the steps.
    expect(state().steps.map((step) => step.type)).toEqual(['function_call', 'function_call_output'])
    const u1 = first.usage!
    const u2 = second.usage!
    expect(state().usage).toMatchObject({
      input_tokens: u1.input_tokens + u2.input_tokens,
      output_tokens: u1.output_tokens + u2.output_tokens,
      total_tokens: u1.total_tokens + u2.total_tokens,
    })
  })

  test('without handlers the calls wait as a required action; two submissions send one follow-up', async () => {
    const h = createHarness()
    render(h.wrap(<Streamer autoStart={{ model: 'gpt-4o', input: 'Weather?', tools: [weather] }} />))
    await until(h, () => state().status === 'requires_action')
    expect(state().response?.status).toBe('completed')
    const calls = state().requiredToolCalls
    expect(calls).toHaveLength(1)
    expect(calls[0]!.function.name).toBe('get_weather')

    const outputs = [{ tool_call_id: calls[0]!.id, output: '{"temperature":21}' }]
    let a!: Promise<ModelResponse>
    let b!: Promise<ModelResponse>
    act(() => {
      a = handles.main!.submitToolOutputs(outputs)
      b = handles.main!.submitToolOutputs(outputs)
    })
    await until(h, () => state().connection === 'closed' && state().responseIds.length === 2)
    const [ra, rb] = await Promise.all([a, b])
    expect(ra).toBe(rb)
    expect(ra.previous_response_id).toBe(state().responseIds[0])
    expect(posts(h)).toHaveLength(2)
    expect(state()).toMatchObject({ status: 'completed', requiredToolCalls: [] })
  })

  test('calls denied at approval: no follow-up and no cancel sent; the response shows as it is', async () => {
    const h = createHarness()
    render(
      h.wrap(
        <Streamer
          autoStart={{ model: 'gpt-4o', input: 'Weather?', tools: [weather] }}
          tools={{ get_weather: () => 'never' }}
          approve={() => false}
        />,
      ),
    )
    await until(h, () => state().connection === 'closed' && state().response?.status === 'completed')
    await act(async () => {
      await h.pace.run()
    })
    expect(state()).toMatchObject({ status: 'completed', requiredToolCalls: [], tools: 'idle', error: null })
    expect(posts(h)).toHaveLength(1)
    expect(h.count('POST', /\/cancel$/)).toBe(0)
  })

  test('cancel mid-stream: one cancel POST, the response ends cancelled', async () => {
    const h = createHarness()
    render(h.wrap(<Streamer autoStart={{ model: 'sim-slow', input: 'Tell me a long story' }} />))
    await stepUntil(h, () => state().text.length > 20)
    act(() => {
      void handles.main!.cancel()
      void handles.main!.cancel()
    })
    await until(h, () => state().connection === 'closed')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
    expect(state()).toMatchObject({ status: 'cancelled', cancelling: false })
    expect((await h.client.responses.retrieve(state().responseId!)).status).toBe('cancelled')
  })

  test('a dropped stream resumes after its last event: no polling, the text once', async () => {
    const h = createHarness({
      sim: { faults: [{ method: 'POST', path: '/responses', cutAfter: 12, times: 1 }] },
    })
    const client = createRunsClient({ baseURL: 'http://sim.test/v1', fetch: h.fetch, sleep: async () => {} })
    render(h.wrap(<Streamer autoStart={{ model: 'sim-slow', input: 'A long story' }} />, { client }))
    await until(h, () => state().connection === 'closed', 2000)

    const resumes = h.requests.filter((r) => r.method === 'GET' && r.search.includes('starting_after='))
    expect(resumes.length).toBeGreaterThanOrEqual(1)
    // No plain retrieve: the stream itself went on.
    expect(h.requests.filter((r) => r.method === 'GET' && !r.search.includes('stream=true'))).toHaveLength(0)
    const server = await h.client.responses.retrieve(state().responseId!)
    expect(server.status).toBe('completed')
    expect(state().text).toBe(textOf([server]))
  })

  test('resumeKey: a page reloaded mid-stream joins the stream again and shows the text once', async () => {
    const storage = memoryStorage()
    const h = createHarness()
    const page = render(
      h.wrap(
        <Streamer
          autoStart={{ model: 'sim-slow', input: 'A long story' }}
          resumeKey="chat"
          resumeStorage={storage}
        />,
      ),
    )
    await stepUntil(h, () => state().text.length > 40)
    const id = state().responseId!
    const shown = state().sequenceNumber!
    const shownText = state().text
    delete firstText.again
    expect(JSON.parse(storage.map.get('runlens:response:chat')!)).toMatchObject({ responseIds: [id] })
    page.unmount()
    await act(async () => {
      await h.pace.step(5)
    })

    // A new page: a new provider (a new QueryClient, new registries) with the same storage.
    const reloaded = reload(h)
    render(reloaded.wrap(<Streamer name="again" resumeKey="chat" resumeStorage={storage} />))
    await until(reloaded, () => state('again').connection === 'closed', 2000)

    const server = await h.client.responses.retrieve(id)
    expect(server.status).toBe('completed')
    expect(state('again')).toMatchObject({ responseId: id, status: 'completed', text: textOf([server]) })
    expect(state('again').sequenceNumber).toBeGreaterThan(shown)
    // The replay up to where the page was came in one commit: the first text the new page showed
    // already held all the old one had shown, not a frame-by-frame replay from the start.
    expect(firstText.again!.startsWith(shownText)).toBe(true)
    // Joined by its stream (from the first event: the new page held none), not by a second POST.
    expect(posts(reloaded)).toHaveLength(0)
    expect(
      reloaded.requests.filter((r) => r.method === 'GET' && r.search.includes('stream=true')),
    ).toHaveLength(1)
    // Ended: nothing left to resume.
    expect(storage.map.has('runlens:response:chat')).toBe(false)
  })

  test('a reload with an auto-start joins the kept run: no second stream, no new response', async () => {
    const storage = memoryStorage()
    const h = createHarness()
    const page = render(
      h.wrap(
        <Streamer
          autoStart={{ model: 'sim-slow', input: 'A long story' }}
          resumeKey="k"
          resumeStorage={storage}
        />,
      ),
    )
    await stepUntil(h, () => state().text.length > 40)
    const id = state().responseId!
    const shown = state().sequenceNumber!
    page.unmount()

    const reloaded = reload(h)
    render(
      reloaded.wrap(
        <Streamer
          name="again"
          autoStart={{ model: 'sim-slow', input: 'A long story' }}
          resumeKey="k"
          resumeStorage={storage}
        />,
      ),
    )
    await stepUntil(reloaded, () => state('again').responseId !== null)
    // The kept point does not move back while the replay catches up.
    expect(JSON.parse(storage.map.get('runlens:response:k')!).sequenceNumber).toBeGreaterThanOrEqual(shown)
    await until(reloaded, () => state('again').connection === 'closed', 2000)
    expect(posts(reloaded)).toHaveLength(0)
    expect(reloaded.requests.filter((r) => r.search.includes('stream=true'))).toHaveLength(1)
    const server = await h.client.responses.retrieve(id)
    expect(state('again')).toMatchObject({ responseId: id, text: textOf([server]) })
  })

  test('a reload while the calls wait: the form again, and the follow-up streams its text', async () => {
    const storage = memoryStorage()
    const h = createHarness()
    const page = render(
      h.wrap(
        <Streamer
          autoStart={{ model: 'gpt-4o', input: 'Weather?', tools: [weather] }}
          resumeKey="w"
          resumeStorage={storage}
        />,
      ),
    )
    await until(h, () => state().status === 'requires_action' && state().connection === 'closed')
    page.unmount()

    const reloaded = reload(h)
    render(reloaded.wrap(<Streamer name="again" resumeKey="w" resumeStorage={storage} />))
    await until(reloaded, () => state('again').status === 'requires_action')
    const call = state('again').requiredToolCalls[0]!
    act(() => {
      void handles.again!.submitToolOutputs([{ tool_call_id: call.id, output: '21 °C' }])
    })
    // The follow-up's text shows while it streams, not only at its end.
    await stepUntil(reloaded, () => state('again').connection === 'streaming' && state('again').text !== '')
    expect(state('again').responseIds).toHaveLength(2)
    await until(reloaded, () => state('again').connection === 'closed')
    expect(state('again').status).toBe('completed')
  })

  test('calls declined while approval is pending: the handler does not answer; a submission is refused', async () => {
    const h = createHarness()
    let approve!: (ok: boolean) => void
    render(
      h.wrap(
        <Streamer
          autoStart={{ model: 'gpt-4o', input: 'Weather?', tools: [weather] }}
          tools={{ get_weather: () => 'sunny' }}
          approve={() => new Promise<boolean>((resolve) => (approve = resolve))}
        />,
      ),
    )
    await until(h, () => state().tools === 'approving')
    const call = state().requiredToolCalls[0]!
    await act(async () => {
      await handles.main!.cancel()
    })
    expect(state()).toMatchObject({ status: 'completed', requiredToolCalls: [] })
    await act(async () => {
      approve(true)
      await h.pace.run()
    })
    let refused: unknown
    await act(async () => {
      await handles
        .main!.submitToolOutputs([{ tool_call_id: call.id, output: 'x' }])
        .catch((e) => (refused = e))
    })
    expect((refused as Error).name).toBe('StreamInterruptedError')
    expect(posts(h)).toHaveLength(1)
    expect(h.count('POST', /\/cancel$/)).toBe(0)
  })

  test('text reaches the screen once per scheduled frame, whole at the end', async () => {
    const h = createHarness()
    const { scheduler, run } = manualFrames()
    const renders: string[] = []
    render(h.wrap(<TextPage scheduler={scheduler} renders={renders} />, { strict: false }))
    await act(async () => {
      void handles.main!.start({ model: 'sim-slow', input: 'A long story' })
      await h.pace.step(10)
    })
    const before = renders.length
    const frameCount = await run(h, 30)
    expect(frameCount).toBeGreaterThan(5)
    expect(renders.length - before).toBeLessThanOrEqual(frameCount)
    await until(h, () => state().connection === 'closed', 4000)
    const server = await h.client.responses.retrieve(state().responseId!)
    expect(screen.getByTestId('paced').textContent).toBe(textOf([server]))
  })

  test('a status-only reader of the chain re-renders only when the status changes', async () => {
    const h = createHarness()
    render(h.wrap(<Streamer autoStart={{ model: 'sim-slow', input: 'Hi' }} />, { strict: false }))
    await until(h, () => state().responseId !== null)
    render(h.wrap(<StatusOnly responseId={state().responseId!} name="watcher" />, { strict: false }))
    const before = renders.watcher!
    await until(h, () => state().connection === 'closed', 2000)
    expect(screen.getByTestId('watcher').textContent).toBe('completed')
    // in_progress -> completed (queued passed before it mounted): a render or two, not one per delta.
    expect(renders.watcher! - before).toBeLessThanOrEqual(2)
    expect(state().text.length).toBeGreaterThan(100)
  })
})
