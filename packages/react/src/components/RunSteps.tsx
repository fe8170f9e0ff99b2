'use client'

import type { FunctionCallOutput, ResponseOutputItem, RunStep } from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef, memo } from 'react'
import { CodeInterpreterOutputs } from './CodeInterpreterOutputs.js'
import { cx } from './cx.js'
import { type PartialLabels, type StepsLabels, stepsLabels } from './defaultLabels.js'
import { FileSearchResults } from './FileSearchResults.js'
import { formatDuration } from './format.js'
import { Heading, type HeadingLevel } from './Heading.js'
import { Code, Empty, Item, Unreadable } from './parts.js'
import { ResponseItemDetails } from './ResponseItemDetails.js'
import { useLabels, useLocale } from './RunlensLabelsProvider.js'
import { RunStatusBadge } from './RunStatusBadge.js'
import { readArray, readNumber, readObject, readString } from './read.js'
import { FunctionCallPanel, ToolCallPanel } from './ToolCallPanel.js'
import { VisuallyHidden } from './VisuallyHidden.js'

export interface RunStepsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /**
   * The run's steps, in the order to show (the API lists newest first unless asked `order: 'asc'`);
   * or a response's output items (reasoning, function calls, searches, messages...), with the
   * `function_call_output` items that answer its calls: each call shows its output, and an output
   * whose call is not in the list shows on its own. Both kinds may share one list.
   */
  steps: readonly (RunStep | ResponseOutputItem | FunctionCallOutput)[]
  /** The clock in ms, for the elapsed time of steps still running. Default: no elapsed time shown. */
  now?: () => number
  /** BCP 47 locale for numbers. Default: the provider's, else the runtime's. */
  locale?: string
  /** The level of the timeline's heading. Default 3. */
  headingLevel?: HeadingLevel
  /** Replaces any of the timeline's words. Default: the provider's, else English. */
  labels?: PartialLabels<StepsLabels>
}

function ToolCallDetails({ call, labels, locale }: { call: unknown; labels: StepsLabels; locale?: string }) {
  const c = readObject(call)
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  switch (c?.type) {
    case 'function': {
      const fn = readObject(c.function)
      return (
        <FunctionCallPanel
          name={readString(fn?.name)}
          args={fn?.arguments}
          output={fn?.output}
          readable={fn !== null}
          labels={labels}
        />
      )
    }
    case 'code_interpreter': {
      const ci = readObject(c.code_interpreter)
      const outputs = readArray(ci?.outputs)
      return (
        <ToolCallPanel type="code_interpreter" title={labels.codeInterpreter}>
          <dl className="rl-tool__details">
            <Item label={labels.input}>
              {ci && ci.input !== undefined ? <Code text={ci.input} /> : unreadable}
            </Item>
            <Item label={labels.logs}>
              <CodeInterpreterOutputs outputs={outputs} labels={labels} />
            </Item>
          </dl>
        </ToolCallPanel>
      )
    }
    case 'file_search': {
      const fs = readObject(c.file_search)
      // `results` is absent unless the run was asked to include them: none, not unreadable.
      const results = fs?.results == null ? [] : readArray(fs.results)
      return (
        <ToolCallPanel type="file_search" title={labels.fileSearch}>
          <FileSearchResults results={fs ? results : null} labels={labels} locale={locale} />
        </ToolCallPanel>
      )
    }
    default: {
      // A tool type a newer server added: name it rather than hide it.
      const type = readString(c?.type)
      return <ToolCallPanel type="unknown" title={type ?? unreadable} />
    }
  }
}

/** A step's details: the message it created, or its tool calls; a note where they cannot be read. */
function StepDetails({
  details,
  labels,
  locale,
}: {
  details: unknown
  labels: StepsLabels
  locale?: string
}) {
  const d = readObject(details)
  if (d?.type === 'message_creation') {
    const messageId = readString(readObject(d.message_creation)?.message_id)
    return (
      <p className="rl-step__message">
        {labels.messageId}{' '}
        {messageId !== null ? <code>{messageId}</code> : <Unreadable>{labels.unreadable}</Unreadable>}
      </p>
    )
  }
  const calls = d?.type === 'tool_calls' ? readArray(d.tool_calls) : null
  if (!calls) {
    return (
      <p className="rl-note">
        <Unreadable>{labels.unreadable}</Unreadable>
      </p>
    )
  }
  return calls.map((call, i) => (
    <ToolCallDetails
      // biome-ignore lint/suspicious/noArrayIndexKey: with the index, as a call's id may be missing or repeated
      key={`${i} ${readString(readObject(call)?.id)}`}
      call={call}
      labels={labels}
      locale={locale}
    />
  ))
}

/**
 * Whether an entry is a response's item rather than a run's step. An entry that is neither (no
 * type, a type of the wrong kind) is read as a step, which says what it could not read.
 */
function isResponseItem(entry: Record<string, unknown>): boolean {
  return (
    typeof entry.type === 'string' &&
    entry.type !== 'message_creation' &&
    entry.type !== 'tool_calls' &&
    entry.object !== 'thread.run.step' &&
    entry.step_details === undefined
  )
}

/** The statuses a response's tools move through, as the badge knows them: at work. */
const busyItemStatuses = new Set(['searching', 'interpreting', 'calling', 'generating'])

/** The outputs of a response's function calls by `call_id`, and the ids of the calls in the list. */
function functionOutputs(list: readonly unknown[]): { outputs: Map<string, unknown>; calls: Set<string> } {
  const outputs = new Map<string, unknown>()
  const calls = new Set<string>()
  for (const value of list) {
    const entry = readObject(value)
    const callId = readString(entry?.call_id)
    if (!entry || callId === null || !isResponseItem(entry)) continue
    if (entry.type === 'function_call_output') outputs.set(callId, entry.output)
    else if (entry.type === 'function_call') calls.add(callId)
  }
  return { outputs, calls }
}

/**
 * A run's steps as an ordered list: type, status and duration of each, with the details of every
 * tool call (function arguments and output, code interpreter input and logs, file search results).
 * A response's output items are entries of the same list, in the same panels where both have one.
 * Memoized: a monitor re-renders on every text commit while the steps stay the same list.
 */
export const RunSteps = memo(
  forwardRef<HTMLDivElement, RunStepsProps>(function RunSteps(
    { steps, now, locale: localeProp, headingLevel = 3, labels: labelsProp, className, ...props },
    ref,
  ) {
    const labels = useLabels('steps', stepsLabels, labelsProp)
    const { locale } = useLocale(localeProp)
    const badgeLabels = { prefix: labels.statusPrefix }
    const list = readArray(steps) ?? []
    const { outputs, calls } = functionOutputs(list)
    return (
      // A div, not a named section: several timelines on a page would repeat the same landmark name.
      <div
        ref={ref}
        className={cx('rl-steps', className)}
        data-state={list.length ? 'filled' : 'empty'}
        {...props}
      >
        <Heading level={headingLevel} className="rl-steps__title">
          {labels.title}
        </Heading>
        {list.length === 0 ? (
          <Empty>{labels.empty}</Empty>
        ) : (
          <ol className="rl-steps__list">
            {list.map((value, index) => {
              const step = readObject(value) ?? {}
              const id = readString(step.id)
              const type = readString(step.type)
              const status = readString(step.status)
              const typeLabel =
                type === null ? null : (Object.hasOwn(labels.types, type) && labels.types[type]) || type
              if (type !== null && isResponseItem(step)) {
                const callId = readString(step.call_id)
                // An output shows in its call's panel; alone only when its call is not in the list.
                if (type === 'function_call_output' && callId !== null && calls.has(callId)) return null
                return (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: with the index, items without an id (or with one twice) must not share a React key.
                    key={`${index} ${id ?? callId}`}
                    className="rl-step"
                    data-state={status ?? undefined}
                    data-type={type}
                  >
                    {/* Items carry no times: no duration, and no badge for the items without a status. */}
                    <div className="rl-step__header">
                      <span className="rl-step__type">{typeLabel}</span>
                      {status !== null && (
                        <RunStatusBadge
                          status={busyItemStatuses.has(status) ? 'in_progress' : status}
                          labels={badgeLabels}
                        />
                      )}
                    </div>
                    <ResponseItemDetails
                      item={step}
                      typeLabel={typeLabel ?? type}
                      output={callId === null ? undefined : outputs.get(callId)}
                      labels={labels}
                      locale={locale}
                    />
                  </li>
                )
              }
              const created = readNumber(step.created_at)
              const end =
                readNumber(step.completed_at) ??
                readNumber(step.failed_at) ??
                readNumber(step.cancelled_at) ??
                readNumber(step.expired_at)
              const seconds =
                created === null ? null : end !== null ? end - created : now ? now() / 1000 - created : null
              const error = readObject(step.last_error)
              const errorCode = readString(error?.code)
              return (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: with the index, steps without an id (or with one twice) must not share a React key.
                  key={`${index} ${id}`}
                  className="rl-step"
                  data-state={status ?? undefined}
                  data-type={type ?? undefined}
                >
                  <div className="rl-step__header">
                    <span className="rl-step__type">
                      {typeLabel ?? <Unreadable>{labels.unreadable}</Unreadable>}
                    </span>
                    <RunStatusBadge status={status} labels={badgeLabels} />
                    <span className="rl-step__duration">
                      <VisuallyHidden>{`${labels.duration}: `}</VisuallyHidden>
                      {seconds != null && seconds >= 0 ? (
                        <time dateTime={`PT${Math.floor(seconds)}S`}>{formatDuration(seconds, locale)}</time>
                      ) : end === null ? (
                        labels.running
                      ) : (
                        <Unreadable>{labels.unreadable}</Unreadable>
                      )}
                    </span>
                  </div>
                  <StepDetails details={step.step_details} labels={labels} locale={locale} />
                  {error && (
                    <p className="rl-step__error">
                      {labels.error}: {errorCode !== null && <code>{errorCode}</code>}{' '}
                      {readString(error.message) ?? <Unreadable>{labels.unreadable}</Unreadable>}
                    </p>
                  )}
                </li>
              )
            })}
          </ol>
        )}
      </div>
    )
  }),
)
