import { InvalidParamError } from './errors.js'
import { createResponses } from './resources/responses.js'
import { createRuns } from './resources/runs.js'
import { createThreads } from './resources/threads.js'
import { createTransport } from './transport.js'
import type { ClientOptions, RunsClient } from './types.js'

/**
 * A client of the Runs API. It holds no state beyond its options and the ids of the last runs it
 * returned (so that a lost create never adopts one of them), so one per configuration is enough,
 * and it sends nothing until a method is called.
 */
export function createRunsClient(options: ClientOptions = {}): RunsClient {
  if (options.apiKey && !options.dangerouslyAllowBrowser && isBrowser()) {
    throw new InvalidParamError(
      'apiKey',
      'An apiKey in a browser is readable by anyone who opens the page. Keep the key on a server: ' +
        'point baseURL at a proxy of your own that adds the Authorization header (and checks who ' +
        'is calling), and create the client in the page without apiKey. If the page is only ever ' +
        'yours (a local tool), pass dangerouslyAllowBrowser: true.',
    )
  }
  const transport = createTransport(options)
  return {
    runs: createRuns(transport),
    threads: createThreads(transport),
    responses: createResponses(transport),
  }
}

/** A page has a document; Node, Deno, web workers and edge runtimes do not. */
function isBrowser(): boolean {
  return typeof document !== 'undefined'
}
