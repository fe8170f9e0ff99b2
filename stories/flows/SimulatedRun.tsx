import type { RunCreateParams } from '@runlens/client'
import {
  type RunlensLabelsOverride,
  RunMonitor,
  RunsProvider,
  selectRun,
  startBlocker,
  useRunStream,
} from '@runlens/react'
import type { FaultRule, Scenario } from '@runlens/simulator'
import { useEffect, useId, useState } from 'react'
import { useStore } from 'zustand'
import { FlowFrame, UserBubble } from './FlowFrame.js'
import { simulatedSetup } from './simulatedSetup.js'

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

/**
 * A whole run on the simulator, in the browser: no server, no key (see simulatedSetup). A thread
 * is created, then `useRunStream` starts the run and the connected `RunMonitor` shows it. "Run
 * again" starts over with a fresh simulator.
 */
export function SimulatedRun(props: SimulatedRunProps) {
  return <FlowFrame>{(round) => <SimulatedSession key={round} {...props} />}</FlowFrame>
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
  const [setup] = useState(() =>
    simulatedSetup({ tokenDelayMs, ...(faults && { faults }), ...(scenarios && { scenarios }) }),
  )
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
      <UserBubble message={message} />
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
