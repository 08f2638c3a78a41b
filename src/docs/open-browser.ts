/** Opens a URL in the user's browser (`tx docs serve --browser`), best effort. */
import { spawn } from 'node:child_process';

export function openBrowser(url: string, platform: NodeJS.Platform): Promise<boolean> {
  const [cmd, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  return new Promise((done) => {
    try {
      const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
      child.once('error', () => done(false));
      child.once('spawn', () => {
        child.unref();
        done(true);
      });
    } catch {
      done(false);
    }
  });
}
