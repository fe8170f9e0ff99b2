import { InvalidParamError } from './errors.js'
import { createMessages } from './resources/messages.js'
import { createRuns } from './resources/runs.js'
import { createTransport } from './transport.js'
import type { ClientOptions, RunsClient } from './types.js'

/**
 * A client of the Runs API. It holds no state beyond its options, so one per configuration is
 * enough, and it sends nothing until a method is called.
 */
export function createRunsClient(options: ClientOptions = {}): RunsClient {
  // A page has a document; Node, Deno, workers and edge runtimes do not.
  if (options.apiKey && !options.dangerouslyAllowBrowser && typeof document !== 'undefined') {
    throw new InvalidParamError(
      'apiKey',
      // Short on purpose (it ships in every bundle); the README explains the proxy pattern.
      'in a browser is public: use a proxy (baseURL) or dangerouslyAllowBrowser',
    )
  }
  const transport = createTransport(options)
  return { runs: createRuns(transport), messages: createMessages(transport) }
}
