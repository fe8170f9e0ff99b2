import { type ReactNode, useState } from 'react'

/**
 * The frame of a flow story: the session, and a "Run again" button under it that starts over with
 * a fresh one (`children` is called with the round, to key it by).
 */
export function FlowFrame({ children }: { children: (round: number) => ReactNode }) {
  const [round, setRound] = useState(0)
  return (
    <div
      style={{
        maxWidth: 880,
        margin: '0 auto',
        display: 'grid',
        gap: '0.75rem',
        fontFamily: 'var(--rl-font)',
        fontSize: 'var(--rl-font-size)',
      }}
    >
      {children(round)}
      <div>
        <button type="button" className="rl-button" onClick={() => setRound((r) => r + 1)}>
          Run again
        </button>
      </div>
    </div>
  )
}

/** The user's message, as a chat bubble above the monitor. */
export function UserBubble({ message }: { message: string }) {
  return (
    <p
      style={{
        justifySelf: 'end',
        margin: 0,
        padding: '0.5rem 0.8rem',
        borderRadius: 'var(--rl-radius)',
        background: 'var(--rl-active-bg)',
        color: 'var(--rl-fg)',
      }}
    >
      <strong style={{ color: 'var(--rl-active-fg)' }}>You</strong> {message}
    </p>
  )
}
