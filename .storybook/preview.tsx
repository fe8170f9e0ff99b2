import '@runlens/react/styles.css'
import type { Decorator, Preview } from '@storybook/react-vite'

/** The toolbar's theme, applied the way users apply it: `data-rl-theme` on an ancestor. */
const withTheme: Decorator = (Story, context) => {
  const theme =
    context.globals.theme === 'dark' || context.globals.theme === 'auto' ? context.globals.theme : 'light'
  return (
    <div
      data-rl-theme={theme}
      style={{
        background: 'var(--rl-bg)',
        color: 'var(--rl-fg)',
        padding: '1.25rem',
        // Fill the canvas in story view; in docs each story keeps its own height.
        minHeight: context.viewMode === 'docs' ? undefined : '100vh',
      }}
    >
      <Story />
    </div>
  )
}

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'runlens theme (data-rl-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'auto', title: 'Auto (system)', icon: 'browser' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // Any accessibility violation fails the story (in the Storybook UI and in the test runner).
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
}

export default preview
