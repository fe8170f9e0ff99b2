import { createRunsClient, type RunCreateParams } from '@runlens/client'
import {
  type RunlensLabelsOverride,
  RunMonitor,
  RunsProvider,
  selectRun,
  startBlocker,
  useRunStream,
} from '@runlens/react'
import { createSimulator, type FaultRule, type Scenario } from '@runlens/simulator'
import { QueryClient } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { useStore } from 'zustand'

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
  /** The monitor's labels (a story may pass ones that fail, to show the monitor's error boundary). */
  labels?: RunlensLabelsOverride
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
  labels,
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
    void setup.client.threads.create().then((thread) => {
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
        <LiveRun threadId={threadId} body={body} requireApproval={requireApproval} labels={labels} />
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
  labels,
}: {
  threadId: string
  body: RunCreateParams
  requireApproval: boolean
  labels: RunlensLabelsOverride | undefined
}) {
  const stream = useRunStream(threadId)
  const start = stream.start
  const reasonId = useId()
  useEffect(() => {
    // A second call while the stream is open returns the first one's promise (StrictMode).
    void start(body)
  }, [start, body])
  // Another run on the same thread waits for this one: the API allows one unfinished run.
  const blocker = startBlocker([useStore(stream.store, selectRun)])
  const reason =
    blocker === 'waiting'
      ? 'A run is waiting for tool outputs.'
      : blocker === 'active'
        ? 'A run is in progress.'
        : null
  return (
    <>
      <RunMonitor threadId={threadId} stream={stream} requireApproval={requireApproval} labels={labels} />
      <div className="rl-actions">
        <button
          type="button"
          className="rl-button"
          disabled={reason !== null}
          aria-describedby={reasonId}
          onClick={() => void start(body)}
        >
          Start another run
        </button>
        <p id={reasonId} role="status" className="rl-note">
          {reason}
        </p>
      </div>
    </>
  )
}
