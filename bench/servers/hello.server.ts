// The baseline of the `startup` figures: a process started the way the daemon is (node + tsx) that only
// prints one line, i.e. what starting any TypeScript process costs on this machine.
process.stdout.write('HELLO\n');
