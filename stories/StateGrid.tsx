import type { ReactNode } from 'react'

// Layout for the AllStates stories: every state side by side, each under its name.

export function StateGrid({ children, min = '16rem' }: { children: ReactNode; min?: string }) {
  return (
    <div
      style={{
        display: 'grid',
        // min(…, 100%): on a screen narrower than `min`, one column as wide as the screen.
        gridTemplateColumns: `repeat(auto-fill, minmax(min(${min}, 100%), 1fr))`,
        gap: '1.25rem',
        alignItems: 'start',
      }}
    >
      {children}
    </div>
  )
}

export function StateCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'grid', gap: '0.5rem', alignContent: 'start' }}>
      <p
        style={{
          margin: 0,
          fontFamily: 'var(--rl-font-mono)',
          fontSize: '0.75rem',
          color: 'var(--rl-fg-muted)',
        }}
      >
        {label}
      </p>
      {children}
    </div>
  )
}
