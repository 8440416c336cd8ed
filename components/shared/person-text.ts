import type { PersonName } from './person-name.js';

/**
 * A person's name as plain text: "Name", "Name (@id)" or "@id". A module of its own so a
 * first render can use it without the name rule (person-name.ts) coming along.
 */
export function personText(person: PersonName): string {
  return person.name === undefined ? person.id : person.withId ? `${person.name} (${person.id})` : person.name;
}
