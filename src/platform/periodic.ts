import type { FastifyInstance } from "fastify";

/**
 * Runs `job` when the app starts listening and then every `minutes`: never two runs at once and none
 * once closing has begun. The timer never keeps the process alive, and closing the app waits for a
 * run in progress. A run that fails is handed to `failed`; the next one comes at the next interval.
 */
export function everyMinutesWhileListening(app: FastifyInstance, minutes: number, job: () => Promise<void>, failed: (error: unknown) => void): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closing = false;

  const run = (): void => {
    if (running || closing) return;
    running = job()
      .catch(failed)
      .finally(() => {
        running = undefined;
      });
  };

  app.addHook("onListen", async () => {
    run();
    timer = setInterval(run, minutes * 60_000);
    timer.unref();
  });
  app.addHook("onClose", async () => {
    closing = true;
    clearInterval(timer);
    await running;
  });
}
