'use client'

import type { RunUsage as RunUsageData } from '@runlens/client'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type UsageLabels, usageLabels } from './defaultLabels.js'
import { formatNumber } from './format.js'
import { type HeadingLevel, heading } from './headings.js'
import { useLabels, useLocale } from './RunlensLabelsProvider.js'

export interface RunUsageProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** `run.usage`; `null` while the run has not finished (the API reports usage at the end). */
  usage: RunUsageData | null | undefined
  /** `run.max_prompt_tokens`: when set, a bar shows the prompt tokens against it. Default: no bar. */
  maxPromptTokens?: number | null
  /** `run.max_completion_tokens`: when set, a bar shows the completion tokens against it. Default: no bar. */
  maxCompletionTokens?: number | null
  /** BCP 47 locale for the numbers. Default: the provider's, else the runtime's. */
  locale?: string
  /** The level of the panel's heading. Default 3. */
  headingLevel?: HeadingLevel
  /** Replaces any of the panel's words. Default: the provider's, else English. */
  labels?: PartialLabels<UsageLabels>
}

interface BarProps {
  value: number
  max: number
  label: string
  valueText: string
}

/** A meter (ARIA `meter`), drawn with two divs so it styles the same in every browser. */
function UsageBar({ value, max, label, valueText }: BarProps) {
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
  const n = (v: number) => formatNumber(v, locale)
  return (
    // A div, not a named section: several panels on a page would repeat the same landmark name.
    <div ref={ref} className={cx('rl-usage', className)} data-state={usage ? 'reported' : 'empty'} {...props}>
      {heading(headingLevel, { className: 'rl-usage__title' }, labels.title)}
      {usage ? (
        <dl className="rl-usage__list">
          <div className="rl-usage__item" data-kind="prompt">
            <dt>{labels.prompt}</dt>
            <dd>
              <data value={usage.prompt_tokens}>{n(usage.prompt_tokens)}</data>
              {maxPromptTokens != null && (
                <UsageBar
                  value={usage.prompt_tokens}
                  max={maxPromptTokens}
                  label={labels.promptBar}
                  valueText={labels.ofMax(n(usage.prompt_tokens), n(maxPromptTokens))}
                />
              )}
            </dd>
          </div>
          <div className="rl-usage__item" data-kind="completion">
            <dt>{labels.completion}</dt>
            <dd>
              <data value={usage.completion_tokens}>{n(usage.completion_tokens)}</data>
              {maxCompletionTokens != null && (
                <UsageBar
                  value={usage.completion_tokens}
                  max={maxCompletionTokens}
                  label={labels.completionBar}
                  valueText={labels.ofMax(n(usage.completion_tokens), n(maxCompletionTokens))}
                />
              )}
            </dd>
          </div>
          <div className="rl-usage__item" data-kind="total">
            <dt>{labels.total}</dt>
            <dd>
              <data value={usage.total_tokens}>{n(usage.total_tokens)}</data>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="rl-empty">{labels.empty}</p>
      )}
    </div>
  )
})
