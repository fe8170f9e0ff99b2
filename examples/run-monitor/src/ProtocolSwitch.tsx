import { useId } from 'react'
import { keepInUrl, readUrlParam } from './demoSettings.js'

/** The API the demo drives: Assistants v2 runs on threads, or background responses. */
export type Protocol = 'assistants' | 'responses'

const choices: ReadonlyArray<{ value: Protocol; label: string }> = [
  { value: 'assistants', label: 'Assistants runs' },
  { value: 'responses', label: 'Responses background' },
]

/** The protocol the URL names (`?protocol=responses`); Assistants runs otherwise. */
export function protocolFromUrl(): Protocol {
  return readUrlParam('protocol') === 'responses' ? 'responses' : 'assistants'
}

/** Keeps the choice in the URL, so that a reload comes back to it. */
export function keepProtocol(protocol: Protocol): void {
  keepInUrl('protocol', protocol === 'responses' ? protocol : null)
}

/** A segmented control of two radio buttons: arrow keys move between them, as in any radio group. */
export function ProtocolSwitch({ value, onChange }: { value: Protocol; onChange: (next: Protocol) => void }) {
  const name = useId()
  return (
    <fieldset className="app-protocol">
      <legend className="app-protocol__legend">API</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="app-protocol__choice">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  )
}
