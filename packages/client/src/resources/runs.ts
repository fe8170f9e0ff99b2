import type { APIError } from '../errors.js'
import { findCreatedRun } from '../findCreatedRun.js'
import { createPagePromise, fetchList } from '../pagination.js'
import { pollUntilSettled } from '../poll.js'
import { streamRun } from '../runStream.js'
import type { JsonResponse, RecoverContext, Transport, TransportRequest } from '../transport.js'
import type {
  RequestOptions,
  Run,
  RunCreateParams,
  RunStatus,
  RunSubmitToolOutputsParams,
  RunsResource,
} from '../types.js'
import { checkMetadata, checkToolOutputs } from '../validate.js'
import { runPath, runsPath } from './paths.js'
import { createSteps } from './steps.js'

/** How many run ids a client remembers, to tell a lost create's run from the ones before it. */
const REMEMBERED_RUNS = 100

export function createRuns(transport: Transport): RunsResource {
  const { requestJson, sleep } = transport
  // The runs this client has returned, newest last: none of them can be a later create's run.
  const seen = new Set<string>()
  const remember = (run: Run): Run => {
    seen.delete(run.id)
    seen.add(run.id)
    if (seen.size > REMEMBERED_RUNS) seen.delete(seen.values().next().value as string)
    return run
  }

  /**
   * `POST /threads/{thread_id}/runs`, its params checked. A create whose answer is lost adopts
   * the run it made (findCreatedRun) rather than retrying into a second run or a 400 "already has
   * an active run": a server that ignores `Idempotency-Key` cannot leave a run the caller does
   * not know about.
   */
  function createRequest(
    threadId: string,
    { include, ...body }: RunCreateParams,
    options?: RequestOptions,
  ): TransportRequest {
    checkMetadata(body.metadata)
    body.additional_messages?.forEach((message, i) => {
      checkMetadata(message.metadata, `additional_messages[${i}].metadata`)
    })
    const criteria = { since: Date.now(), assistantId: body.assistant_id, knownRunIds: seen }
    return {
      method: 'POST',
      path: runsPath(threadId),
      // `include` travels as repeated `include[]` query parameters, never in the body.
      query: { 'include[]': include },
      body,
      options,
      recover: async (_failure, { stream, options: call }) => {
        const run = await findCreatedRun(runs, threadId, criteria, lookupOptions(call))
        return run ? runResponse(run, stream) : undefined
      },
    }
  }

  /**
   * For a write on an existing run (submit, cancel): a 400 after an attempt that got no answer
   * may be the server refusing to do twice what the lost attempt did. The run says: when it moved
   * as asked, the call succeeds with it.
   */
  const askTheRun =
    (threadId: string, runId: string, movedAsAsked: (run: Run) => boolean) =>
    async (failure: APIError, { stream, options }: RecoverContext) => {
      if (failure.status !== 400) return undefined
      const { data: run } = await requestJson<Run>(retrieveRequest(threadId, runId, lookupOptions(options)))
      return movedAsAsked(run) ? runResponse(run, stream) : undefined
    }

  /** `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`, its params checked. */
  function submitRequest(
    threadId: string,
    runId: string,
    body: RunSubmitToolOutputsParams,
    options?: RequestOptions,
  ): TransportRequest {
    checkToolOutputs(body?.tool_outputs)
    const ids = body.tool_outputs.map((output) => output.tool_call_id)
    return {
      method: 'POST',
      path: `${runPath(threadId, runId)}/submit_tool_outputs`,
      body,
      options,
      recover: askTheRun(threadId, runId, (run) => tookOutputs(run, ids)),
    }
  }

  const retrieveRequest = (threadId: string, runId: string, options?: RequestOptions): TransportRequest => ({
    method: 'GET',
    path: runPath(threadId, runId),
    options,
  })

  // Every method is async (or, for streams, builds its request inside the stream), so that a
  // rejected param arrives as a rejection, never as a synchronous throw.
  const send = async (request: TransportRequest): Promise<Run> =>
    remember((await requestJson<Run>(request)).data)

  /**
   * Polls from a first response until the run settles, retrieving it by the id it was asked
   * for, or (after a create) by the one it got.
   */
  const pollFrom = (
    threadId: string,
    first: Promise<JsonResponse<Run>>,
    opts: RequestOptions | undefined,
    runId?: string,
  ) =>
    pollUntilSettled(
      first.then((answer) => {
        remember(answer.data)
        return answer
      }),
      (run) => requestJson<Run>(retrieveRequest(threadId, runId ?? run.id, opts)),
      sleep,
      opts,
    )

  const runs: RunsResource = {
    create: async (threadId, body, opts) => send(createRequest(threadId, body, opts)),
    stream: (threadId, body, opts) => streamRun(transport, () => createRequest(threadId, body), opts),
    createAndPoll: async (threadId, body, opts) =>
      pollFrom(threadId, requestJson<Run>(createRequest(threadId, body, opts)), opts),
    retrieve: async (threadId, runId, opts) => send(retrieveRequest(threadId, runId, opts)),
    async update(threadId, runId, body, opts) {
      checkMetadata(body?.metadata)
      return send({ method: 'POST', path: runPath(threadId, runId), body, options: opts })
    },
    list: (threadId, query = {}, opts) =>
      createPagePromise(
        (pageQuery) => fetchList<Run>(transport, runsPath(threadId), { ...pageQuery }, opts),
        query,
      ),
    cancel: async (threadId, runId, opts) =>
      send({
        method: 'POST',
        path: `${runPath(threadId, runId)}/cancel`,
        options: opts,
        recover: askTheRun(threadId, runId, (run) => CANCELLED.includes(run.status)),
      }),
    submitToolOutputs: async (threadId, runId, body, opts) =>
      send(submitRequest(threadId, runId, body, opts)),
    submitToolOutputsStream: (threadId, runId, body, opts) =>
      streamRun(transport, () => submitRequest(threadId, runId, body), opts),
    submitToolOutputsAndPoll: async (threadId, runId, body, opts) =>
      pollFrom(threadId, requestJson<Run>(submitRequest(threadId, runId, body, opts)), opts, runId),
    poll: async (threadId, runId, opts) =>
      pollFrom(threadId, requestJson<Run>(retrieveRequest(threadId, runId, opts)), opts, runId),
    steps: createSteps(transport),
  }
  return runs
}

/** What a cancel that worked leaves: the run stopping, or stopped. */
const CANCELLED: readonly RunStatus[] = ['cancelling', 'cancelled']

/**
 * Whether the run took these tool outputs: it no longer waits for any of these calls and went on
 * as a run does after its outputs (queued, in_progress, then completed or incomplete, or waiting
 * for other calls). A run cancelled, expired or failed meanwhile may never have had them: the
 * 400 stands.
 */
function tookOutputs(run: Run, ids: readonly string[]): boolean {
  if (run.status === 'requires_action') {
    const waiting = run.required_action?.submit_tool_outputs?.tool_calls ?? []
    return !waiting.some((call) => ids.includes(call.id))
  }
  return (
    run.status === 'queued' ||
    run.status === 'in_progress' ||
    run.status === 'completed' ||
    run.status === 'incomplete'
  )
}

/** The call's options for the look-ups that find out what a lost write did: its response is not theirs. */
const lookupOptions = (options: RequestOptions): RequestOptions => ({ ...options, onResponse: undefined })

/**
 * The response that stands for a run found after a lost answer. As JSON, the run. As a stream,
 * one `thread.run.<status>` event naming it: the stream then ends as a stream cut after that
 * event does, normally when the run has settled or waits for outputs, else with
 * `StreamError('ended_early')` (the run is named in `snapshot().run`, to follow with
 * `runs.poll()`): the events between were sent on a connection that is gone.
 */
function runResponse(run: Run, stream: boolean): Response {
  if (!stream) return Response.json(run)
  return new Response(`event: thread.run.${run.status}\ndata: ${JSON.stringify(run)}\n\n`, {
    headers: { 'content-type': 'text/event-stream' },
  })
}
