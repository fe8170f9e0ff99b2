'use client'

import { useEffect, useRef, useState } from 'react'

/**
 * What a polite live region says: `text`, each time `key` changes after mount (when `text` is not
 * empty). What was on screen at mount is page content, not news; nothing else is repeated.
 */
export function useAnnouncement(key: unknown, text: string): string {
  const [said, setSaid] = useState('')
  const last = useRef(key)
  useEffect(() => {
    if (key !== last.current && text) setSaid(text)
    last.current = key
  }, [key, text])
  return said
}
