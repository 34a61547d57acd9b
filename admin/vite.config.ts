import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const api = process.env.HUB_URL ?? "http://localhost:4000";
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a .br (brotli, best) and a .gz (gzip, best) beside every script, style sheet and page
 * of the build, once, so that the hub serves them compressed without compressing per request
 * (server/http.ts, precompressedAssets).
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "hub-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|json)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const content = await fs.promises.readFile(file);
          if (content.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          await fs.promises.writeFile(`${file}.br`, br);
          await fs.promises.writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

// `npm run dev`: the console with hot reload, talking to a hub started with `npm start`.
// The build splits the console by page (lazy page components in src/*/index.tsx) and by data
// layer (src/dataProvider/index.ts); its files under assets/ carry a content hash and are
// cached for a year (server/http.ts).
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // Everything the first page needs in one file, not in the pieces it shares with lazy pages:
    // compressed as a whole it is smaller, and it takes fewer requests.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: "index", tags: ["$initial"] }] } } },
  },
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: api, ws: true, changeOrigin: false },
      "/exports": { target: api },
    },
  },
});
