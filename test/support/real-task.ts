/**
 * One real task's turn, also under sinon's fake timers (they hold setTimeout, not a
 * MessageChannel message): the room's reads, an on-demand part's `import()`.
 */
export const realTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** `n` real tasks, each followed by the element's update: what the reads cause is on screen. */
export async function settleTasks(el: { updateComplete: Promise<unknown> }, n = 20): Promise<void> {
  for (let i = 0; i < n; i++) {
    await realTask();
    await el.updateComplete;
  }
}
