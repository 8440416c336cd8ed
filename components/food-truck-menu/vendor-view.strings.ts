import type { Translations } from '../shared/i18n.js';
import { phaseDe, phaseEn } from './phase-strings.js';

/** Strings of the vendor view (loaded with it). */
const en = {
  queue: 'Order queue',
  averageWait: (m: string) => `Average wait ${m}`,
  longestWait: (m: string) => `longest waiting ${m}`,
  noOrders: 'No orders.',
  minutes: (n: number) => `${n} min`,
  action: (p: string) =>
    ({ received: 'Accept', preparing: 'Start preparing', ready: 'Mark ready', collected: 'Mark collected' })[p] ?? p,
  reject: 'Reject',
  rejectReason: 'Reason for rejecting',
  confirmReject: 'Reject order',
  cancelOrder: 'Cancel order',
  availability: (name: string) => `Availability of ${name}`,
  editPrice: (name: string) => `Price of ${name}`,
  savePrice: 'Save price',
  invalidPrice: 'Enter a price like 4.50',
  available: 'Available',
  low: 'Only a few left',
  soldOut: 'Sold out',
  hiddenItem: 'Hidden from customers',
  cancel: 'Cancel',
  viewMenu: 'Menu',
  viewOrders: (n: number) => `Orders (${n})`,
  vendorView: 'Vendor view',
  phase: phaseEn,
};

const de: Partial<typeof en> = {
  queue: 'Bestellungen',
  averageWait: (m: string) => `Durchschnittliche Wartezeit ${m}`,
  longestWait: (m: string) => `am längsten wartend ${m}`,
  noOrders: 'Keine Bestellungen.',
  minutes: (n: number) => `${n} Min.`,
  action: (p: string) =>
    ({ received: 'Annehmen', preparing: 'Zubereiten', ready: 'Fertig', collected: 'Abgeholt' })[p] ?? p,
  reject: 'Ablehnen',
  rejectReason: 'Grund der Ablehnung',
  confirmReject: 'Bestellung ablehnen',
  cancelOrder: 'Bestellung stornieren',
  availability: (name: string) => `Verfügbarkeit von ${name}`,
  editPrice: (name: string) => `Preis von ${name}`,
  savePrice: 'Preis speichern',
  invalidPrice: 'Preis wie 4,50 eingeben',
  available: 'Verfügbar',
  low: 'Nur noch wenige',
  soldOut: 'Ausverkauft',
  hiddenItem: 'Für Kundschaft ausgeblendet',
  cancel: 'Abbrechen',
  viewMenu: 'Speisekarte',
  viewOrders: (n: number) => `Bestellungen (${n})`,
  vendorView: 'Ansicht für den Stand',
  phase: phaseDe,
};

export type VendorKey = keyof typeof en;
export const vendorStrings: Translations<VendorKey> = { en, de };
