import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { prettyJson } from './format.js'

// Small pieces of markup that several components repeat, said once.

/** One term and its description, in the `<div>` that groups them inside a `<dl>`. */
export function Item({ label, children, ...props }: ComponentPropsWithoutRef<'div'> & { label: ReactNode }) {
  return (
    <div {...props}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** The placeholder text of an empty panel or field. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="rl-empty">{children}</p>
}

/** What a server said, where something could not be read: a short muted note, `data-unreadable`. */
export function Unreadable({ children }: { children: ReactNode }) {
  return (
    <span className="rl-unreadable" data-unreadable="">
      {children}
    </span>
  )
}

/** A value that should have been text, as text: JSON for anything else (e.g. `arguments` as an object). */
function asText(value: unknown): { text: string; valid: boolean } {
  if (typeof value === 'string') return { text: value, valid: true }
  try {
    return { text: JSON.stringify(value, null, 2) ?? String(value), valid: false }
  } catch {
    return { text: String(value), valid: false }
  }
}

/**
 * Preformatted server text. With `json`, pretty-printed when it parses (flagged
 * `data-valid-json`), and followed by `invalid` when it does not. A value that is not a string
 * (the wire's types say it is) is shown as JSON, flagged as not valid JSON text.
 */
export function Code({ text, json, invalid }: { text: unknown; json?: boolean; invalid?: ReactNode }) {
  const read = asText(text)
  const shown = !read.valid ? read : json ? prettyJson(read.text) : read
  return (
    <>
      <pre className="rl-code" data-valid-json={json ? String(shown.valid) : undefined}>
        <code>{shown.text}</code>
      </pre>
      {!shown.valid && invalid && <p className="rl-note">{invalid}</p>}
    </>
  )
}
