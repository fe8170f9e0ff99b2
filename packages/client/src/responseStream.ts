import { applyResponseEvent, emptyResponseSnapshot } from './applyResponseEvent.js'
import { APIError, StreamError } from './errors.js'
import { createEventStream, type EventProtocol } from './eventStream.js'
import { idempotencyKey } from './idempotencyKey.js'
import { isResponsePollingStatus, pollUntilSettled } from './poll.js'
import { responsePath } from './resources/paths.js'
import type {
  Response as ModelResponse,
  ResponseResumeParams,
  ResponseSnapshot,
  ResponseStream,
  ResponseStreamEvent,
} from './responseTypes.js'
import { pause } from './sleep.js'
import { toResponseEvent } from './sse/toResponseEvent.js'
import type { Transport, TransportRequest } from './transport.js'
import type { RequestOptions } from './types.js'

/** `GET /responses/{id}`, for a retrieve, a poll, or a resumed stream (`stream=true&starting_after=`). */
export const retrieveRequest = (
  responseId: string,
  query: ResponseResumeParams | undefined,
  options: RequestOptions | undefined,
  stream = false,
): TransportRequest => ({
  method: 'GET',
  path: responsePath(responseId),
  query: { ...query, stream: stream || undefined },
  stream,
  assistantsBeta: false,
  options,
})

/** Polls the response until it is no longer queued or in progress. */
export const pollResponse = (transport: Transport, responseId: string, opts: RequestOptions | undefined) => {
  const retrieve = () => transport.requestJson<ModelResponse>(retrieveRequest(responseId, undefined, opts))
  return pollUntilSettled(retrieve(), retrieve, transport.sleep, opts, isResponsePollingStatus)
}

/** The snapshot with a response known by a retrieve rather than by events. */
const settledOn = (snapshot: ResponseSnapshot, response: ModelResponse): ResponseSnapshot => ({
  ...snapshot,
  response,
  done: !isResponsePollingStatus(response.status),
})

/**
 * A ResponseStream over the request `build` gives (`build` runs inside the stream's start, so a
 * param it rejects surfaces where the stream is read). `resumeQuery` is what a resume sends
 * besides `starting_after` (`include`, `include_obfuscation`); `resumeOf`, for a stream that is a
 * resume itself, the response and the point it started after.
 *
 * When the body drops before the response ends (a cut, an idle timeout, a close without a final
 * event), the stream goes on by itself, under the retry policy (`maxRetries` resumes in a row
 * without a new event, with its backoff between them):
 * - a background response is resumed from the last `sequence_number` it got; events a server
 *   sends again are dropped, so the caller sees each once. When a resume closes without a final
 *   event and brought nothing, the response is asked: a cancelled one (the spec has no event for
 *   a cancel) ends the stream.
 * - a stored response in the foreground cannot be resumed: it is polled until it ends, and the
 *   stream ends with it (`snapshot().response`, `finalResponse()`), without the events between.
 * - a body cut before its first event is re-sent, with the same `Idempotency-Key` (as the
 *   transport re-sends a request whose answer was lost before its headers).
 * - anything else (not stored, closed before any event) fails with the error of the drop.
 */
export function streamResponse(
  transport: Transport,
  build: () => TransportRequest,
  opts: RequestOptions | undefined,
  resumeQuery: ResponseResumeParams = {},
  resumeOf?: { responseId: string; startingAfter: number | undefined },
): ResponseStream {
  // Resumes since the last new event: one that brings something starts the count again.
  let resumes = 0
  // One key for the stream's own request and its re-sends: a server that honours it does the write once.
  const key = idempotencyKey()
  const send = async (signal: AbortSignal) => {
    const request = build()
    const headers = request.method === 'GET' ? opts?.headers : { 'idempotency-key': key, ...opts?.headers }
    return transport.request({ ...request, options: { ...opts, headers, signal } })
  }
  // The look-ups of a drop get the stream's signal; the caller's onResponse is for its own request.
  const lookup = (signal: AbortSignal): RequestOptions => ({ ...opts, signal, onResponse: undefined })

  const protocol: EventProtocol<ResponseStreamEvent, ResponseSnapshot> = {
    empty: emptyResponseSnapshot,
    toEvent: toResponseEvent,
    apply(snapshot, event) {
      resumes = 0
      return applyResponseEvent(snapshot, event)
    },
    isNew: (snapshot, event) =>
      event.type === 'unknown' ||
      snapshot.sequenceNumber === null ||
      typeof event.sequence_number !== 'number' ||
      event.sequence_number > snapshot.sequenceNumber,
    isLast(event, snapshot) {
      if (event.type === 'error') {
        const { message, code, param } = event
        throw new APIError(message, { error: { message, type: 'error', code, param } })
      }
      return snapshot.done
    },
    async continueAfter(cut, snapshot, signal) {
      const response = snapshot.response
      const ended = () =>
        cut ??
        new StreamError(
          'ended_early',
          response
            ? `The stream ended while the response was still ${response.status}, and it cannot be followed (not stored).`
            : 'The stream ended before any response event: the response may not have been created.',
        )
      // A resume knows its response before any event; a create learns it from the first.
      const id = response?.id ?? resumeOf?.responseId
      // Cut before the first event: the answer is as lost as one cut before its headers, which
      // the transport re-sends with the same key. So is this one, under the same policy.
      if (!id) {
        const delay = cut && snapshot.sequenceNumber === null ? transport.backoff(resumes, opts) : null
        if (delay === null) throw ended()
        resumes++
        await pause(transport.sleep, delay, signal)
        return { body: await send(signal) }
      }
      if (response ? response.background === true : resumeOf) {
        // A close without the final event, right after a resume that brought nothing: the
        // response may have ended with no event to say so (a cancel). It says.
        if (!cut && resumes > 0) {
          const { data } = await transport.requestJson<ModelResponse>(
            retrieveRequest(id, undefined, lookup(signal)),
          )
          if (!isResponsePollingStatus(data.status)) return { end: settledOn(snapshot, data) }
        }
        const delay = transport.backoff(resumes, opts)
        if (delay === null) throw ended()
        resumes++
        await pause(transport.sleep, delay, signal)
        const query = { ...resumeQuery, starting_after: snapshot.sequenceNumber ?? resumeOf?.startingAfter }
        return { body: await transport.request(retrieveRequest(id, query, lookup(signal), true)) }
      }
      if (response?.store === false) throw ended()
      return { end: settledOn(snapshot, await pollResponse(transport, id, lookup(signal))) }
    },
  }

  const stream = createEventStream(protocol, send, opts?.signal, transport.maxEventSize, 'ResponseStream')
  return {
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
    snapshot: stream.snapshot,
    abort: stream.abort,
    async finalResponse(): Promise<ModelResponse> {
      const { response } = await stream.consume()
      if (response) return response
      throw new StreamError(
        'ended_early',
        'The stream ended without any response event: there is no response to give.',
      )
    },
  }
}
