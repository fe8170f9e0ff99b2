'use client'

import type {
  Message,
  ResponseOutputMessage,
  ResponseUsage,
  Run,
  RunUsage as RunUsageData,
  ToolOutput,
} from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef, useId } from 'react'
import { type AnyRun, isResponse, requiredToolCalls, shownStatus } from '../requiredToolCalls.js'
import { cx } from './cx.js'
import { monitorLabels, statusLabels } from './defaultLabels.js'
import { below, Heading, type HeadingLevel } from './Heading.js'
import { MessageText } from './MessageText.js'
import { type ApprovalState, RequiredAction } from './RequiredAction.js'
import { type RequestErrorLike, RunError } from './RunError.js'
import { type RunlensLabelsOverride, RunlensLabelsProvider, useLabels } from './RunlensLabelsProvider.js'
import { RunStatusBadge, statusText } from './RunStatusBadge.js'
import { RunSteps, type RunStepsProps } from './RunSteps.js'
import { RunUsage } from './RunUsage.js'
import { readArray, readNumber, readObject, readString } from './read.js'
import { isFinishedStatus } from './status.js'
import { useAnnouncement } from './useAnnouncement.js'
import { VisuallyHidden, visuallyHidden } from './VisuallyHidden.js'

/** How the monitor receives updates: a live stream, polling (e.g. after a dropped stream), or neither. */
export type MonitorConnectionState = 'idle' | 'streaming' | 'polling' | 'closed' | (string & {})

export interface RunMonitorViewProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /**
   * The run shown: an Assistants `Run` or a Responses `Response`; `null` before one exists. A
   * response that completed with function calls waits for their outputs: it shows as
   * `requires_action`, with the form for them.
   */
  run: AnyRun | null
  /**
   * The status to show instead of the one read from `run`, when the caller knows more than the
   * run alone says: the connected monitor passes its session's, where a response whose function
   * calls were declined shows as `completed`, with no form. Default: read from `run`.
   */
  status?: string | null
  /** The id of the run meant, shown (and naming the monitor) while `run` is null. Default: `run.id`. */
  runId?: string | null
  /**
   * The run is on its way (being fetched, or a stream is starting): while `run` is null, the
   * status says "Loading…" and the monitor is `aria-busy`, instead of "No run yet.". Default `false`.
   */
  loading?: boolean
  /**
   * The run's steps, or a response's output items (with the `function_call_output` items that
   * answer its calls), as `RunSteps` takes them. Default: none.
   */
  steps?: RunStepsProps['steps']
  /**
   * The run's messages, or a response's `message` items (a streaming one has
   * `status: 'in_progress'`). Default: none.
   */
  messages?: readonly (Message | ResponseOutputMessage)[]
  /**
   * The usage to show instead of `run.usage`, e.g. a chain of responses' usage summed by the
   * connected monitor. Default: `run.usage`.
   */
  usage?: RunUsageData | ResponseUsage | null
  /** Plain answer text instead of `messages`, e.g. text streamed so far. Default: none. */
  text?: string
  /** `text` is still arriving. Default `false`. */
  streaming?: boolean
  /** An error of a request or stream from the client (APIError and the like). Default: none. */
  error?: RequestErrorLike | null
  /** Shown next to the status. Default: not shown. */
  connection?: MonitorConnectionState
  /** Shows a "Cancel run" button while the run is not finished. */
  onCancel?: () => void
  /** A cancel was requested and the server has not confirmed it yet. Default `false`. */
  cancelling?: boolean
  /** Called with every output of the required action, at once. */
  onSubmitToolOutputs?: (outputs: ToolOutput[]) => void
  /** Tool outputs are being sent. Default `false`. */
  submitting?: boolean
  /** Ask for approval before tool outputs can be entered. Default `false`. */
  requireApproval?: boolean
  /** The approval step's state when the parent controls it. Default: kept inside RequiredAction. */
  approval?: ApprovalState
  onApprove?: () => void
  onDeny?: () => void
  /**
   * The clock in ms (countdown, elapsed times; `RunMonitor` also times its expiry check by it).
   * Must return epoch milliseconds, like `Date.now`, and be a stable function (defined outside the
   * component or memoized): `RunMonitor` re-arms its expiry timer whenever it changes. Default `Date.now`.
   */
  now?: () => number
  /** BCP 47 locale for numbers and dates. Default: the provider's, else the runtime's. */
  locale?: string
  /** The level of the monitor's heading; its parts use the next level. Default 2. */
  headingLevel?: HeadingLevel
  /** Replaces any words of the monitor and of the components inside it. */
  labels?: RunlensLabelsOverride
}

/**
 * A whole run (an Assistants run or a response) at a glance: status, connection, cancel, errors,
 * the required action, the answer, the steps and the usage. Presentational: the connected `RunMonitor` feeds it from the hooks.
 * One polite announcer speaks status changes, so the badges inside stay quiet.
 */
export const RunMonitorView = forwardRef<HTMLElement, RunMonitorViewProps>(function RunMonitorView(
  {
    run,
    status: statusProp,
    runId = null,
    loading = false,
    steps = [],
    messages = [],
    text,
    streaming = false,
    error = null,
    connection,
    onCancel,
    cancelling = false,
    onSubmitToolOutputs,
    submitting = false,
    requireApproval = false,
    approval,
    onApprove,
    onDeny,
    now,
    locale,
    headingLevel = 2,
    usage: usageProp,
    labels: override,
    className,
    ...props
  },
  ref,
) {
  const labels = useLabels('monitor', monitorLabels, override?.monitor)
  const statusWords = useLabels('status', statusLabels, override?.status)
  const id = useId()
  const titleId = `${id}-title`
  const runIdId = `${id}-run`
  // The run and the lists read for what they should be: a malformed one shows what can be read.
  const shownRun = readObject(run)
  const response = isResponse(run)
  // A response waiting for its calls' outputs shows as a run would: `requires_action`.
  const status = readString(statusProp ?? shownStatus(run)) ?? undefined
  // Status changes only: the status at mount is already on screen.
  const announcement = useAnnouncement(
    status,
    status ? labels.announceStatus(statusText(status, statusWords)) : '',
  )

  const sub = below(headingLevel)
  const isCancelling = cancelling || status === 'cancelling'
  const toolCalls = status === 'requires_action' ? requiredToolCalls(run) : null
  const usage = usageProp !== undefined ? usageProp : shownRun?.usage
  // Calls that are not a list still show the form, which says it could not read them.
  const showAction = toolCalls != null && (readArray(toolCalls)?.length ?? 1) > 0
  const messageList = readArray(messages) ?? []
  const showRole = messageList.some((m) => readObject(m)?.role !== 'assistant')
  const waiting = loading && !run
  const shownId = readString(shownRun?.id) ?? readString(runId)
  const connectionName = readString(connection)
  const answerText = readString(text) ?? undefined

  // The override applies to every part, so the parts read it from context like any other provider.
  return (
    <RunlensLabelsProvider labels={override} locale={locale}>
      <section
        ref={ref}
        className={cx('rl-monitor', className)}
        data-state={status ?? (waiting ? 'loading' : 'empty')}
        data-connection={connectionName ?? undefined}
        aria-busy={waiting || undefined}
        // Named by title and run id: several monitors on one page stay distinct landmarks.
        aria-labelledby={shownId ? `${titleId} ${runIdId}` : titleId}
        {...props}
      >
        <div className="rl-monitor__header">
          <Heading level={headingLevel} id={titleId} className="rl-monitor__title">
            {labels.title}
          </Heading>
          {shownId && (
            <code id={runIdId} className="rl-monitor__id">
              {shownId}
            </code>
          )}
          {(run || waiting) && <RunStatusBadge status={status} loading={waiting} />}
          {connectionName && (
            <span className="rl-monitor__connection" data-state={connectionName}>
              <VisuallyHidden>{`${labels.connection}: `}</VisuallyHidden>
              {(Object.hasOwn(labels.connectionStates, connectionName) &&
                labels.connectionStates[connectionName]) ||
                connectionName}
            </span>
          )}
          {run && onCancel && !isFinishedStatus(status) && (
            <button
              type="button"
              className="rl-button rl-monitor__cancel"
              data-variant="danger"
              aria-disabled={isCancelling || undefined}
              onClick={() => {
                if (!isCancelling) onCancel()
              }}
            >
              {isCancelling ? labels.cancelling : labels.cancel}
            </button>
          )}
        </div>
        <VisuallyHidden role="status" className="rl-monitor__announcer">
          {announcement}
        </VisuallyHidden>
        {!run && !waiting && <p className="rl-empty">{labels.noRun}</p>}
        <RunError
          // A response's `error` is a run's `last_error`: the same code and message.
          lastError={(response ? shownRun?.error : shownRun?.last_error) as Run['last_error']}
          incompleteDetails={shownRun?.incomplete_details as Run['incomplete_details']}
          error={error}
        />
        {showAction && toolCalls && (
          <RequiredAction
            // A new required action (other calls) is a new form: outputs typed for the last one go.
            key={(readArray(toolCalls) ?? []).map((c) => readString(readObject(c)?.id)).join(' ')}
            toolCalls={toolCalls}
            expiresAt={readNumber(shownRun?.expires_at)}
            now={now}
            onSubmit={onSubmitToolOutputs}
            submitting={submitting}
            requireApproval={requireApproval}
            approval={approval}
            onApprove={onApprove}
            onDeny={onDeny}
            headingLevel={sub}
          />
        )}
        {(answerText !== undefined || messageList.length > 0) && (
          <div className="rl-monitor__answer">
            <Heading level={sub} style={visuallyHidden}>
              {labels.answer}
            </Heading>
            {answerText !== undefined ? (
              <MessageText text={answerText} streaming={streaming} />
            ) : (
              <ol className="rl-monitor__messages">
                {messageList.map((m, index) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: with the index, messages without an id (or with one twice) do not share a key
                    key={`${index} ${readString(readObject(m)?.id)}`}
                  >
                    {/* An entry that is no object is still a message that could not be read: it says so. */}
                    <MessageText message={(readObject(m) ?? {}) as Message} showRole={showRole} />
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
        {run && <RunSteps steps={steps} now={now} headingLevel={sub} />}
        {/* Usage arrives with the run's end; an empty panel before then would only add noise. */}
        {usage != null && (
          <RunUsage
            usage={usage as Run['usage']}
            maxPromptTokens={readNumber(shownRun?.max_prompt_tokens)}
            // A response has one limit, on its output: the completion bar is the output bar.
            maxCompletionTokens={readNumber(
              response ? shownRun?.max_output_tokens : shownRun?.max_completion_tokens,
            )}
            headingLevel={sub}
          />
        )}
      </section>
    </RunlensLabelsProvider>
  )
})
