import type { Message, Run, RunSnapshot, RunStatus, RunStep } from '@runlens/client'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RunsError } from '../errors.js'
import type { ResponseStreamState } from './responseStore.js'
import { type ConnectionState, idleSessionState, type SessionState } from './sessionAdapter.js'

export type { ConnectionState, ToolPhase } from './sessionAdapter.js'

/** The live state of one run, as components read it through selectors. */
export interface RunStreamState extends SessionState {
  threadId: string
  /** Known from the first `thread.run.*` event on. */
  runId: string | null
  run: Run | null
  status: RunStatus | null
  /** The run's messages, text accumulated from deltas, replaced by the completed messages. */
  messages: Message[]
  steps: RunStep[]
  /** The text of the run's assistant messages, joined by a blank line. */
  text: string
  /** The `error` event the server sent on the stream, if any. */
  streamError: RunSnapshot['error']
}

export type RunStore = StoreApi<RunStreamState>

/** The state of a run's session before anything is known. */
export function initialRunState(threadId: string, runId: string | null = null): RunStreamState {
  return { ...idleSessionState(), threadId, runId, run: null, messages: [], steps: [], streamError: null }
}

export function createRunStore(threadId: string, runId: string | null = null): RunStore {
  return createStore<RunStreamState>()(() => initialRunState(threadId, runId))
}

/**
 * The assistant text of a list of messages (text parts only), messages joined by a blank line.
 * As tolerant as `applyRunEvent`, whose output it reads: a message without content (`content:
 * null` on `thread.message.completed`), a hole where a delta skipped a part's index, a text part
 * without `text` or with a value that is not a string add nothing, and never throw.
 */
export function messagesText(messages: readonly Message[]): string {
  let out = ''
  for (const message of messages) {
    if (message?.role !== 'assistant' || !Array.isArray(message.content)) continue
    let text = ''
    for (const part of message.content) {
      const value: unknown = part?.type === 'text' ? part.text?.value : undefined
      if (typeof value === 'string') text += value
    }
    if (text === '') continue
    out = out === '' ? text : `${out}\n\n${text}`
  }
  return out
}

/** The part of the state that comes from the snapshot; `text` recomputed only if messages changed. */
export function snapshotState(
  snapshot: RunSnapshot,
  previous: RunStreamState,
): Pick<RunStreamState, 'run' | 'status' | 'runId' | 'messages' | 'steps' | 'text' | 'streamError'> {
  const run = snapshot.run
  return {
    run,
    status: run?.status ?? null,
    runId: run?.id ?? previous.runId,
    messages: snapshot.messages,
    steps: snapshot.steps,
    text: snapshot.messages === previous.messages ? previous.text : messagesText(snapshot.messages),
    streamError: snapshot.error,
  }
}

// Selectors: stable references to share between components (one function, one comparison). The
// ones on fields every session has take a response's state as well as a run's.
export const selectStatus = <S extends SessionState>(state: S): S['status'] => state.status
export const selectRun = (state: RunStreamState): Run | null => state.run
export const selectText = (state: SessionState): string => state.text
export const selectMessages = <S extends RunStreamState | ResponseStreamState>(state: S): S['messages'] =>
  state.messages
export const selectSteps = <S extends RunStreamState | ResponseStreamState>(state: S): S['steps'] =>
  state.steps
export const selectConnection = (state: SessionState): ConnectionState => state.connection
export const selectError = (state: SessionState): RunsError | null => state.error
export const selectCancelling = (state: SessionState): boolean => state.cancelling
