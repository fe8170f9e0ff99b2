'use client'

import { Component, Fragment, type ReactNode, useId } from 'react'
import { monitorLabels } from './components/defaultLabels.js'
import { Heading, type HeadingLevel } from './components/Heading.js'
import type { RunlensLabelsOverride } from './components/RunlensLabelsProvider.js'
import { useLabels } from './components/RunlensLabelsProvider.js'

interface RunMonitorBoundaryProps {
  labels?: RunlensLabelsOverride | undefined
  headingLevel?: HeadingLevel | undefined
  children: ReactNode
}

interface RunMonitorBoundaryState {
  error: unknown
  /** Bumped by "Try again": the monitor below mounts afresh (its hooks and their state anew). */
  attempt: number
}

/**
 * The connected monitor's own error boundary: whatever goes wrong while it renders (a value no
 * guard foresaw, a labels function that throws), the monitor says so in its place, with a button
 * that mounts it again, and the host page stays up. React still reports the error (console.error
 * in development, `onCaughtError` of the root).
 */
export class RunMonitorBoundary extends Component<RunMonitorBoundaryProps, RunMonitorBoundaryState> {
  override state: RunMonitorBoundaryState = { error: null, attempt: 0 }

  static getDerivedStateFromError(error: unknown): Partial<RunMonitorBoundaryState> {
    // `null` thrown would read as "no error": keep something to show.
    return { error: error ?? new Error(String(error)) }
  }

  private retry = () => {
    this.setState((state) => ({ error: null, attempt: state.attempt + 1 }))
  }

  override render(): ReactNode {
    const { error, attempt } = this.state
    if (error) {
      return (
        <MonitorFailed
          error={error}
          labels={this.props.labels}
          headingLevel={this.props.headingLevel}
          onRetry={this.retry}
        />
      )
    }
    // A new key on each attempt: everything below mounts afresh.
    return <Fragment key={attempt}>{this.props.children}</Fragment>
  }
}

function MonitorFailed({
  error,
  labels: override,
  headingLevel = 2,
  onRetry,
}: {
  error: unknown
  labels: RunlensLabelsOverride | undefined
  headingLevel: HeadingLevel | undefined
  onRetry: () => void
}) {
  const labels = useLabels('monitor', monitorLabels, override?.monitor)
  const id = useId()
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  return (
    <section className="rl-monitor" data-state="crashed" aria-labelledby={`${id}-title`}>
      <div className="rl-monitor__header">
        <Heading level={headingLevel} id={`${id}-title`} className="rl-monitor__title">
          {labels.title}
        </Heading>
      </div>
      <div className="rl-error" role="alert">
        <div className="rl-error__item" data-kind="monitor">
          <p className="rl-error__title">{labels.crashed}</p>
          {message && <p className="rl-error__message">{message}</p>}
        </div>
      </div>
      <div className="rl-actions">
        <button type="button" className="rl-button" data-variant="secondary" onClick={onRetry}>
          {labels.retry}
        </button>
      </div>
    </section>
  )
}
