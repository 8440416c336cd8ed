/** Order phase labels, shared by the customer and vendor views. */
export const phaseEn = (p: string): string =>
  ({
    placed: 'Sent, waiting for the vendor',
    received: 'Received',
    preparing: 'Being prepared',
    ready: 'Ready for pickup',
    collected: 'Collected',
    cancelled: 'Cancelled',
    rejected: 'Rejected',
  })[p] ?? p;

export const phaseDe = (p: string): string =>
  ({
    placed: 'Gesendet, warte auf den Stand',
    received: 'Angenommen',
    preparing: 'In Zubereitung',
    ready: 'Abholbereit',
    collected: 'Abgeholt',
    cancelled: 'Storniert',
    rejected: 'Abgelehnt',
  })[p] ?? p;
