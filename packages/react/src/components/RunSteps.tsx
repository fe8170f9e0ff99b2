'use client'

import type { RunStep, ToolCall } from '@runlens/client'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type StepsLabels, stepsLabels } from './defaultLabels.js'
import { formatDuration, formatScore } from './format.js'
import { Heading, type HeadingLevel } from './Heading.js'
import { Code, Empty, Item } from './parts.js'
import { useLabels, useLocale } from './RunlensLabelsProvider.js'
import { RunStatusBadge } from './RunStatusBadge.js'
import { endedAt } from './status.js'
import { VisuallyHidden } from './VisuallyHidden.js'

export interface RunStepsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The run's steps, in the order to show (the API lists newest first unless asked `order: 'asc'`). */
  steps: RunStep[]
  /** The clock in ms, for the elapsed time of steps still running. Default: no elapsed time shown. */
  now?: () => number
  /** BCP 47 locale for numbers. Default: the provider's, else the runtime's. */
  locale?: string
  /** The level of the timeline's heading. Default 3. */
  headingLevel?: HeadingLevel
  /** Replaces any of the timeline's words. Default: the provider's, else English. */
  labels?: PartialLabels<StepsLabels>
}

/** The frame every tool call shows in: its type (`data-type`), a title, then its details. */
function ToolCallPanel({ type, title, children }: { type: string; title: ReactNode; children?: ReactNode }) {
  return (
    <div className="rl-tool" data-type={type}>
      <p className="rl-tool__title">{title}</p>
      {children}
    </div>
  )
}

function ToolCallDetails({ call, labels, locale }: { call: ToolCall; labels: StepsLabels; locale?: string }) {
  switch (call.type) {
    case 'function':
      return (
        <ToolCallPanel
          type="function"
          title={
            <>
              {labels.functionCall} <code className="rl-tool__name">{call.function.name}</code>
            </>
          }
        >
          <dl className="rl-tool__details">
            <Item label={labels.arguments}>
              <Code text={call.function.arguments} json />
            </Item>
            <Item label={labels.output}>
              {call.function.output == null ? (
                <Empty>{labels.noOutput}</Empty>
              ) : (
                <Code text={call.function.output} />
              )}
            </Item>
          </dl>
        </ToolCallPanel>
      )
    case 'code_interpreter': {
      const outputs = call.code_interpreter.outputs
      return (
        <ToolCallPanel type="code_interpreter" title={labels.codeInterpreter}>
          <dl className="rl-tool__details">
            <Item label={labels.input}>
              <Code text={call.code_interpreter.input} />
            </Item>
            <Item label={labels.logs}>
              {outputs.length === 0 ? (
                <Empty>{labels.noOutput}</Empty>
              ) : (
                outputs.map((out, i) =>
                  out.type === 'logs' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: outputs have no id and never reorder
                    <Code key={i} text={out.logs} />
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: outputs have no id and never reorder
                    <p key={i} className="rl-tool__image">
                      {labels.imageOutput(out.image.file_id)}
                    </p>
                  ),
                )
              )}
            </Item>
          </dl>
        </ToolCallPanel>
      )
    }
    case 'file_search': {
      const results = call.file_search.results ?? []
      return (
        <ToolCallPanel type="file_search" title={labels.fileSearch}>
          {results.length === 0 ? (
            <Empty>{labels.noResults}</Empty>
          ) : (
            <ol className="rl-tool__results">
              {results.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be found twice
                <li key={i} className="rl-result">
                  <span className="rl-result__name">{r.file_name}</span>{' '}
                  <span className="rl-result__score">
                    {labels.score} {formatScore(r.score, locale)}
                  </span>
                  {r.content?.map((c, j) =>
                    c.text ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: content parts have no id
                      <p key={j} className="rl-result__content">
                        {c.text}
                      </p>
                    ) : null,
                  )}
                </li>
              ))}
            </ol>
          )}
        </ToolCallPanel>
      )
    }
    default:
      // A tool type a newer server added: name it rather than hide it.
      return <ToolCallPanel type="unknown" title={String((call as { type?: unknown }).type)} />
  }
}

/**
 * A run's steps as an ordered list: type, status and duration of each, with the details of every
 * tool call (function arguments and output, code interpreter input and logs, file search results).
 */
export const RunSteps = forwardRef<HTMLDivElement, RunStepsProps>(function RunSteps(
  { steps, now, locale: localeProp, headingLevel = 3, labels: labelsProp, className, ...props },
  ref,
) {
  const labels = useLabels('steps', stepsLabels, labelsProp)
  const { locale } = useLocale(localeProp)
  const badgeLabels = { prefix: labels.statusPrefix }
  return (
    // A div, not a named section: several timelines on a page would repeat the same landmark name.
    <div
      ref={ref}
      className={cx('rl-steps', className)}
      data-state={steps.length ? 'filled' : 'empty'}
      {...props}
    >
      <Heading level={headingLevel} className="rl-steps__title">
        {labels.title}
      </Heading>
      {steps.length === 0 ? (
        <Empty>{labels.empty}</Empty>
      ) : (
        <ol className="rl-steps__list">
          {steps.map((step) => {
            const end = endedAt(step)
            const seconds = end != null ? end - step.created_at : now ? now() / 1000 - step.created_at : null
            return (
              <li key={step.id} className="rl-step" data-state={step.status} data-type={step.type}>
                <div className="rl-step__header">
                  <span className="rl-step__type">{labels.types[step.type] ?? step.type}</span>
                  <RunStatusBadge status={step.status} labels={badgeLabels} />
                  <span className="rl-step__duration">
                    <VisuallyHidden>{`${labels.duration}: `}</VisuallyHidden>
                    {seconds != null && seconds >= 0 ? (
                      <time dateTime={`PT${Math.floor(seconds)}S`}>{formatDuration(seconds, locale)}</time>
                    ) : (
                      labels.running
                    )}
                  </span>
                </div>
                {step.step_details.type === 'message_creation' && (
                  <p className="rl-step__message">
                    {labels.messageId} <code>{step.step_details.message_creation.message_id}</code>
                  </p>
                )}
                {step.step_details.type === 'tool_calls' &&
                  step.step_details.tool_calls.map((call, i) => (
                    <ToolCallDetails key={call.id || i} call={call} labels={labels} locale={locale} />
                  ))}
                {step.last_error && (
                  <p className="rl-step__error">
                    {labels.error}: <code>{step.last_error.code}</code> {step.last_error.message}
                  </p>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
})
