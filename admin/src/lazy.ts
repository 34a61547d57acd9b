// Code splitting by page: a page component is fetched with its module on first use, so that the
// sign-in page and the dashboard load only the code they show. react-admin's layout renders
// pages inside <Suspense> (a progress bar while a page's code arrives).
import { type ComponentType, lazy } from "react";

/** A page whose module loads on demand, or ahead of time once it is known to be needed. */
export interface PageModule {
  /** Loads the module once (again after a failure) and gives the page component. */
  load(): Promise<ComponentType>;
  /** The page component if its module has arrived. */
  loaded(): ComponentType | undefined;
}

/** The named export `name` of the module that `load` imports. */
export function pageModule<M extends Record<K, ComponentType<never>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): PageModule {
  let component: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  return {
    load() {
      loading ??= load().then(
        (module) => {
          component = module[name] as ComponentType;
          return component;
        },
        (error) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => component,
  };
}

/** The named export `name` of the module that `load` imports, loaded when first rendered. */
export function lazyPage<M extends Record<K, ComponentType<never>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): M[K] {
  const page = pageModule(load, name);
  return lazy(async () => ({ default: await page.load() })) as unknown as M[K];
}
