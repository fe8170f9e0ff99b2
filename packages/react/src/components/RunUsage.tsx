'use client'

import type { ResponseUsage, RunUsage as RunUsageData } from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type UsageLabels, usageLabels } from './defaultLabels.js'
import { formatNumber } from './format.js'
import { Heading, type HeadingLevel } from './Heading.js'
import { Empty, Item, Unreadable } from './parts.js'
import { useLabels, useLocale } from './RunlensLabelsProvider.js'
import { readNumber } from './read.js'
import { readUsage } from './readUsage.js'

export interface RunUsageProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /**
   * `run.usage` or `response.usage`; `null` while the run has not finished (the APIs report usage
   * at the end). A response's usage shows input and output tokens, and, when reported, cached input
   * and reasoning tokens (a run's usage shows them too if its server sends the details).
   */
  usage: RunUsageData | ResponseUsage | null | undefined
  /** `run.max_prompt_tokens`: when set, a bar shows the prompt (input) tokens against it. Default: no bar. */
  maxPromptTokens?: number | null
  /**
   * The limit of the answer's tokens: `run.max_completion_tokens`, or a response's
   * `max_output_tokens`. When set, a bar shows the completion (output) tokens against it. Default: no bar.
   */
  maxCompletionTokens?: number | null
  /** BCP 47 locale for the numbers. Default: the provider's, else the runtime's. */
  locale?: string
  /** The level of the panel's heading. Default 3. */
  headingLevel?: HeadingLevel
  /** Replaces any of the panel's words. Default: the provider's, else English. */
  labels?: PartialLabels<UsageLabels>
}

interface UsageMeterProps {
  value: number
  max: number
  label: string
  valueText: string
}

/** Tokens used against a limit, as an ARIA meter drawn with two divs (it styles the same in every browser). */
function UsageMeter({ value, max, label, valueText }: UsageMeterProps) {
  const ratio = max > 0 ? value / max : 0
  const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : 'normal'
  return (
    // biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be styled alike across browsers
    <div
      className="rl-meter"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      aria-valuetext={valueText}
      data-level={level}
    >
      <div className="rl-meter__fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
    </div>
  )
}

/**
 * Token usage as a description list, with bars against the run's token limits when they are set.
 * `data-state` is `empty` until usage is reported, then `reported`.
 */
export const RunUsage = forwardRef<HTMLDivElement, RunUsageProps>(function RunUsage(
  {
    usage,
    maxPromptTokens = null,
    maxCompletionTokens = null,
    locale: localeProp,
    headingLevel = 3,
    labels: labelsProp,
    className,
    ...props
  },
  ref,
) {
  const labels = useLabels('usage', usageLabels, labelsProp)
  const { locale } = useLocale(localeProp)
  const tokens = (value: number) => formatNumber(value, locale)
  const counts = readUsage(usage)
  const responses = counts?.protocol === 'responses'
  const maxPrompt = readNumber(maxPromptTokens)
  const maxCompletion = readNumber(maxCompletionTokens)
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  /** A count as `<data>`, or the note that it could not be read. */
  const count = (value: number | null) =>
    value === null ? unreadable : <data value={value}>{tokens(value)}</data>
  return (
    // A div, not a named section: several panels on a page would repeat the same landmark name.
    <div ref={ref} className={cx('rl-usage', className)} data-state={usage ? 'reported' : 'empty'} {...props}>
      <Heading level={headingLevel} className="rl-usage__title">
        {labels.title}
      </Heading>
      {counts ? (
        <dl className="rl-usage__list">
          {/* A response names its counts input and output: the rows say it in its words. */}
          <Item
            className="rl-usage__item"
            data-kind={responses ? 'input' : 'prompt'}
            label={responses ? labels.input : labels.prompt}
          >
            {count(counts.input)}
            {counts.input !== null && maxPrompt !== null && (
              <UsageMeter
                value={counts.input}
                max={maxPrompt}
                label={responses ? labels.inputBar : labels.promptBar}
                valueText={labels.ofMax(tokens(counts.input), tokens(maxPrompt))}
              />
            )}
          </Item>
          {counts.cached !== undefined && (
            <Item className="rl-usage__item" data-kind="cached" label={labels.cached}>
              {count(counts.cached)}
            </Item>
          )}
          <Item
            className="rl-usage__item"
            data-kind={responses ? 'output' : 'completion'}
            label={responses ? labels.output : labels.completion}
          >
            {count(counts.output)}
            {counts.output !== null && maxCompletion !== null && (
              <UsageMeter
                value={counts.output}
                max={maxCompletion}
                label={responses ? labels.outputBar : labels.completionBar}
                valueText={labels.ofMax(tokens(counts.output), tokens(maxCompletion))}
              />
            )}
          </Item>
          {counts.reasoning !== undefined && (
            <Item className="rl-usage__item" data-kind="reasoning" label={labels.reasoning}>
              {count(counts.reasoning)}
            </Item>
          )}
          <Item className="rl-usage__item" data-kind="total" label={labels.total}>
            {count(counts.total)}
          </Item>
        </dl>
      ) : usage ? (
        <p className="rl-note">{unreadable}</p>
      ) : (
        <Empty>{labels.empty}</Empty>
      )}
    </div>
  )
})
