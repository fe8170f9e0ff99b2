// Setup of the DOM test projects (react19, react18).
import { setProjectAnnotations } from '@storybook/react-vite'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import preview from '../../.storybook/preview.js'
import { installConsoleGuard } from './consoleGuard.js'

// No React warning or error in any test: registered first, so that it checks after the cleanup
// below (whose unmounts may warn too).
installConsoleGuard()

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
})

// Portable stories (test/dom/stories.test.tsx) get the same decorators, parameters and globals
// as in Storybook.
setProjectAnnotations(preview)
