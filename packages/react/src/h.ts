import type { JSX as ReactJSX } from 'react'
import { createElement } from './peers.js'

/**
 * The JSX factory of this package: React's `createElement`, which every module with JSX names in
 * its header (`@jsxRuntime classic`, `@jsx h`). Why not the automatic runtime: compilers give each
 * module with JSX its own `react/jsx-runtime` import, which a bundle that keeps React external (an
 * app's CDN build, the run monitor's size budget) carries once per module, each under names of its
 * own; through `h`, every element goes through the one `react` import of peers.ts, and children
 * are arguments rather than `children` keys. The published build has no JSX left, so apps see plain
 * `createElement` calls; only a development build of these sources (tests, Storybook, the demo)
 * adds `__self` to each call, for which React 19 logs once that the transform is "outdated".
 */
export const h = createElement

// Where TypeScript looks for the JSX types of a classic factory: `h.JSX`, here React's own.
export declare namespace h {
  namespace JSX {
    type ElementType = ReactJSX.ElementType
    interface Element extends ReactJSX.Element {}
    interface ElementClass extends ReactJSX.ElementClass {}
    interface ElementAttributesProperty extends ReactJSX.ElementAttributesProperty {}
    interface ElementChildrenAttribute extends ReactJSX.ElementChildrenAttribute {}
    type LibraryManagedAttributes<C, P> = ReactJSX.LibraryManagedAttributes<C, P>
    interface IntrinsicAttributes extends ReactJSX.IntrinsicAttributes {}
    interface IntrinsicClassAttributes<T> extends ReactJSX.IntrinsicClassAttributes<T> {}
    interface IntrinsicElements extends ReactJSX.IntrinsicElements {}
  }
}
