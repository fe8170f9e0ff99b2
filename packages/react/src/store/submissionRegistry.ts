import type { RunToolCall, ToolOutput } from '@runlens/client'
import { IncompleteToolOutputsError } from '../errors.js'

/**
 * One submission per required action, shared by every caller of one provider: `useSubmitToolOutputs`
 * in any component and `useRunStream`'s tool handlers. A required action is named by its run and
 * the ids of the calls it asks for, so a double click, two components, or a handler racing a
 * button all get the same promise and the server sees one POST. A failed submission is forgotten,
 * so it can be tried again; a successful one is kept (the server would refuse a second anyway).
 */
export interface SubmissionRegistry {
  /** Runs `send` once per key; later calls with the same key get the first call's promise. */
  submit<T>(key: string, send: () => Promise<T>): Promise<T>
  /** Whether a submission for the key is in flight or done. */
  has(key: string): boolean
}

/** Successful submissions kept to answer late duplicates; old ones are dropped past this. */
const keep = 200

export function createSubmissionRegistry(): SubmissionRegistry {
  const entries = new Map<string, Promise<unknown>>()
  return {
    submit<T>(key: string, send: () => Promise<T>): Promise<T> {
      const existing = entries.get(key)
      // A key names one run's calls, and a run is of one protocol: the first call's T is this one's.
      if (existing) return existing as Promise<T>
      const promise = send()
      entries.set(key, promise)
      promise.then(
        () => {
          if (entries.size > keep) {
            const oldest = entries.keys().next().value
            if (oldest !== undefined && oldest !== key) entries.delete(oldest)
          }
        },
        () => {
          if (entries.get(key) === promise) entries.delete(key)
        },
      )
      return promise
    },
    has(key) {
      return entries.has(key)
    },
  }
}

/**
 * The key of a required action: its run (in its scope: the thread of an Assistants run, `''` for
 * a response) and its tool call ids, order-free.
 */
export function submissionKey(scope: string, runId: string, toolCallIds: readonly string[]): string {
  return JSON.stringify([scope, runId, [...toolCallIds].sort()])
}

/**
 * Checks that `outputs` answer exactly `calls` (each once, nothing else), before anything is
 * sent. Without known calls (the run is not in the cache) only the outputs themselves are checked.
 */
export function checkToolOutputs(calls: readonly RunToolCall[] | null, outputs: readonly ToolOutput[]): void {
  const seen = new Set<string>()
  const unexpected: string[] = []
  for (const output of outputs) {
    const id = output?.tool_call_id
    const named = typeof id === 'string' && id !== ''
    if (!named || seen.has(id) || typeof output.output !== 'string')
      unexpected.push(named ? id : '(no tool_call_id)')
    if (named) seen.add(id)
  }
  const wanted = calls?.map((call) => call.id)
  const missing = wanted?.filter((id) => !seen.has(id)) ?? []
  if (wanted) for (const id of seen) if (!wanted.includes(id)) unexpected.push(id)
  if (missing.length > 0 || unexpected.length > 0 || (!wanted && outputs.length === 0)) {
    throw new IncompleteToolOutputsError(missing, unexpected)
  }
}
