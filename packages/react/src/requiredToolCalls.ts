import type { Response, ResponseStatus, Run, RunStatus, RunToolCall } from '@runlens/client'

// Its own module: the presentational components read it as the stores do, and importing it from
// the store would tie a component to the store's modules. It is also where the two protocols'
// "waits for the user" meet: an Assistants run says `requires_action`; a response says nothing,
// it completes with `function_call` items whose outputs the next response of the chain carries.

/** A run of either protocol, as the components and sessions take it. */
export type AnyRun = Run | Response

/** Whether this is a Responses API response (`object: 'response'`) rather than an Assistants run. */
export function isResponse(run: AnyRun | null | undefined): run is Response {
  return (run as { object?: unknown } | null | undefined)?.object === 'response'
}

/** A response's function calls, as the runs API names tool calls (`id` is the `call_id` an output answers). */
function responseCalls(response: Response): RunToolCall[] | null {
  if (!Array.isArray(response.output)) return null
  const calls: RunToolCall[] = []
  for (const item of response.output) {
    if (item?.type !== 'function_call') continue
    const { call_id, name, arguments: args } = item as Extract<typeof item, { type: 'function_call' }>
    // Kept even when unreadable: the form says it could not read a call rather than skip it.
    calls.push({ id: call_id, type: 'function', function: { name, arguments: args } })
  }
  return calls.length > 0 ? calls : null
}

/**
 * The tool calls a run waits for; `null` when it waits for none. A run waits while it
 * `requires_action` (then the server lists the calls); a response once it `completed` with
 * `function_call` items (then it is the end of its chain so far: the answer is a follow-up response).
 */
export function requiredToolCalls(run: AnyRun | null | undefined): RunToolCall[] | null {
  if (isResponse(run)) return run.status === 'completed' ? responseCalls(run) : null
  if (run?.status !== 'requires_action') return null
  return run.required_action?.submit_tool_outputs?.tool_calls ?? null
}

/**
 * The status to show for a run of either protocol: its own, except that a response waiting for
 * its function calls' outputs shows as `requires_action`, as a run would (its own `completed`
 * would tell the user the work is over when it waits for them).
 */
export function shownStatus(run: AnyRun | null | undefined): RunStatus | ResponseStatus | null {
  const status = (run as { status?: unknown } | null | undefined)?.status
  if (typeof status !== 'string') return null
  if (isResponse(run) && requiredToolCalls(run) !== null) return 'requires_action'
  return status
}
