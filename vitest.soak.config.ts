// `npm run test:soak`: the crash and fuzz tests at length, one file at a time. CRASH_ROUNDS
// (default 200 SIGKILLs per database) and FUZZ_SECONDS (default 600 per database) override.
// Needs PostgreSQL like the instances project of `npm test`.
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);
// The same single graphql copy as vitest.config.ts.
const resolve = { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] };
const env = {
  CRASH_ROUNDS: process.env.CRASH_ROUNDS ?? "200",
  FUZZ_SECONDS: process.env.FUZZ_SECONDS ?? "600",
};
const common = { pool: "forks" as const, hookTimeout: 120_000 };

export default defineConfig({
  resolve,
  test: {
    // The crash test times kills against a hub's own pace; a fuzz run beside it would skew both.
    fileParallelism: false,
    projects: [
      { resolve, test: { ...common, name: "soak-crash", include: ["test/instances/crash.test.ts"], env } },
      { resolve, test: { ...common, name: "soak-fuzz", include: ["test/api/fuzz.test.ts"], env } },
      {
        resolve,
        test: {
          ...common,
          name: "soak-fuzz-postgres",
          include: ["test/api/fuzz.test.ts"],
          env: { ...env, HUB_TEST_DATABASE: "postgres" },
          globalSetup: ["test/helpers/pg-global-setup.ts"],
        },
      },
    ],
  },
});
