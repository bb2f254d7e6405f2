/**
 * One line from stdin: piped (`pass herald | herald config set prod`) or typed at a terminal,
 * where it is not echoed (raw mode, as ssh and sudo ask for a password). Ctrl-C aborts.
 */
export function readSecret(stdin: NodeJS.ReadStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    const typed = stdin.isTTY === true;
    if (typed) {
      process.stderr.write(prompt);
      stdin.setRawMode(true);
    }
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (typed) {
        stdin.setRawMode(false);
        process.stderr.write('\n');
      }
      stdin.pause();
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') return finish(new Error('aborted'));
        if (char === '\n' || char === '\r' || char === '\u0004') return finish();
        if (char === '\u007f') line = line.slice(0, -1);
        else line += char;
      }
    };
    const onEnd = () => finish();
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}
