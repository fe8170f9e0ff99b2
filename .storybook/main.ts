import type { StorybookConfig } from '@storybook/react-vite'

// Vite's config is the root vite.config.ts, which resolves @runlens/* to their sources through the
// `@runlens/source` condition: stories run on the code being edited, with no build step.
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
}

export default config
