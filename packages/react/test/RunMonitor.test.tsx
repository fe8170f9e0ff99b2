import type { RunCreateParams } from '@runlens/client'
import {
  type AssistantsRunMonitorProps,
  createRunStore,
  RunMonitor,
  type RunMonitorStream,
  type RunStreamHandle,
  type RunStreamState,
  useRunStream,
} from '@runlens/react'
import type { SimulatorOptions } from '@runlens/simulator'
import { composeStories } from '@storybook/react-vite'
import { act, render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { Profiler, useEffect, version } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import * as flows from '../../../stories/flows/RunMonitor.flows.stories.js'
import { expectConsole } from '../../../test/dom/consoleGuard.js'
import { createHarness, type Harness } from './support/harness.js'
import { playEachStory } from './support/playStories.js'
import { fakeTimers, realTimers, tick } from './support/timers.js'

// The connected monitor against the simulator in-process: real streams, real polling, the real
// cache. The simulator moves only when the test steps it (its pace), so a click lands exactly where
// the test puts it, and no test waits on real time (but the full-flow stories at the end, which
// play on their own simulator, as in Storybook).

/** Steps the simulator, letting React render between steps, until `done()` holds (and no further). */
async function until(h: Harness, done: () => boolean, rounds = 2000) {
  for (let i = 0; i < rounds && !done(); i++) {
    await act(async () => {
      await h.pace.step(1)
    })
  }
  expect(done()).toBe(true)
}

/** Runs a scenario to its end outside React; the simulator runs free from here on. */
async function finishedRun(h: Harness, threadId: string, scenario: string) {
  h.pace.auto()
  return h.client.runs.createAndPoll(threadId, body(scenario), { pollIntervalMs: 5 })
}

const body = (scenario: string, content = 'Hello'): RunCreateParams => ({
  assistant_id: `asst_${scenario}`,
  additional_messages: [{ role: 'user', content }],
})

let live: RunStreamHandle<RunStreamState> | null = null

/** Starts a run with `useRunStream` and shows it in a monitor, as an app would. */
function LiveMonitor({
  threadId,
  start,
  follow = false,
  ...props
}: { threadId: string; start: RunCreateParams; follow?: boolean } & Partial<AssistantsRunMonitorProps>) {
  const stream = useRunStream(threadId, { commitEvery: 'event' })
  live = stream
  const begin = stream.start
  useEffect(() => {
    void begin(start)
  }, [begin, start])
  return (
    <>
      <RunMonitor threadId={threadId} stream={stream} data-testid="live" {...props} />
      {follow && stream.runId && (
        <RunMonitor threadId={threadId} runId={stream.runId} data-testid="follower" />
      )}
    </>
  )
}

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0)
const state = (el: HTMLElement) => el.getAttribute('data-state')
const answer = (el: HTMLElement) => el.querySelector('.rl-monitor__answer')?.textContent ?? ''

describe('RunMonitor', () => {
  test('shows a streamed run from its first event to completion, with one request and no polling', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('text')} />))
    const monitor = screen.getByTestId('live')
    // Started, before the run's first event: on its way, not "No run yet".
    expect(state(monitor)).toBe('loading')
    expect(monitor.getAttribute('aria-busy')).toBe('true')

    await until(
      h,
      () => state(monitor) === 'completed' && monitor.getAttribute('data-connection') === 'closed',
    )
    expect(monitor.hasAttribute('aria-busy')).toBe(false)
    expect(monitor.textContent).toContain("Hello! I'm a simulated assistant")
    expect(monitor.getAttribute('data-connection')).toBe('closed')
    expect(within(monitor).getByRole('heading', { name: 'Steps' })).toBeTruthy()
    expect(within(monitor).getByRole('heading', { name: 'Token usage' })).toBeTruthy()
    // Finished: no cancel button.
    expect(within(monitor).queryByRole('button', { name: /cancel/i })).toBeNull()
    // StrictMode mounts twice; still one stream, and the monitor's useRun/useRunSteps read the
    // cache the stream writes instead of asking the server.
    expect(h.count('POST', /^\/threads\/[^/]+\/runs$/)).toBe(1)
    expect(h.count('GET', /^\/threads\/[^/]+\/runs\/[^/]+$/)).toBe(0)
  })

  test('opens a finished run by id: status, steps, usage and its answer from the messages', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await finishedRun(h, threadId, 'text')
    expect(run.status).toBe('completed')

    render(h.wrap(<RunMonitor threadId={threadId} runId={run.id} data-testid="m" />))
    const monitor = screen.getByTestId('m')
    // Its first fetch: the id it was given, "Loading…" where the status goes, the monitor busy.
    expect(state(monitor)).toBe('loading')
    expect(monitor.getAttribute('aria-busy')).toBe('true')
    expect(screen.getByRole('region', { name: `Run ${run.id}` })).toBe(monitor)
    expect(monitor.querySelector('.rl-badge')?.textContent).toBe('Run status: Loading…')
    expect(monitor.textContent).not.toContain('No run yet.')
    await until(
      h,
      () =>
        state(monitor) === 'completed' &&
        answer(monitor).includes("Hello! I'm a simulated assistant") &&
        monitor.querySelectorAll('.rl-step').length > 0,
    )
    expect(monitor.textContent).toContain(run.id)
    expect(monitor.hasAttribute('aria-busy')).toBe(false)
    // Not streamed here: no connection label.
    expect(monitor.getAttribute('data-connection')).toBeNull()
  })

  test('loading ends when the run cannot be fetched: the error, and no run', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    h.pace.auto()
    render(h.wrap(<RunMonitor threadId={threadId} runId="run_missing" data-testid="m" />))
    const monitor = screen.getByTestId('m')
    expect(state(monitor)).toBe('loading')
    await until(h, () => state(monitor) !== 'loading')
    expect(state(monitor)).toBe('empty')
    expect(monitor.hasAttribute('aria-busy')).toBe(false)
    expect(within(monitor).getByRole('alert').textContent).toContain('404')
    expect(monitor.textContent).toContain('No run yet.')
  })

  test('without a run id nothing is on its way: "No run yet."', () => {
    const h = createHarness()
    render(h.wrap(<RunMonitor threadId="thread_x" data-testid="m" />))
    const monitor = screen.getByTestId('m')
    expect(state(monitor)).toBe('empty')
    expect(monitor.hasAttribute('aria-busy')).toBe(false)
    expect(monitor.textContent).toContain('No run yet.')
    expect(monitor.querySelector('.rl-badge')).toBeNull()
  })

  test('shows why a run failed', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await finishedRun(h, threadId, 'server_error')
    render(h.wrap(<RunMonitor threadId={threadId} runId={run.id} data-testid="m" />))
    const monitor = screen.getByTestId('m')
    await until(h, () => state(monitor) === 'failed')
    expect(monitor.querySelector('.rl-error__message')?.textContent).toBe('Sorry, something went wrong.')
    expect(monitor.textContent).toContain('server_error')
  })

  test('a stream that breaks with an error event shows the run failure once', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('stream_error')} />))
    const monitor = screen.getByTestId('live')
    await until(h, () => state(monitor) === 'failed' && monitor.getAttribute('data-connection') === 'closed')
    const messages = [...monitor.querySelectorAll('.rl-error__message')].map((el) => el.textContent)
    expect(messages).toEqual(['Sorry, something went wrong.'])
  })

  test('answers a tool call with one submission, even on a double click', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const user = userEvent.setup()
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('function_call')} requireApproval />))
    const monitor = screen.getByTestId('live')

    await until(h, () => state(monitor) === 'requires_action')
    expect(monitor.textContent).toContain('get_current_weather')
    await user.click(within(monitor).getByRole('button', { name: 'Approve' }))
    await user.type(within(monitor).getByLabelText('Output of get_current_weather'), 'rainy, 12 °C')
    await user.dblClick(within(monitor).getByRole('button', { name: 'Submit outputs' }))

    await until(h, () => state(monitor) === 'completed')
    expect(monitor.textContent).toContain('The weather in Paris: rainy, 12 °C.')
    expect(h.count('POST', /\/submit_tool_outputs$/)).toBe(1)
  })

  test('deny cancels the waiting run: one cancel request, the form goes, the run ends cancelled', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const user = userEvent.setup()
    const onDeny = vi.fn()
    render(
      h.wrap(
        <LiveMonitor threadId={threadId} start={body('function_call')} requireApproval onDeny={onDeny} />,
      ),
    )
    const monitor = screen.getByTestId('live')

    await until(h, () => state(monitor) === 'requires_action')
    await user.click(within(monitor).getByRole('button', { name: 'Deny' }))
    expect(onDeny).toHaveBeenCalledTimes(1)

    await until(h, () => state(monitor) === 'cancelled')
    expect(within(monitor).queryByRole('form')).toBeNull()
    expect(monitor.querySelector('.rl-monitor__header .rl-badge__label')?.textContent).toBe('Cancelled')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
    expect(h.count('POST', /\/submit_tool_outputs$/)).toBe(0)
  })

  test('cancels a streaming run with one cancel request and ends cancelled', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const user = userEvent.setup()
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('slow_stream')} />))
    const monitor = screen.getByTestId('live')

    await until(h, () => answer(monitor).includes('Paragraph 1.'))
    await user.click(within(monitor).getByRole('button', { name: 'Cancel run' }))
    await until(h, () => state(monitor) === 'cancelled')
    expect(answer(monitor)).not.toContain('Paragraph 12.')
    expect(within(monitor).queryByRole('button', { name: /cancel/i })).toBeNull()
    expect(h.count('POST', /\/cancel$/)).toBe(1)
  })

  test('a second monitor of the same run, by id, shares the live session', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('text')} follow />))
    const monitor = screen.getByTestId('live')
    await until(h, () => state(monitor) === 'completed')
    const follower = screen.getByTestId('follower')
    expect(state(follower)).toBe('completed')
    expect(follower.textContent).toContain("Hello! I'm a simulated assistant")
    expect(live?.runId).toBeTruthy()
    expect(h.count('POST', /^\/threads\/[^/]+\/runs$/)).toBe(1)
    expect(h.count('GET', /^\/threads\/[^/]+\/runs\/[^/]+$/)).toBe(0)
  })

  test('recovers a dropped stream by polling and ends with the server text, once', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    // The simulator cuts the stream after 6 events (no terminal event, no [DONE]).
    const client = h.client
    const cutting: typeof client = {
      ...client,
      runs: {
        ...client.runs,
        stream: (thread, params, opts) =>
          client.runs.stream(thread, params, {
            ...opts,
            headers: { ...opts?.headers, 'x-runlens-fault': 'cut-after=6' },
          }),
      },
    }
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('text')} />, { client: cutting }))
    const monitor = screen.getByTestId('live')
    await until(h, () => state(monitor) === 'completed')
    const text = answer(monitor)
    expect(text.match(/Hello! I'm a simulated assistant/g)?.length).toBe(1)
    expect(text).toContain('How can I assist you today?')
    expect(h.count('GET', /^\/threads\/[^/]+\/runs\/[^/]+$/)).toBeGreaterThan(0)
  })

  test('re-renders for what it shows only: a session change it does not show commits nothing', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const store = createRunStore(threadId)
    const stream: RunMonitorStream = {
      store,
      submitToolOutputs: () => Promise.reject(new Error('not in this test')),
      cancel: () => Promise.resolve(),
    }
    let commits = 0
    render(
      h.wrap(
        <Profiler id="monitor" onRender={() => commits++}>
          <RunMonitor threadId={threadId} stream={stream} data-testid="m" />
        </Profiler>,
        { strict: false },
      ),
    )
    const monitor = screen.getByTestId('m')
    const before = commits

    // The approval phase and the messages array are not what the monitor shows (text is).
    act(() => store.setState({ tools: 'approving' }))
    act(() => store.setState({ messages: [] }))
    expect(commits).toBe(before)

    act(() => store.setState({ connection: 'streaming', text: 'Hello' }))
    expect(commits).toBe(before + 1)
    expect(answer(monitor)).toContain('Hello')
  })
})

// Expiry on fake timers: the simulator is paced and runs free (no timer of its own), so only the
// monitor's look after the deadline can tell it the run expired, and the test says when that is.
describe('RunMonitor expiry', () => {
  afterEach(() => realTimers())

  /**
   * A monitor of a run of the built-in `expired` scenario (60 s to answer), waiting for its tool
   * output at T0; `looks()` counts the GETs of the run from then on.
   */
  async function waiting(
    options: { sim?: SimulatorOptions; monitor?: Partial<AssistantsRunMonitorProps> } = {},
  ) {
    fakeTimers()
    vi.setSystemTime(T0)
    const h = createHarness(options.sim ? { sim: options.sim } : {})
    h.pace.auto()
    const threadId = await h.thread()
    render(h.wrap(<LiveMonitor threadId={threadId} start={body('expired')} {...options.monitor} />))
    const monitor = screen.getByTestId('live')
    for (let i = 0; i < 50 && state(monitor) !== 'requires_action'; i++) await tick(0)
    expect(state(monitor)).toBe('requires_action')
    expect(Date.now()).toBe(T0) // no time passed on the way
    const gets = () => h.count('GET', /^\/threads\/[^/]+\/runs\/[^/]+$/)
    const before = gets()
    return { monitor, looks: () => gets() - before }
  }

  test('asks the server once, half a second after expires_at, and shows the run expired', async () => {
    const { monitor, looks } = await waiting()
    await tick(60_499)
    expect(state(monitor)).toBe('requires_action')
    expect(looks()).toBe(0)
    // The form's countdown is at zero already.
    expect(monitor.querySelector('.rl-action')?.getAttribute('data-state')).toBe('expired')

    await tick(1)
    expect(looks()).toBe(1)
    expect(state(monitor)).toBe('expired')
    expect(within(monitor).queryByRole('button', { name: 'Submit outputs' })).toBeNull()
    await tick(600_000)
    expect(looks()).toBe(1)
  })

  test('goes by the injected clock: one that agrees with a server 30 s ahead asks at its deadline', async () => {
    // The run expires 60 s after T0 on our clock, 90 s after T0 on the server's.
    const serverClock = () => Date.now() + 30_000
    const { monitor, looks } = await waiting({ sim: { now: serverClock }, monitor: { now: serverClock } })
    await tick(60_499)
    expect(looks()).toBe(0)
    expect(monitor.querySelector('.rl-action')?.getAttribute('data-state')).toBe('expired')
    await tick(1)
    // On Date.now, this look would come 30 s late, the form showing expired meanwhile.
    expect(looks()).toBe(1)
    expect(state(monitor)).toBe('expired')
  })

  test('a deadline beyond setTimeout reach (2**31-1 ms) waits rather than firing at once', async () => {
    // This clock puts the deadline 30 days away: an unclamped delay overflows and fires at once.
    const farBehind = () => Date.now() - 30 * 24 * 3600_000
    const { looks } = await waiting({ monitor: { now: farBehind } })
    await tick(0)
    await tick(1_000)
    expect(looks()).toBe(0)
  })
})

// The full-flow stories are tests too: each renders on its own in-browser simulator and its play
// function drives the run to its end.
describe('full-flow stories', () => {
  const stories = Object.entries(composeStories(flows))
  test('cover a text answer, a tool call, a failure, a cancel, an expiry, a dropped stream, a denial and a blocked start', () => {
    expect(stories.map(([name]) => name)).toEqual([
      'TextAnswer',
      'ToolCallWithApproval',
      'Failure',
      'Cancel',
      'Expiry',
      'DroppedStreamRecovers',
      'DenyCancels',
      'StartWaitsForToolOutputs',
    ])
  })
  playEachStory(stories)
})

describe('RunMonitor error boundary', () => {
  // React 19 reports an error a boundary caught on console.error; React 18 rethrows it in a DOM
  // event of its own, which jsdom reports as uncaught unless the page handles the error event
  // (as test/dom/consoleGuard.test.tsx explains).
  function expectReactReport() {
    if (version.startsWith('19.')) expectConsole('error', /labels broke/)
  }
  function handleErrorEvents(pattern: RegExp) {
    const handled = (event: ErrorEvent) => {
      if (event.error instanceof Error && pattern.test(event.error.message)) event.preventDefault()
    }
    window.addEventListener('error', handled)
    return () => window.removeEventListener('error', handled)
  }

  test('a monitor that throws shows a readable alert in its place; the host stays; "Try again" mounts it afresh', async () => {
    expectReactReport()
    const release = handleErrorEvents(/labels broke/)
    try {
      const h = createHarness()
      const threadId = await h.thread()
      const finished = await finishedRun(h, threadId, 'text')
      let broken = true
      const labels = {
        monitor: {
          announceStatus: (status: string) => {
            if (broken) throw new Error('labels broke')
            return `Status: ${status}`
          },
        },
      }
      const user = userEvent.setup()
      render(
        h.wrap(
          <main>
            <h1>Host app</h1>
            <RunMonitor threadId={threadId} runId={finished.id} labels={labels} />
          </main>,
        ),
      )
      const alert = await screen.findByRole('alert')
      expect(alert.textContent).toContain('The run monitor could not show this run.')
      expect(alert.textContent).toContain('labels broke')
      expect(screen.getByRole('heading', { name: 'Host app' })).toBeTruthy()

      broken = false
      await user.click(screen.getByRole('button', { name: 'Try again' }))
      const monitor = await screen.findByRole('region', { name: `Run ${finished.id}` })
      expect(state(monitor)).toBe('completed')
      expect(screen.queryByRole('alert')).toBeNull()
      expect(screen.getByRole('heading', { name: 'Host app' })).toBeTruthy()
    } finally {
      release()
    }
  })
})
