// Bundles the hub into dist/server (ESM for Node 20, source maps) when a file it was built from
// changed since the last build, so that `npm start` runs plain JavaScript without a TypeScript
// loader and without rebuilding on every start. `--force` rebuilds regardless.
//   dist/server/main.js          the hub (server/main.ts)
//   dist/server/migrate-cli.js   npm run db:migrate (server/db/migrate-cli.ts)
//   dist/server/user-add-cli.js  npm run user:add (server/modules/organisations/user-add-cli.ts)
// Packages stay in node_modules (imported at run time); only the project's own TypeScript,
// including the generated Prisma clients, is bundled. Run with `node --enable-source-maps`, so
// that stack traces in the log name the .ts source lines.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist/server");
const metaFile = path.join(outdir, "meta.json");
const entryPoints = {
  main: "server/main.ts",
  "migrate-cli": "server/db/migrate-cli.ts",
  "user-add-cli": "server/modules/organisations/user-add-cli.ts",
};

/** Whether the bundle is missing or older than any file it was built from (or than this script). */
function stale() {
  if (process.argv.includes("--force")) return true;
  let built;
  let inputs;
  try {
    built = Math.min(
      ...Object.keys(entryPoints).map((name) => fs.statSync(path.join(outdir, `${name}.js`)).mtimeMs),
    );
    inputs = JSON.parse(fs.readFileSync(metaFile, "utf8")).inputs;
  } catch {
    return true;
  }
  for (const input of [...inputs, "scripts/build-server.mjs"]) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, input));
    } catch {
      return true; // a source file was removed or renamed
    }
    if (stat.mtimeMs > built) return true;
  }
  return false;
}

/**
 * Paths computed from `import.meta.url` (the migrations, admin/dist, the schema engine's wasm)
 * keep the meaning they have in the source: in each bundled file, `import.meta.url` becomes the
 * URL of that source file, reckoned from the bundle's own location.
 */
const sourceUrls = {
  name: "source-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, "utf8");
      if (/import\.meta\.(dirname|filename)/.test(source)) {
        throw new Error(
          `${path.relative(root, args.path)}: use import.meta.url (the server build maps it to the source file)`,
        );
      }
      if (!source.includes("import.meta.url")) return undefined;
      const relative = path.relative(outdir, args.path).split(path.sep).join("/");
      return {
        contents: source.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
        ),
        loader: path.extname(args.path).slice(1),
      };
    });
  },
};

if (stale()) {
  const started = Date.now();
  console.log("Building the server (dist/server) …");
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    logLevel: "warning",
    plugins: [sourceUrls],
  });
  // Only what was bundled decides whether the next start rebuilds.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes("node_modules/"));
  // Outputs of an earlier build that this one did not write (chunks with other hashes).
  const written = new Set(Object.keys(result.metafile.outputs).map((output) => path.resolve(root, output)));
  for (const name of fs.readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (file !== metaFile && !written.has(file)) fs.rmSync(file, { recursive: true, force: true });
  }
  fs.writeFileSync(metaFile, `${JSON.stringify({ inputs }, null, 1)}\n`);
  console.log(`Server built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
