import { build } from 'esbuild';

/** Minified bytes of a bundle of `code` (an entry importing from generated files), as a user's bundler builds it. */
export async function bundle(code: string, resolveDir: string, nodeEnv: 'production' | 'development'): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    treeShaking: true,
    external: ['@segment/analytics-next', '@segment/analytics-node'],
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
