import { APIError, type RunToolCall, type ToolOutput } from '@runlens/client'
import { asError, ToolHandlerError } from '../errors.js'
import { type AnyRun, requiredToolCalls } from '../requiredToolCalls.js'
import type { SessionState } from './sessionAdapter.js'
import { submissionKey } from './submissionRegistry.js'

/**
 * Answers one function tool call: `args` is the call's parsed `arguments`; a string result is sent
 * as is, anything else as JSON. Declared with a method so a handler may type its `args` narrower.
 */
export type ToolHandler = {
  bivarianceHack(args: unknown, call: RunToolCall): unknown
}['bivarianceHack']

/** Handlers by function name. A required action is answered automatically only when every call has one. */
export type ToolHandlers = Record<string, ToolHandler>

/** Asked before the handlers run; `false` (or a rejection) cancels the run rather than leave it waiting. */
export type ToolApproval = (calls: RunToolCall[]) => boolean | Promise<boolean>

export interface ToolHandlersOptions {
  /** Asked before the handlers run; `false` (or a rejection) cancels the run. Default: no question asked. */
  approve?: ToolApproval
}

/** What an answerer uses of the session whose run waits: a session of either protocol. */
export interface ToolSession {
  readonly scope: string
  readonly store: { setState(partial: Partial<SessionState>): void }
  submitToolOutputs(outputs: ToolOutput[]): Promise<unknown>
  cancel(): Promise<void>
}

/**
 * What a session calls when its run requires action (the `tools` option): `claim(key)` says
 * whether this required action is still unanswered (and marks it taken); `stopped()` whether the
 * session was cancelled or aborted meanwhile. Made by `toolHandlers`.
 */
export type ToolAnswerer = (
  run: AnyRun,
  session: ToolSession,
  claim: (key: string) => boolean,
  stopped: () => boolean,
) => Promise<void>

const toOutput = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '')

/**
 * Tool handlers for `useRunStream`'s (or a session's) `tools` option. The session knows nothing of
 * how calls are answered: it hands each required action to whatever `tools` holds, and this is the
 * answerer that runs handlers by function name.
 * When every call of a required action has a handler, `approve` is asked (if given), the handlers
 * run in parallel, and all outputs go in one submission; a handler that throws becomes
 * `state.error` (a `ToolHandlerError`) and the run is cancelled rather than left waiting.
 */
export function toolHandlers(handlers: ToolHandlers, { approve }: ToolHandlersOptions = {}): ToolAnswerer {
  return async (run, session, claim, stopped) => {
    const calls = requiredToolCalls(run)
    // A call this cannot read (no `function`, a name that is not a string) has no handler either,
    // nor has a name only the prototype knows (`toString`): the required action is left to a form,
    // as for a function nobody handles.
    const handled = (call: RunToolCall | null | undefined) => {
      const name = call?.function?.name
      return (
        typeof call?.id === 'string' &&
        typeof name === 'string' &&
        Object.hasOwn(handlers, name) &&
        typeof handlers[name] === 'function'
      )
    }
    if (!Array.isArray(calls) || calls.length === 0 || !calls.every(handled)) return
    const key = submissionKey(
      session.scope,
      run.id,
      calls.map((call) => call.id),
    )
    if (!claim(key)) return
    const set = session.store.setState
    try {
      if (approve) {
        set({ tools: 'approving' })
        if (!(await approve(calls))) {
          set({ tools: 'idle' })
          await session.cancel()
          return
        }
      }
      set({ tools: 'running' })
      const outputs = await Promise.all(
        calls.map(async (call): Promise<ToolOutput> => {
          try {
            const args: unknown = call.function.arguments ? JSON.parse(call.function.arguments) : {}
            return {
              tool_call_id: call.id,
              output: toOutput(await handlers[call.function.name]!(args, call)),
            }
          } catch (cause) {
            throw new ToolHandlerError(call.function.name, call.id, cause)
          }
        }),
      )
      if (stopped()) return
      set({ tools: 'submitting' })
      await session.submitToolOutputs(outputs)
    } catch (error) {
      set({ error: asError(error) })
      // A run must not be left waiting for outputs nobody will send.
      if (!(error instanceof APIError)) await session.cancel()
    } finally {
      set({ tools: 'idle' })
    }
  }
}
