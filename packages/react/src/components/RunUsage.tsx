'use client'

import type { RunUsage as RunUsageData } from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type UsageLabels, usageLabels } from './defaultLabels.js'
import { formatNumber } from './format.js'
import { Heading, type HeadingLevel } from './Heading.js'
import { Empty, Item } from './parts.js'
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
  const rows = usage
    ? ([
        ['prompt', usage.prompt_tokens, maxPromptTokens, labels.promptBar],
        ['completion', usage.completion_tokens, maxCompletionTokens, labels.completionBar],
        ['total', usage.total_tokens],
      ] as const)
    : []
  return (
    // A div, not a named section: several panels on a page would repeat the same landmark name.
    <div ref={ref} className={cx('rl-usage', className)} data-state={usage ? 'reported' : 'empty'} {...props}>
      <Heading level={headingLevel} className="rl-usage__title">
        {labels.title}
      </Heading>
      {usage ? (
        <dl className="rl-usage__list">
          {rows.map(([kind, value, max, label]) => {
            const ratio = max ? value / max : 0
            return (
              <Item key={kind} className="rl-usage__item" data-kind={kind} label={labels[kind]}>
                <data value={value}>{n(value)}</data>
                {max != null && (
                  // A meter drawn with two divs, so it styles the same in every browser.
                  // biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be styled alike across browsers
                  <div
                    className="rl-meter"
                    role="meter"
                    aria-label={label}
                    aria-valuemin={0}
                    aria-valuemax={max}
                    aria-valuenow={Math.min(value, max)}
                    aria-valuetext={labels.ofMax(n(value), n(max))}
                    data-level={ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : 'normal'}
                  >
                    <div className="rl-meter__fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
                  </div>
                )}
              </Item>
            )
          })}
        </dl>
      ) : (
        <Empty>{labels.empty}</Empty>
      )}
    </div>
  )
})
