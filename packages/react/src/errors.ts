import type { APIConnectionError, APIError, APITimeoutError, APIUserAbortError } from '@runlens/client'

/**
 * Tool outputs that do not answer the run's required action exactly: a call left without an
 * output, an output for a call the run did not ask for, or the same call answered twice. Raised
 * before any request is sent.
 */
export class IncompleteToolOutputsError extends Error {
  override readonly name = 'IncompleteToolOutputsError'
  /** Tool call ids the run asked for that have no output. */
  readonly missing: string[]
  /** Tool call ids that have an output but were not asked for, or that were answered twice. */
  readonly unexpected: string[]

  constructor(missing: string[], unexpected: string[]) {
    super(
      `Tool outputs do not answer the required action (missing: ${missing.join(', ') || 'none'}; unexpected or repeated: ${unexpected.join(', ') || 'none'})`,
    )
    this.missing = missing
    this.unexpected = unexpected
  }
}

/** A tool handler threw (or its arguments were not JSON). The run is cancelled so it never hangs. */
export class ToolHandlerError extends Error {
  override readonly name = 'ToolHandlerError'
  readonly toolName: string
  readonly toolCallId: string

  constructor(toolName: string, toolCallId: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`Tool handler "${toolName}" failed for call ${toolCallId}: ${reason}`, { cause })
    this.toolName = toolName
    this.toolCallId = toolCallId
  }
}

/**
 * A stream ended before the run reached a settled state and could not be recovered by polling
 * (for example, it dropped before the server said which run it created).
 */
export class StreamInterruptedError extends Error {
  override readonly name = 'StreamInterruptedError'
}

/**
 * Every error a runlens hook can report. The client's classes carry the HTTP status, code and
 * request id; the others are raised by the hooks themselves. Plain `Error` stays in the union for
 * anything a user-supplied function (a tool handler's cause, a custom fetch) may throw.
 */
export type RunsError =
  | APIError
  | APIConnectionError
  | APITimeoutError
  | APIUserAbortError
  | IncompleteToolOutputsError
  | ToolHandlerError
  | StreamInterruptedError
  | Error

/** Anything thrown, as an error to show. */
export const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)))
