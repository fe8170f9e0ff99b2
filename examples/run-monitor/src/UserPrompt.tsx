/** The user's message, shown above the monitor as a chat bubble. */
export function UserPrompt({ text }: { text: string }) {
  return (
    <p className="app-prompt">
      <span className="app-prompt__who">You</span> {text}
    </p>
  )
}
