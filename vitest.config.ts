import fs from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = fs.existsSync(chromium);
if (!hasChromium) {
  if (process.env.CI === "true")
    throw new Error(`Browser tests need Chromium at ${chromium}: apt-get install -y chromium`);
  console.warn(
    `Browser tests left out: no Chromium at ${chromium}. Install it with: apt-get install -y chromium`,
  );
}

// graphql 16 ships CJS and ESM builds; Node (and so Pothos and Apollo) load the CJS one, and a
// second copy in the tests would make graphql refuse the schema's types as "from another realm".
const resolve = { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] };

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts", "test/unit/**/*.test.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(hasChromium
        ? [
            {
              resolve,
              test: {
                name: "e2e",
                include: ["test/e2e/**/*.test.ts"],
                globalSetup: ["test/e2e/global-setup.ts"],
                pool: "forks" as const,
                fileParallelism: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
