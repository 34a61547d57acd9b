// The data provider react-admin is given: a stand-in that loads the real one (provider.ts, with
// every area's queries) once someone is signed in (main.tsx) or with the first data call, so
// that the sign-in page, which makes none, does not load that code.
import type { DataProvider } from "react-admin";

let loading: Promise<DataProvider> | undefined;
/** The real data provider, loaded once. */
export function loadDataProvider(): Promise<DataProvider> {
  // A failed load (the hub restarting) is tried again with the next call.
  loading ??= import("./provider.ts").then(
    (module) => module.dataProvider,
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** react-admin's data calls; the console calls no others. */
const methods = [
  "getList",
  "getOne",
  "getMany",
  "getManyReference",
  "create",
  "update",
  "updateMany",
  "delete",
  "deleteMany",
] as const;

export const dataProvider = Object.fromEntries(
  methods.map((method) => [
    method,
    async (...args: unknown[]) =>
      ((await loadDataProvider())[method] as (...args: unknown[]) => unknown)(...args),
  ]),
) as unknown as DataProvider;
