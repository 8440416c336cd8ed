/**
 * Registers a custom element once. A page may load both the CDN build and a widget
 * bundle (or two versions of one): the second define must be a no-op, not a throw.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
