import { registration, type FrameworkDescriptor, type MethodRole } from './types.js';

/** Every method of a command builder: each returns the builder, and each function it is given runs at start-up. */
const startup = (names: readonly string[]): Record<string, MethodRole> =>
  Object.fromEntries(names.map((name) => [name, 'startup']));

const COMMANDER = startup([
  'command',
  'addCommand',
  'action',
  'hook',
  'on',
  'option',
  'requiredOption',
  'addOption',
  'argument',
  'arguments',
  'addArgument',
  'description',
  'summary',
  'alias',
  'aliases',
  'usage',
  'name',
  'version',
  'helpOption',
  'addHelpText',
  'allowUnknownOption',
  'allowExcessArguments',
  'showHelpAfterError',
  'passThroughOptions',
  'enablePositionalOptions',
  'storeOptionsAsProperties',
  'exitOverride',
  'configureOutput',
  'configureHelp',
]);

const YARGS = startup([
  'command',
  'commands',
  'middleware',
  'check',
  'coerce',
  'option',
  'options',
  'positional',
  'usage',
  'demandCommand',
  'demandOption',
  'describe',
  'epilog',
  'example',
  'help',
  'alias',
  'version',
  'strict',
  'scriptName',
  'wrap',
  'fail',
]);

const CAC = startup([
  'command',
  'action',
  'option',
  'alias',
  'usage',
  'example',
  'help',
  'version',
  'allowUnknownOptions',
]);

/**
 * Command-line interfaces: the action of a command (`program.command('start').action(start)` with commander,
 * `yargs.command('migrate', '...', builder, handler)`, `cli.command('build').action(build)` with cac, the `run`
 * method of an oclif command class) runs once per invocation of the program, before any server listens or as a
 * one-off task (a migration, a user added by an admin, a build). What it calls is start-up code, whoever else calls
 * it.
 */
export const commandLine: FrameworkDescriptor = {
  name: 'command line',
  registrations: [
    // commander: `new Command()`, `createCommand()`, the shared `program`, and the module itself (commander 2-6).
    registration('commander', ['commander'], ['Command'], 'construct', { methods: COMMANDER }),
    registration('commander', ['commander'], ['createCommand'], 'call', { methods: COMMANDER }),
    registration('commander', ['commander'], ['program'], 'read', { methods: COMMANDER }),
    registration('commander', ['commander'], [], 'read', { methods: COMMANDER }),
    // yargs: `yargs(argv)` and the module's own instance (`require('yargs').command(...)`).
    registration('yargs', ['yargs', 'yargs/yargs'], [], 'call', { methods: YARGS }),
    registration('yargs', ['yargs'], [], 'read', { methods: YARGS }),
    registration('cac', ['cac'], [], 'call', { methods: CAC }),
    registration('cac', ['cac'], ['cac'], 'call', { methods: CAC }),
  ],
  // oclif: one class per command, whose `run` (and the `init`, `catch` and `finally` around it) runs per invocation.
  baseClasses: [
    {
      kind: 'oclif command',
      modules: ['@oclif/core', '@oclif/command'],
      path: ['Command'],
      startup: ['init', 'run', 'catch', 'finally'],
    },
  ],
};
