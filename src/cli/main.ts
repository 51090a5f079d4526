import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import type { AuditCliOptions } from './audit.js';
import type { DiffCliOptions } from './diff.js';
import type { DocsCliOptions } from './docs.js';
import type { LintCliOptions } from './lint.js';
import type { GenerateCliOptions } from './generate.js';
import type { InferCliOptions } from './infer.js';
import type { StatusCliOptions } from './status.js';
import type { ImportOptions } from './import.js';
import type { InitOptions } from './init.js';
import type { ServeCliOptions } from './serve.js';
import type { SqlCliOptions } from './sql.js';
import type { ReportCliOptions } from './report.js';
import { EXIT, InputError, UsageError } from './errors.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * The `trackplan` command line; returns the exit code instead of exiting, for tests.
 * Each command's module is imported when the command runs: `audit` need not load the code
 * generator or ajv's compiler before it starts work (about 50 ms of a run's start).
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('trackplan')
    .description('Tracking-plan governance from a git checkout: check plans, compile them to JSON Schema, generate typed clients.')
    .version(version, '-V, --version')
    .option('--debug', 'show stack traces of unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  let code: number = EXIT.ok;
  program
    .command('check')
    .description('check plans and report every problem with file:line:col (exit 0 clean, 2 on errors)')
    .argument('<plan...>', 'plan files (YAML)')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .action(async (files: string[], opts: { format: string }) => {
      code = await (await import('./check.js')).runCheck(files, opts);
    });
  program
    .command('lint')
    .description('check plans against quality rules (names, descriptions, consistency); 0 clean, 1 findings')
    .argument('<plan...>', 'plan files (YAML)')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'junit', 'github', 'markdown']).default('pretty'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this')
    .option('--fix', 'apply the safe, mechanical fixes to the plan files (comments and layout kept)')
    .action(async (files: string[], opts: LintCliOptions) => {
      code = await (await import('./lint.js')).runLint(files, opts);
    });
  program
    .command('diff')
    .description('classify the changes between two versions of a plan and check the version bump (exit 1 on breaking changes without a major bump)')
    .argument('<plan...>', 'base and head plans, or one plan with --against')
    .option('--against <git-ref>', 'compare the plan with itself at a git revision (e.g. origin/main)')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'markdown']).default('pretty'))
    .option('--allow-breaking', 'exit 0 even for breaking changes without a major version bump')
    .action(async (files: string[], opts: DiffCliOptions) => {
      code = await (await import('./diff.js')).runDiff(files, opts);
    });
  program
    .command('compile')
    .description('compile a plan to JSON Schema, one file per message plus index.json')
    .argument('<plan>', 'plan file (YAML)')
    .option('-o, --out <dir>', 'folder to write the schemas to')
    .addOption(new Option('--draft <draft>', 'JSON Schema draft').choices(['07', '2020-12']).default('07'))
    .option('--check', 'write nothing; exit 1 when the files in --out differ from what would be written')
    .option('--force', 'overwrite files in --out that trackplan did not write')
    .action(async (file: string, opts: { out?: string; draft: string; check?: boolean; force?: boolean }) => {
      code = await (await import('./compile.js')).runCompile(file, opts);
    });

  program
    .command('docs')
    .description('write a static site of the plans (index with search, a page per message, JSON Schema downloads); works from file://')
    .argument('<plan...>', 'plan files (YAML)')
    .option('-o, --out <dir>', 'folder to write the site to')
    .option('--since <git-ref>', 'add what changed since this git revision (the `diff` changelog) and mark changed messages')
    .option('--repo-url <url>', 'link file:line to the repository, e.g. https://github.com/acme/plans/blob/main')
    .option('--check', 'write nothing; exit 1 when the files in --out differ from what would be written')
    .option('--force', 'overwrite files in --out that trackplan did not write')
    .action(async (files: string[], opts: DocsCliOptions) => {
      code = await (await import('./docs.js')).runDocs(files, opts);
    });

  program
    .command('generate')
    .description('generate a typed TypeScript client with precompiled validators (from the plan, or trackplan.config.yaml)')
    .argument('[plan]', 'plan file (YAML); omit to use the targets of trackplan.config.yaml')
    .option('-o, --out <dir>', 'folder to write the client to')
    .addOption(new Option('--client <client>', 'the SDK the functions call (default analytics-next)').choices(['analytics-next', 'analytics-node', 'generic']))
    .addOption(new Option('--validate <mode>', 'when calls are checked: dev (unless NODE_ENV=production, default), always, never').choices(['dev', 'always', 'never']))
    .option('--templates <dir>', 'templates that override the shipped ones, file by file')
    .option('--check', 'write nothing; exit 1 when the files in --out differ from what would be written')
    .option('--force', 'overwrite files in --out that trackplan did not write')
    .action(async (plan: string | undefined, opts: GenerateCliOptions) => {
      code = await (await import('./generate.js')).runGenerate(plan, opts);
    });

  program
    .command('audit')
    .description('check captured messages (NDJSON, JSON, Segment batches; plain or gzip) against a plan')
    .argument('<plan>', 'plan file (YAML)')
    .argument('<file...>', 'inputs; - for standard input')
    .addOption(new Option('--format <format>', 'report format on stdout (html: one self-contained page with charts)').choices(['pretty', 'json', 'junit', 'github', 'markdown', 'html']))
    .option('--output <format=path...>', 'also write a report to a file, e.g. --output junit=audit.xml (repeatable)')
    .option('--fail-on <codes>', 'comma-separated codes that fail the build (default: every error-severity code)')
    .option('--max-violations <n>', 'fail only when violations and bad input counted (error severity, or --fail-on codes) are more than n')
    .option('--max-rate <rate>', 'fail when the share of invalid messages and bad input is above rate (e.g. 0.01)')
    .option('--min-coverage <share>', 'fail when fewer than this share of planned events (deprecated ones left out) was seen (e.g. 0.9)')
    .option('--workers <n>', 'threads for large files (default: one per CPU this process may use, at most 16)')
    .option('--docs-url <url>', 'the html report links each message to its page in the `trackplan docs` site at this address (or relative path)')
    .option('--engine <engine>', 'js, duckdb (the plan compiled to SQL on an embedded DuckDB; reads Parquet too) or auto (default: js, duckdb for Parquet inputs)')
    .action(async (plan: string, files: string[], opts: AuditCliOptions) => {
      code = await (await import('./audit.js')).runAudit(plan, files, opts);
    });

  program
    .command('infer')
    .description('write a plan from captured messages (NDJSON, JSON, Segment batches; plain or gzip): types, required, enums, formats, with the evidence as comments')
    .argument('<file...>', 'inputs; - for standard input')
    .option('-o, --out <plan.yaml>', 'write the plan to this file (default: standard output)')
    .option('--force', 'overwrite --out if it exists')
    .option('--plan <plan.yaml>', 'compare with this plan instead: print what the traffic has that it lacks, as a diff of its file')
    .option('--write', 'with --plan: apply that diff to the plan file (it only ever adds; comments and layout kept)')
    .option('--required-threshold <share>', 'required when present in at least this share of its messages (default 1: every one)')
    .option('--no-enums', 'never write enum values (no value of the input ends up in the plan)')
    .option('--name <name>', 'the plan\'s name (default: inferred)')
    .option('--workers <n>', 'threads for large plain NDJSON files (default: one per CPU this process may use, at most 16)')
    .action(async (files: string[], opts: InferCliOptions) => {
      code = await (await import('./infer.js')).runInfer(files, opts);
    });

  program
    .command('status')
    .description('find which planned messages the code sends (calls of the generated client, raw SDK calls) in TypeScript and JavaScript; exit 1 when some are never sent')
    .argument('<plan>', 'plan file (YAML)')
    .argument('[paths...]', 'files and folders to scan (default: the current folder; .gitignore respected)')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'junit', 'github', 'markdown']).default('pretty'))
    .option('--fail-on <codes>', 'comma-separated codes that exit 1 (default: never-called; also unplanned-call, bypasses-client, unparsable-file)')
    .action(async (plan: string, paths: string[], opts: StatusCliOptions) => {
      code = await (await import('./status.js')).runStatus(plan, paths, opts);
    });

  program
    .command('sql')
    .description('print the plan compiled to one SQL query that audits messages in a warehouse: DuckDB, Spark or Trino (docs/sql.md)')
    .argument('<plan>', 'plan file (YAML)')
    .option('--dialect <dialect>', 'duckdb, spark or trino')
    .option('--from <relation>', 'the table, view or file expression with columns file, line, message')
    .action(async (plan: string, opts: SqlCliOptions) => {
      code = await (await import('./sql.js')).runSql(plan, opts);
    });

  program
    .command('report')
    .description("the audit report and exit code of the rows `trackplan sql`'s query returned (JSON lines or CSV; - for standard input)")
    .argument('<plan>', 'plan file (YAML)')
    .argument('<rows...>', 'rows files; - for standard input')
    .addOption(new Option('--format <format>', 'report format on stdout').choices(['pretty', 'json', 'junit', 'github', 'markdown', 'html']))
    .option('--output <format=path...>', 'also write a report to a file, e.g. --output junit=audit.xml (repeatable)')
    .option('--fail-on <codes>', 'comma-separated codes that fail the build (default: every error-severity code)')
    .option('--max-violations <n>', 'fail only when violations and bad input counted are more than n')
    .option('--max-rate <rate>', 'fail when the share of invalid messages and bad input is above rate (e.g. 0.01)')
    .option('--min-coverage <share>', 'fail when fewer than this share of planned events was seen (e.g. 0.9)')
    .option('--docs-url <url>', 'the html report links each message to its page in the `trackplan docs` site at this address (or relative path)')
    .action(async (plan: string, files: string[], opts: ReportCliOptions) => {
      code = await (await import('./report.js')).runReport(plan, files, opts);
    });

  program
    .command('serve')
    .description('a Segment-compatible endpoint that checks messages as they arrive, for end-to-end tests (the first line of output is its URL)')
    .argument('<plan>', 'plan file (YAML)')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--out <capture.ndjson>', 'write every message (as stored) to this NDJSON file before answering; `trackplan audit` on it gives the same report')
    // Repeated rather than variadic: `--write-key k plan.yaml` must not take the plan for a key.
    .option('--write-key <key>', 'accept only this write key (repeat for more), and the keys /trackplan/reset issues', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--max-messages <n>', 'messages the store keeps (the most recent)', '100000')
    .option('--forward <url>', "send accepted messages on to this upstream (Segment's API, https://api.segment.io, or one like it) through an on-disk queue")
    .option('--queue-dir <dir>', 'the forward queue\'s folder', '.trackplan/forward-queue')
    .option('--queue-max-bytes <n>', 'the forward queue holds at most this many bytes; then messages get 503 with Retry-After', String(256 * 1024 * 1024))
    .option('--unplanned-events <mode>', 'allow | block: a message whose event is not in the plan is answered 200, not forwarded, and quarantined (default allow, or serve.unplannedEvents in trackplan.config.yaml)')
    .option('--unplanned-properties <mode>', 'allow | omit: properties not in the plan are taken out before forwarding (default allow, or serve.unplannedProperties)')
    .option('--violations <mode>', 'allow | block: a message with a violation is answered 200, not forwarded, and quarantined (default allow, or serve.violations)')
    .option('--quarantine <file.ndjson>', 'append blocked messages, with their violations, to this file')
    .option('--shutdown-grace <seconds>', 'on SIGTERM/SIGINT, send what the upstream takes for at most this long; the rest stays in the queue', '10')
    .option('--no-watch', 'keep the plan loaded at start (by default a change to the plan file that passes `check` is swapped in)')
    .action(async (plan: string, opts: ServeCliOptions) => {
      code = await (await import('./serve.js')).runServe(plan, opts);
    });

  program
    .command('init')
    .description("write a first plan: a small example, or one of Segment's specs (--from segment/ecommerce) to make your own")
    .argument('[plan.yaml]', 'the plan file to write', 'tracking-plan.yaml')
    .option('--from <spec>', 'start from a bundled spec: segment/ecommerce, segment/b2b-saas, segment/video, segment/mobile')
    .option('--name <name>', "the plan's name (default: the file's name)")
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, opts: InitOptions) => {
      code = await (await import('./init.js')).runInit(file, opts);
    });

  const importCmd = program.command('import').description('convert a tracking plan from another tool into trackplan YAML');
  importCmd
    .command('segment')
    .description("convert a Segment tracking plan (Public API or Config API JSON); reports what changed form")
    .argument('<plan.json>', 'the exported Segment tracking plan')
    .option('-o, --out <plan.yaml>', 'the plan file to write')
    .option('--force', 'overwrite --out if it exists')
    .option('--verbose', 'list every note, not three of each kind')
    .action(async (file: string, opts: ImportOptions) => {
      code = await (await import('./import.js')).runImportSegment(file, opts);
    });

  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end "with an error" in commander's terms; they are successes.
      // `commander.help` is help shown because no command was given: a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UsageError || e instanceof InputError) {
      process.stderr.write(`trackplan: ${e.message}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`trackplan: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    process.stderr.write(debug ? `${(e as Error)?.stack}\n` : 'This is a bug in trackplan; run again with --debug and report the stack trace.\n');
    return EXIT.usage;
  }
}
