import type { Run, RunStep, RunsClient, Sleep } from '@runlens/client'
import { assistantsAdapter, type RunsProtocol } from './assistantsAdapter.js'
import type { Session, SessionOptions } from './session.js'
import { createSessionRegistry, type SessionRegistry } from './sessionRegistry.js'
import type { SubmissionRegistry } from './submissionRegistry.js'

/** A session of an Assistants v2 run (scope: its thread). */
export type RunSession = Session<RunsProtocol>
/** The options of a session (either protocol): tool handlers, commit pacing, polling. */
export type RunSessionOptions = SessionOptions
/** The provider's Assistants run sessions (scope: the thread). */
export type StreamRegistry = SessionRegistry<RunsProtocol>

/** Where a runs session writes what it learns, so that queries agree with it (the React layer's cache). */
export interface RunCacheSink {
  writeRun(run: Run): void
  writeSteps?(threadId: string, runId: string, steps: RunStep[]): void
}

export interface StreamRegistryDeps {
  client: RunsClient
  submissions: SubmissionRegistry
  cache?: RunCacheSink
  /** Waits between retrieves while recovering. Default: `setTimeout`, abortable. */
  sleep?: Sleep
}

/**
 * `setTimeout`. An abort does not clear it: whoever waits checks the signal once it fires, at most
 * one poll interval later (the client's own sleep does the same). The same line as the client's
 * `defaultSleep` (packages/client/src/sleep.ts), repeated here because the client does not export it.
 */
export const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The provider's Assistants run sessions, one per run (see `createSessionRegistry`). */
export function createStreamRegistry(deps: StreamRegistryDeps): StreamRegistry {
  const { client, cache } = deps
  return createSessionRegistry<RunsProtocol>({
    adapterFor: (threadId) => assistantsAdapter(client, threadId),
    submissions: deps.submissions,
    cacheFor: cache
      ? (threadId) => ({
          writeRun: (run) => cache.writeRun(run),
          writeSnapshot: (runId, snapshot) => cache.writeSteps?.(threadId, runId, snapshot.steps),
        })
      : undefined,
    sleep: deps.sleep ?? defaultSleep,
  })
}
