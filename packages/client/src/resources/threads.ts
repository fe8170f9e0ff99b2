import { pollUntilSettled } from '../poll.js'
import { streamRun } from '../runStream.js'
import type { Transport, TransportRequest } from '../transport.js'
import type {
  RequestOptions,
  Run,
  Thread,
  ThreadCreateAndRunParams,
  ThreadCreateParams,
  ThreadDeleted,
  ThreadsResource,
} from '../types.js'
import { checkMetadata } from '../validate.js'
import { createMessages } from './messages.js'
import { runPath, threadPath } from './paths.js'

export function createThreads(transport: Transport): ThreadsResource {
  const { requestJson, sleep } = transport

  /** The metadata of a thread to create and of its first messages; `at` places them in the body. */
  function checkThread(thread: ThreadCreateParams | undefined, at: string): void {
    checkMetadata(thread?.metadata, `${at}metadata`)
    thread?.messages?.forEach((message, i) => {
      checkMetadata(message.metadata, `${at}messages[${i}].metadata`)
    })
  }

  /** `POST /threads/runs`, its params checked. */
  function createAndRunRequest(body: ThreadCreateAndRunParams, options?: RequestOptions): TransportRequest {
    checkMetadata(body?.metadata)
    checkThread(body?.thread, 'thread.')
    return { method: 'POST', path: '/threads/runs', body, options }
  }

  // Every method is async (the stream builds its request inside the stream), so that a rejected
  // param arrives as a rejection, never as a synchronous throw.
  const send = async <T>(request: TransportRequest): Promise<T> => (await requestJson<T>(request)).data

  return {
    async create(body = {}, opts) {
      checkThread(body, '')
      return send<Thread>({ method: 'POST', path: '/threads', body, options: opts })
    },
    retrieve: async (threadId, opts) =>
      send<Thread>({ method: 'GET', path: threadPath(threadId), options: opts }),
    async update(threadId, body, opts) {
      checkMetadata(body?.metadata)
      return send<Thread>({ method: 'POST', path: threadPath(threadId), body, options: opts })
    },
    delete: async (threadId, opts) =>
      send<ThreadDeleted>({ method: 'DELETE', path: threadPath(threadId), options: opts }),
    createAndRun: async (body, opts) => send<Run>(createAndRunRequest(body, opts)),
    createAndRunStream: (body, opts) => streamRun(transport, () => createAndRunRequest(body), opts),
    createAndRunPoll: async (body, opts) =>
      pollUntilSettled(
        requestJson<Run>(createAndRunRequest(body, opts)),
        // The run lives on the thread the request created: both ids come from the run.
        (run) => requestJson<Run>({ method: 'GET', path: runPath(run.thread_id, run.id), options: opts }),
        sleep,
        opts,
      ),
    messages: createMessages(transport),
  }
}
