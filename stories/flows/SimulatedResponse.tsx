import type { ResponseCreateParams, ResponseFunctionTool } from '@runlens/client'
import { RunMonitor, RunsProvider, useResponseStream } from '@runlens/react'
import type { FaultRule } from '@runlens/simulator'
import { useEffect, useState } from 'react'
import { FlowFrame, UserBubble } from './FlowFrame.js'
import { simulatedSetup } from './simulatedSetup.js'

export interface SimulatedResponseProps {
  /**
   * The model: a scripted one (sim-reasoning, sim-slow, sim-parallel-calls, ...) or any other name,
   * which answers in text, or calls a function when given some.
   */
  model: string
  /** The user's message. */
  message: string
  /** The function tools offered to the model. Default: none. */
  tools?: ResponseFunctionTool[]
  /** Ask for approval before function outputs can be entered. */
  requireApproval?: boolean
  /** The simulator's pause between streamed tokens, in ms. */
  tokenDelayMs?: number
  /** Faults the simulator applies (e.g. the create's stream cut after a few events). */
  faults?: FaultRule[]
}

/**
 * A whole Responses run on the simulator, in the browser (see simulatedSetup): `useResponseStream`
 * starts a background response and the connected `RunMonitor protocol="responses"` shows it, its
 * function calls and the follow-ups that answer them. "Run again" starts over with a fresh simulator.
 */
export function SimulatedResponse(props: SimulatedResponseProps) {
  return <FlowFrame>{(round) => <ResponseSession key={round} {...props} />}</FlowFrame>
}

function ResponseSession({
  model,
  message,
  tools,
  requireApproval = false,
  tokenDelayMs = 15,
  faults,
}: SimulatedResponseProps) {
  const [setup] = useState(() => simulatedSetup({ tokenDelayMs, ...(faults && { faults }) }))
  const [body] = useState<ResponseCreateParams>(() => ({
    model,
    input: message,
    background: true,
    ...(tools && { tools }),
  }))
  return (
    <RunsProvider client={setup.client} queryClient={setup.queryClient}>
      <UserBubble message={message} />
      <LiveResponse body={body} requireApproval={requireApproval} />
    </RunsProvider>
  )
}

function LiveResponse({ body, requireApproval }: { body: ResponseCreateParams; requireApproval: boolean }) {
  const stream = useResponseStream()
  const { start } = stream
  useEffect(() => {
    // A second call while the stream is open returns the first one's promise (StrictMode).
    void start(body)
  }, [start, body])
  return <RunMonitor protocol="responses" stream={stream} requireApproval={requireApproval} />
}
