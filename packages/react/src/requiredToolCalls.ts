import type { Run, RunToolCall } from '@runlens/client'

// Its own module: the presentational RunMonitorView reads it as the stores do, and importing it
// from the store would tie a component to the store's modules.

/** The tool calls a run waits for; `null` unless it requires action (then the server decides). */
export function requiredToolCalls(run: Run | null | undefined): RunToolCall[] | null {
  if (run?.status !== 'requires_action') return null
  return run.required_action?.submit_tool_outputs?.tool_calls ?? null
}
