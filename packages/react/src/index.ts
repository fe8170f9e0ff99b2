export { createRunCacheSink, patchRunList, syncRunLists, writeResponse, writeRun } from './cache.js'
export * from './components/index.js'
export type { RunsContextValue } from './context.js'
export {
  IncompleteToolOutputsError,
  type RunsError,
  StreamInterruptedError,
  ToolHandlerError,
} from './errors.js'
export { followRun } from './followRun.js'
export {
  isActiveResponseStatus,
  isActiveRunStatus,
  isFinalResponseStatus,
  pollDelayMs,
  responsePollDelayMs,
  retrieveResponse,
  retrieveRun,
} from './polling.js'
export { type RunListQuery, type RunStepsQuery, responseKeys, runKeys } from './queryKeys.js'
export {
  type ResponseQueryOptions,
  type RunListPage,
  type RunQueryOptions,
  type RunStepsQueryOptions,
  responseQueryOptions,
  runListInfiniteQueryOptions,
  runQueryOptions,
  runStepsQueryOptions,
} from './queryOptions.js'
export {
  type AssistantsRunMonitorProps,
  type ResponseMonitorStream,
  type ResponsesRunMonitorProps,
  RunMonitor,
  type RunMonitorBaseProps,
  type RunMonitorProps,
  type RunMonitorStream,
} from './RunMonitor.js'
export { RunsProvider, type RunsProviderProps } from './RunsProvider.js'
export type { RunsProtocol } from './store/assistantsAdapter.js'
export { type ResponseChainSnapshot, responseOf } from './store/responseChain.js'
export {
  createResponseRegistry,
  type ResponseRegistry,
  type ResponseRegistryDeps,
  type ResponseSession,
} from './store/responseRegistry.js'
export {
  initialResponseState,
  type ResponseStore,
  type ResponseStreamState,
  selectOutput,
  selectResponse,
  selectUsage,
} from './store/responseStore.js'
export { followUpBody, type ResponsesProtocol } from './store/responsesAdapter.js'
export type { ResumePoint, ResumeStorage } from './store/resumePoint.js'
export {
  type ConnectionState,
  createRunStore,
  messagesText,
  type RunStore,
  type RunStreamState,
  selectCancelling,
  selectConnection,
  selectError,
  selectMessages,
  selectRun,
  selectStatus,
  selectSteps,
  selectText,
  type ToolPhase,
} from './store/runStore.js'
export {
  type CommitEvery,
  type CommitScheduler,
  frameScheduler,
  intervalScheduler,
} from './store/scheduler.js'
export type { Session, SessionCacheSink, SessionOptions, SessionResumeOptions } from './store/session.js'
export type { SessionAdapter, SessionProtocol, SessionState } from './store/sessionAdapter.js'
export type { SessionRegistry } from './store/sessionRegistry.js'
export {
  createStreamRegistry,
  type RunCacheSink,
  type RunSession,
  type RunSessionOptions,
  type StreamRegistry,
  type StreamRegistryDeps,
} from './store/streamRegistry.js'
export {
  checkToolOutputs,
  createSubmissionRegistry,
  type SubmissionRegistry,
  submissionKey,
} from './store/submissionRegistry.js'
export {
  type ToolAnswerer,
  type ToolApproval,
  type ToolHandler,
  type ToolHandlers,
  type ToolHandlersOptions,
  type ToolSession,
  toolHandlers,
} from './store/toolHandlers.js'
export { type UseCancelResponseResult, useCancelResponse } from './useCancelResponse.js'
export { type UseCancelRunOptions, type UseCancelRunResult, useCancelRun } from './useCancelRun.js'
export { useCreateResponse } from './useCreateResponse.js'
export { useCreateRun } from './useCreateRun.js'
export { useCreateThread } from './useCreateThread.js'
export { type UseResponseOptions, useResponse } from './useResponse.js'
export { useResponseSession } from './useResponseSession.js'
export {
  type ResponseStreamHandle,
  type UseResponseStreamOptions,
  useResponseStream,
} from './useResponseStream.js'
export { type UseRunOptions, useRun } from './useRun.js'
export { type UseRunListResult, useRunList } from './useRunList.js'
export { type UseRunStepsOptions, useRunSteps } from './useRunSteps.js'
export { type RunStreamHandle, type UseRunStreamOptions, useRunStream } from './useRunStream.js'
export { useRunStreamState } from './useRunStreamState.js'
export { useRunsClient } from './useRunsClient.js'
export { type SubmitToolOutputsVariables, useSubmitToolOutputs } from './useSubmitToolOutputs.js'
export { useSuspenseResponse } from './useSuspenseResponse.js'
export { useSuspenseRun } from './useSuspenseRun.js'
export { useUpdateRun } from './useUpdateRun.js'
