// The peers' runtime exports that the React layer uses, imported in this one module: a bundle that
// keeps the peers external (an app's CDN build, the run monitor's size budget) then carries one
// import statement per peer rather than one per file. The React-free store imports its own.
// esbuild keeps every name such an external import lists, used or not: only what the run monitor
// uses is here; the list, Suspense and mutation hooks import theirs from the peer directly, and so
// does the module of the query options, which must reach no client module (esbuild does not merge
// its import with this one, so listing its names here too would only repeat them).
// JSX compiles to createElement from here too (through h.ts, which says why).

export {
  hashKey,
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query'
export {
  createContext,
  createElement,
  Fragment,
  forwardRef,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
export { useStore } from 'zustand'
