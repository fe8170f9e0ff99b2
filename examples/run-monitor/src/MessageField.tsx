import type { KeyboardEvent } from 'react'

/** The composer's message box; Ctrl+Enter (⌘+Enter) submits. */
export function MessageField({
  id,
  value,
  onChange,
  onSubmit,
}: {
  id: string
  value: string
  onChange: (message: string) => void
  onSubmit: (event: KeyboardEvent) => void
}) {
  return (
    <div className="app-field">
      <label htmlFor={id}>Message</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) onSubmit(e)
        }}
      />
    </div>
  )
}
