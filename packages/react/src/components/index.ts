// What the components read of either protocol's run, for apps' own components.
export { type AnyRun, isResponse, requiredToolCalls, shownStatus } from '../requiredToolCalls.js'
export type {
  ErrorLabels,
  MessageLabels,
  MonitorLabels,
  PartialLabels,
  RequiredActionLabels,
  RunListLabels,
  RunlensLabels,
  StatusLabels,
  StepsLabels,
  UsageLabels,
} from './defaultLabels.js'
export { defaultLabels } from './defaultLabels.js'
export type { HeadingLevel } from './Heading.js'
export { MessageText, type MessageTextProps, messagePlainText } from './MessageText.js'
export { type ApprovalState, RequiredAction, type RequiredActionProps } from './RequiredAction.js'
export { type RequestErrorLike, RunError, type RunErrorProps } from './RunError.js'
export { RunList, type RunListProps } from './RunList.js'
export {
  mergeLabels,
  type RunlensLabelsOverride,
  RunlensLabelsProvider,
  type RunlensLabelsProviderProps,
} from './RunlensLabelsProvider.js'
export { type MonitorConnectionState, RunMonitorView, type RunMonitorViewProps } from './RunMonitorView.js'
export { RunStatusBadge, type RunStatusBadgeProps, statusText } from './RunStatusBadge.js'
export { RunSteps, type RunStepsProps } from './RunSteps.js'
export { RunUsage, type RunUsageProps } from './RunUsage.js'
export { type StartBlocker, startBlocker } from './startBlocker.js'
export { type StatusOutcome, type StatusPhase, statusOutcome, statusPhase } from './status.js'
export { VisuallyHidden, type VisuallyHiddenProps } from './VisuallyHidden.js'
