import { composeStories } from '@storybook/react-vite'
import { describe, expect, test } from 'vitest'
import * as flows from '../../../../stories/flows/ResponseMonitor.flows.stories.js'
import { playEachStory } from '../support/playStories.js'

// The Responses flow stories are tests too: each renders on its own in-browser simulator and its
// play function drives the chain to its end (test/e2e/stories.test.ts plays them in Chromium).
describe('Responses flow stories', () => {
  const stories = Object.entries(composeStories(flows))
  test('cover a text answer, a function call with approval, a dropped stream and a cancel', () => {
    expect(stories.map(([name]) => name)).toEqual([
      'TextAnswer',
      'FunctionCallWithApproval',
      'DroppedStreamResumes',
      'Cancel',
    ])
  })
  playEachStory(stories)
})
