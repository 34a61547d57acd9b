// Code splitting by page: a page component is fetched with its module on first use, so that the
// sign-in page and the dashboard load only the code they show. react-admin's layout renders
// pages inside <Suspense> (a progress bar while a page's code arrives).
import { type ComponentType, lazy } from "react";

/** The named export `name` of the module that `load` imports, loaded when first rendered. */
export function lazyPage<M extends Record<K, ComponentType<never>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): M[K] {
  return lazy(async () => ({ default: (await load())[name] as ComponentType })) as unknown as M[K];
}
