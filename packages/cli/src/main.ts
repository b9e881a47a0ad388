import { CommanderError } from "commander";
import { globals } from "./context";
import { type CliError, EXIT, explain } from "./errors";
import { buildProgram } from "./program";

// Entry point: runs the command line and turns every outcome into an exit code
// (0 done, 1 failed, 2 misused) with a message on stderr.

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
  process.exitCode = EXIT.ok;
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end with an "error" of exit code 0 too; commander has already printed
    // what it had to. Anything else (an unknown command, a bad option, a group without its
    // subcommand, which prints the group's help) is a usage error.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const explained: CliError = explain(error, globals(program).url);
    process.stderr.write(`error: ${explained.message}\n`);
    for (const line of explained.details) process.stderr.write(`  ${line}\n`);
    process.exitCode = explained.exitCode;
  }
}
// Nothing else keeps the process waiting (an open prompt, a timer of tail): end now.
process.exit(process.exitCode);
