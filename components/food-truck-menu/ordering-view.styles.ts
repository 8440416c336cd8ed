import { css } from 'lit';

/** Cart, options form, own orders and the ready banner: attached when the ordering view loads. */
export const orderingStyles = css`
  /* The order so far, at the bottom of the screen while the menu scrolls. */
  .cart-bar {
    position: sticky;
    bottom: 0;
    z-index: 1;
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    width: 100%;
    margin-top: var(--_space);
    font-weight: 600;
    box-shadow: 0 0 0 4px var(--_bg);
  }
  @container (min-width: 720px) {
    .layout.with-cart {
      grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
      align-items: start;
    }
    .side {
      position: sticky;
      top: 0;
    }
    /* The cart is in view beside the menu. */
    .cart-bar {
      display: none;
    }
  }
  .line-head,
  .total {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    align-items: baseline;
  }
  .issue {
    color: var(--_danger);
  }
  .issue.info {
    color: var(--_warning);
  }
  .add {
    margin-top: 0.5rem;
  }
  .choose label {
    display: block;
    padding: 0.15rem 0;
  }
  .choose label.unavailable {
    color: var(--_muted);
  }
  .cart,
  .my-orders {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-bottom: var(--_space);
    background: var(--_surface);
  }
  .lines > li {
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .line.blocked {
    border-left: 4px solid var(--_danger);
    padding-left: 0.5rem;
  }
  .line-controls {
    display: flex;
    gap: 0.25rem;
    align-items: center;
    margin: 0.25rem 0;
  }
  .note input,
  .order-note textarea {
    width: 100%;
    box-sizing: border-box;
  }
  .order-note {
    display: block;
    margin-top: 0.5rem;
  }
  .total {
    margin: 0.5rem 0;
    font-size: 1.1em;
  }
  .checkout {
    width: 100%;
  }
  .ready-region:empty {
    display: none;
  }
  .ready {
    font-size: 1.5rem;
    font-weight: 700;
    text-align: center;
    padding: var(--_space);
    margin: 0 0 var(--_space);
    background: var(--_accent);
    color: var(--_accent-fg);
    border-radius: var(--_radius);
  }
  .my-order.failed {
    color: var(--_danger);
  }
`;
