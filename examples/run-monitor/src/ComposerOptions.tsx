import type { ReactNode } from 'react'
import { backend, CUT_AFTER } from './demoSettings.js'

/** The options both composers offer, whatever the protocol. */
export interface ComposerOptionsState {
  approval: boolean
  autoTools: boolean
  dropStream: boolean
}

/** How the monitor answers a run's tool calls, as the options were when it started. */
export interface StartOptions {
  /** Show the approve/deny step before the tool output form. */
  approval: boolean
  /** Answer tool calls with the demo's functions instead of the form. */
  autoTools: boolean
}

/** Handlers answer without asking: with them on, the approval step does not apply. */
export function startOptionsOf({ approval, autoTools }: ComposerOptionsState): StartOptions {
  return { approval: approval && !autoTools, autoTools }
}

/**
 * The composer's options: approval, the demo's handlers, and (on the simulator only) a dropped
 * stream. `children` adds options of one protocol after them.
 */
export function ComposerOptions({
  value: { approval, autoTools, dropStream },
  onChange,
  children,
}: {
  value: ComposerOptionsState
  onChange: (patch: Partial<ComposerOptionsState>) => void
  children?: ReactNode
}) {
  return (
    <fieldset className="app-options">
      <legend>Options</legend>
      <label className="app-check">
        <input
          type="checkbox"
          checked={approval && !autoTools}
          disabled={autoTools}
          onChange={(e) => onChange({ approval: e.target.checked })}
        />
        Ask for approval before answering tool calls
      </label>
      <label className="app-check">
        <input
          type="checkbox"
          checked={autoTools}
          onChange={(e) => onChange({ autoTools: e.target.checked })}
        />
        Answer tool calls automatically with the demo's functions
      </label>
      {backend === 'simulator' && (
        <label className="app-check">
          <input
            type="checkbox"
            checked={dropStream}
            onChange={(e) => onChange({ dropStream: e.target.checked })}
          />
          Drop the stream after {CUT_AFTER} events (simulated fault)
        </label>
      )}
      {children}
    </fieldset>
  )
}
