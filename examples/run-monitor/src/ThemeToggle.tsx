import { useEffect, useState } from 'react'

type Theme = 'light' | 'dark'

const STORAGE_KEY = 'runlens-demo-theme'

function initialTheme(): Theme {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'light' || stored === 'dark') return stored
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

/**
 * Light or dark for the whole page: the components follow `data-rl-theme` on any ancestor, and the
 * demo's own styles read the same variables.
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => {
    const wanted = new URLSearchParams(location.search).get('theme')
    return wanted === 'light' || wanted === 'dark' ? wanted : initialTheme()
  })

  useEffect(() => {
    document.documentElement.dataset.rlTheme = theme
  }, [theme])

  const next: Theme = theme === 'dark' ? 'light' : 'dark'
  return (
    <button
      type="button"
      className="rl-button app-theme"
      aria-pressed={theme === 'dark'}
      onClick={() => {
        localStorage.setItem(STORAGE_KEY, next)
        setTheme(next)
      }}
    >
      <span aria-hidden="true">☾</span> <span className="app-theme__label">Dark theme</span>
    </button>
  )
}
