import type { Response as ModelResponse, RunsClient, Sleep } from '@runlens/client'
import { type ResponsesProtocol, responsesAdapter } from './responsesAdapter.js'
import type { Session } from './session.js'
import { createSessionRegistry, type SessionRegistry } from './sessionRegistry.js'
import { defaultSleep } from './streamRegistry.js'
import type { SubmissionRegistry } from './submissionRegistry.js'

/** A session of a Responses run: a response and its follow-ups, as one chain (scope `''`). */
export type ResponseSession = Session<ResponsesProtocol>
/** The provider's Responses sessions, found by any response id of their chain. */
export type ResponseRegistry = SessionRegistry<ResponsesProtocol>

export interface ResponseRegistryDeps {
  client: RunsClient
  submissions: SubmissionRegistry
  /** Where the sessions write each response they hear of (the query cache). */
  cache?: { writeRun(response: ModelResponse): void }
  /** Waits between retrieves while recovering. Default: `setTimeout`. */
  sleep?: Sleep
}

/** The scope of every response session: response ids are unique on their own. */
export const RESPONSE_SCOPE = ''

export function createResponseRegistry(deps: ResponseRegistryDeps): ResponseRegistry {
  const { cache } = deps
  const adapter = responsesAdapter(deps.client)
  return createSessionRegistry<ResponsesProtocol>({
    adapterFor: () => adapter,
    submissions: deps.submissions,
    cacheFor: cache ? () => cache : undefined,
    sleep: deps.sleep ?? defaultSleep,
  })
}
