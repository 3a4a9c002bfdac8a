// A process that only stays alive, started with the process probe like the daemon: its event-loop lag in
// the same window is what the machine's scheduler alone costs a process (other load on the cores).
setInterval(() => {}, 60_000);
process.once('SIGTERM', () => process.exit(0));
process.stdout.write('IDLE READY\n');
