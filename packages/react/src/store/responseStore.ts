import type {
  FunctionCallOutput,
  Response as ModelResponse,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseSnapshotError,
  ResponseStatus,
  ResponseUsage,
} from '@runlens/client'
import type { StoreApi } from 'zustand/vanilla'
import { idleSessionState, type SessionState } from './sessionAdapter.js'

/**
 * The live state of one Responses run: a response, and the follow-ups that answered its function
 * calls, followed as one chain. Read through selectors, as a run's state.
 */
export interface ResponseStreamState extends SessionState {
  /** The chain's current response (its last), as its events make it. */
  response: ModelResponse | null
  /** Its id; the chain's first id is `responseIds[0]`. */
  responseId: string | null
  /** Every response of the chain, oldest first. */
  responseIds: string[]
  /**
   * The current response's status, except `requires_action` while it waits for its function
   * calls' outputs (it `completed` with `function_call` items), as an Assistants run would show.
   */
  status: ResponseStatus | 'requires_action' | null
  /** Every output item of the chain, in order. */
  output: ResponseOutputItem[]
  /** The chain's `message` items. */
  messages: ResponseOutputMessage[]
  /** The other items (reasoning, tool calls...), then the `function_call_output` items sent for the calls. */
  steps: Array<ResponseOutputItem | FunctionCallOutput>
  /** The text of the chain's messages (`output_text` parts), joined by a blank line. */
  text: string
  /** Token usage summed over the chain; `null` until a response reports it. */
  usage: ResponseUsage | null
  /** The `sequence_number` of the current response's last event: a resume starts after it. */
  sequenceNumber: number | null
  /** The `error` event the server sent on the stream, if any. */
  streamError: ResponseSnapshotError | null
}

export type ResponseStore = StoreApi<ResponseStreamState>

/** The state of a Responses session before anything is known. */
export function initialResponseState(): ResponseStreamState {
  return {
    ...idleSessionState(),
    response: null,
    responseId: null,
    responseIds: [],
    output: [],
    messages: [],
    steps: [],
    usage: null,
    sequenceNumber: null,
    streamError: null,
  }
}

// Selectors of what only a response's state has (`selectStatus`, `selectText`... take it too).
export const selectResponse = (state: ResponseStreamState): ModelResponse | null => state.response
export const selectUsage = (state: ResponseStreamState): ResponseUsage | null => state.usage
export const selectOutput = (state: ResponseStreamState): ResponseOutputItem[] => state.output
