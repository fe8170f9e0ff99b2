import { createRunsClient, type RunCreateParams } from '@runlens/client'
import { RunMonitor, RunsProvider, useRunStream } from '@runlens/react'
import { createSimulator, type FaultRule, type Scenario } from '@runlens/simulator'
import { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

export interface SimulatedRunProps {
  /** The simulator scenario (assistant) to run: text, function_call, server_error, slow_stream, ... */
  scenario: string
  /** The user's message. */
  message: string
  /** Ask for approval before tool outputs can be entered. */
  requireApproval?: boolean
  /** The simulator's pause between streamed tokens, in ms. */
  tokenDelayMs?: number
  /** Faults the simulator applies (e.g. a stream cut after a few events). */
  faults?: FaultRule[]
  /** Scenarios to add to the built-in ones. */
  scenarios?: Scenario[]
}

const BASE_URL = 'https://simulator.runlens.invalid/v1'

/**
 * A whole run on the simulator, in the browser: no server, no key. The simulator is a fetch
 * handler given to the client; a thread is created, then `useRunStream` starts the run and the
 * connected `RunMonitor` shows it. "Run again" starts over with a fresh simulator.
 */
export function SimulatedRun(props: SimulatedRunProps) {
  const [round, setRound] = useState(0)
  return (
    <div
      style={{
        maxWidth: 880,
        margin: '0 auto',
        display: 'grid',
        gap: '0.75rem',
        fontFamily: 'var(--rl-font)',
        fontSize: 'var(--rl-font-size)',
      }}
    >
      <SimulatedSession key={round} {...props} />
      <div>
        <button type="button" className="rl-button" onClick={() => setRound((r) => r + 1)}>
          Run again
        </button>
      </div>
    </div>
  )
}

function SimulatedSession({
  scenario,
  message,
  requireApproval = false,
  tokenDelayMs = 15,
  faults,
  scenarios,
}: SimulatedRunProps) {
  const [setup] = useState(() => {
    const simulator = createSimulator({
      tokenDelayMs,
      ...(faults && { faults }),
      ...(scenarios && { scenarios }),
    })
    const fetch = (url: string, init: RequestInit) => simulator.fetch(url, init)
    return {
      simulator,
      client: createRunsClient({ baseURL: BASE_URL, fetch }),
      queryClient: new QueryClient(),
    }
  })
  const [threadId, setThreadId] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    setup.simulator
      .fetch(`${BASE_URL}/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: '{}',
      })
      .then((res) => res.json() as Promise<{ id: string }>)
      .then((thread) => {
        if (!cancelled) setThreadId(thread.id)
      })
    return () => {
      cancelled = true
    }
  }, [setup])

  const [body] = useState<RunCreateParams>(() => ({
    assistant_id: setup.simulator.assistantId(scenario),
    additional_messages: [{ role: 'user', content: message }],
  }))

  return (
    <RunsProvider client={setup.client} queryClient={setup.queryClient}>
      <p
        style={{
          justifySelf: 'end',
          margin: 0,
          padding: '0.5rem 0.8rem',
          borderRadius: 'var(--rl-radius)',
          background: 'var(--rl-active-bg)',
          color: 'var(--rl-fg)',
        }}
      >
        <strong style={{ color: 'var(--rl-active-fg)' }}>You</strong> {message}
      </p>
      {threadId ? (
        <LiveRun threadId={threadId} body={body} requireApproval={requireApproval} />
      ) : (
        <p className="rl-empty">Creating a thread…</p>
      )}
    </RunsProvider>
  )
}

function LiveRun({
  threadId,
  body,
  requireApproval,
}: {
  threadId: string
  body: RunCreateParams
  requireApproval: boolean
}) {
  const stream = useRunStream(threadId)
  const start = stream.start
  useEffect(() => {
    // A second call while the stream is open returns the first one's promise (StrictMode).
    void start(body)
  }, [start, body])
  return <RunMonitor threadId={threadId} stream={stream} requireApproval={requireApproval} />
}
