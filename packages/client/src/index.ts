export { applyResponseEvent, emptyResponseSnapshot } from './applyResponseEvent.js'
export { applyRunEvent, emptyRunSnapshot, isTerminalStatus } from './applyRunEvent.js'
export { createRunsClient } from './createRunsClient.js'
export {
  APIConnectionError,
  APIError,
  type APIErrorInit,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidParamError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  UnprocessableEntityError,
} from './errors.js'
export { CREATED_RUN_CLOCK_SKEW_MS, type CreatedRunCriteria, findCreatedRun } from './findCreatedRun.js'
export { DEFAULT_IDLE_TIMEOUT_MS } from './idleTimeout.js'
export { DEFAULT_POLL_INTERVAL_MS, isPollingStatus, isResponsePollingStatus, pollDelay } from './poll.js'
export type * from './responseTypes.js'
export { isRetryableStatus, MAX_RETRY_AFTER_MS, type RetryInput, retryAfterMs, retryDelay } from './retry.js'
export { DEFAULT_MAX_EVENT_SIZE } from './sse/sseDecoder.js'
export type * from './types.js'
