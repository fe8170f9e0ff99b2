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

/**
 * Preformatted server text. With `json`, pretty-printed when it parses (flagged
 * `data-valid-json`), and followed by `invalid` when it does not.
 */
export function Code({ text, json, invalid }: { text: string; json?: boolean; invalid?: ReactNode }) {
  const shown = json ? prettyJson(text) : { text, valid: true }
  return (
    <>
      <pre className="rl-code" data-valid-json={json ? String(shown.valid) : undefined}>
        <code>{shown.text}</code>
      </pre>
      {!shown.valid && invalid && <p className="rl-note">{invalid}</p>}
    </>
  )
}
